/** The CJK font a page embeds: which characters it asks for, and the @font-face it writes. */
import { describe, expect, it } from 'vitest';
import { cjkCharacters, cjkFontFace, withCjkFont } from '../../src/reports/fonts/cjk-font.ts';

describe('the embedded CJK font', () => {
  it('holds the distinct CJK characters and full-width punctuation of the page, not Latin or general punctuation', () => {
    // 伟 U+4F1F, 张 U+5F20, 日 U+65E5, 每 U+6BCF, （ U+FF08, ） U+FF09, ， U+FF0C, ： U+FF1A; — and “ ” are not CJK.
    expect(cjkCharacters('Agent 张伟（A1）：每日，每日 — “x” 2026')).toBe('伟张日每（），：');
  });

  it('writes no face for a page without CJK, and one whose range names each character, consecutive ones as a range', async () => {
    expect(await cjkFontFace('')).toBe('');
    expect(await withCjkFont('<html><head></head><body>Calls</body></html>')).toBe(
      '<html><head></head><body>Calls</body></html>',
    );
    // 一 U+4E00 and 丁 U+4E01 are consecutive; 张 U+5F20 stands alone.
    const face = await cjkFontFace(cjkCharacters('张一丁'));
    expect(face).toMatch(
      /^@font-face \{ font-family: "Noto Sans CJK SC"; .* src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]+\) format\("woff2"\); unicode-range: U\+4E00-4E01, U\+5F20; \}$/,
    );
    // The WOFF2 signature 'wOF2' opens the font.
    const base64 = /base64,([^)]+)\)/.exec(face)![1]!;
    expect(Buffer.from(base64, 'base64').subarray(0, 4).toString('latin1')).toBe('wOF2');
  });

  it('puts the face in the head of a page with CJK, first in the font list', async () => {
    const page = await withCjkFont('<html><head><title>t</title></head><body>张伟</body></html>');
    expect(page).toMatch(
      /^<html><head><title>t<\/title><style id="cjk-font">@font-face \{[^\n]+\}\nbody, svg text \{ font-family: "Noto Sans CJK SC", system-ui/,
    );
    expect(page).toMatch(/<\/style>\n<\/head><body>张伟<\/body><\/html>$/);
  });
});
