/**
 * The HTML document around a report's body: inlined CSS, the inlined vega libraries and
 * report.js, and a Content-Security-Policy that allows exactly those scripts (by hash),
 * fonts from data: URLs (the CJK subset render-reports adds to the head), no network at all,
 * and no inline event handlers; a second line of defence behind escaping.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { html, trusted, type Html } from './html.ts';
import { vendorScripts } from './vendor-scripts.ts';
import { projectUrl } from '../files/project-root.ts';

const BROWSER_DIR = projectUrl('src/reports/browser/');
let assets: { css: string; js: string } | undefined;

function browserAssets(): { css: string; js: string } {
  assets ??= {
    css: readFileSync(new URL('report.css', BROWSER_DIR), 'utf8'),
    js: readFileSync(new URL('report.js', BROWSER_DIR), 'utf8'),
  };
  return assets;
}

export interface ShellInput {
  lang: string;
  title: string;
  body: Html;
  /** <script type="application/json"> blocks (not executed, so not hashed). */
  dataScripts: Html;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export function renderShell({ lang, title, body, dataScripts }: ShellInput): string {
  const { css, js } = browserAssets();
  const scripts = [...vendorScripts(), js];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    // vega-embed and its tooltip add <style> elements and style attributes.
    "style-src 'unsafe-inline'",
    'img-src data:',
    // The CJK font subset the page embeds (fonts/cjk-font.ts).
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trusted(css)}</style>
</head>
<body>
${body}
${dataScripts}
${scripts.map((script) => html`<script>${trusted(script)}</script>\n`)}</body>
</html>
`.text;
}
