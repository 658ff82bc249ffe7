import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, trusted } from '../../src/reports/html.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that can start markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('html', () => {
  it('escapes interpolated values but keeps Html and joins arrays', () => {
    const name = '<img src=x onerror=alert(1)>';
    const out = html`<p title="${name}">${name}${trusted('<b>ok</b>')}${[html`<i>1</i>`, '<2>']}${null}${undefined}${false}</p>`;
    expect(out.text).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;<b>ok</b><i>1</i>&lt;2&gt;</p>',
    );
  });
});

describe('jsonForScript', () => {
  it('cannot close a script element or open a comment, and parses back to the same value', () => {
    const value = { comment: '</script><script>alert(1)</script><!-- & \u2028' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(text)).toEqual(value);
  });
});
