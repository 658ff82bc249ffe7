/**
 * Chinese text on a machine without a CJK font: a page gets an @font-face rule whose font
 * is a subset of Noto Sans SC (SIL Open Font License, from the npm package
 * @expo-google-fonts/noto-sans-sc) holding only the CJK characters the page uses, inlined
 * as a data: URL (WOFF2), so the page still needs no network. The face is named "Noto Sans
 * CJK SC", which the page's and the charts' font lists already name, and comes first in the
 * list (CJK_FIRST); it holds CJK characters only, so Latin text keeps the system font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

/** The family the page's CSS and the Vega config list before the system CJK fonts. */
export const CJK_FAMILY = 'Noto Sans CJK SC';

/** CJK radicals, punctuation and ideographs, and the full-width forms (，：；（）). */
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/g;

let font: Buffer | undefined;

function notoSansSc(): Buffer {
  if (!font) {
    const dir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    font = readFileSync(join(dir, '400Regular', 'NotoSansSC_400Regular.ttf'));
  }
  return font;
}

/** The distinct CJK characters of a text, in code point order. */
export function cjkCharacters(text: string): string {
  return [...new Set(text.match(CJK) ?? [])].sort().join('');
}

/** The @font-face rule for these characters, or '' when there are none. */
export async function cjkFontFace(characters: string): Promise<string> {
  if (characters === '') return '';
  const subset = await subsetFont(notoSansSc(), characters, { targetFormat: 'woff2' });
  // unicode-range: the browser knows which characters the face holds without decoding it,
  // so Latin text goes straight to the next font in the list.
  return `@font-face { font-family: "${CJK_FAMILY}"; font-style: normal; font-weight: 400; font-display: block; src: url(data:font/woff2;base64,${subset.toString('base64')}) format("woff2"); unicode-range: ${unicodeRange(characters)}; }`;
}

/** The code points as CSS unicode-range entries, consecutive ones as one range (U+4E00-4E03). */
function unicodeRange(characters: string): string {
  const points = [...characters].map((c) => c.codePointAt(0)!);
  const ranges: Array<[number, number]> = [];
  for (const point of points) {
    const last = ranges.at(-1);
    if (last && point === last[1] + 1) last[1] = point;
    else ranges.push([point, point]);
  }
  const hex = (n: number) => n.toString(16).toUpperCase();
  return ranges.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(', ');
}

/**
 * The face first, before system-ui: chromium on Linux draws some CJK words (每日运营报告)
 * with the system-ui font's missing-glyph boxes when system-ui comes first in the list, even
 * with a CJK font further on. The face holds only CJK characters (its unicode-range), so
 * Latin text keeps the fonts of the page's list. SVG text (the charts) names its fonts in an
 * attribute, which a CSS rule overrides.
 */
const CJK_FIRST = `body, svg text { font-family: "${CJK_FAMILY}", system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; }`;

/** The page with a <style> holding the font of its CJK characters at the end of its <head>. */
export async function withCjkFont(page: string): Promise<string> {
  const face = await cjkFontFace(cjkCharacters(page));
  if (face === '') return page;
  const end = page.indexOf('</head>');
  return `${page.slice(0, end)}<style id="cjk-font">${face}\n${CJK_FIRST}</style>\n${page.slice(end)}`;
}
