/**
 * Test helper: the text of a PDF that chromium printed (page.pdf), without a PDF library.
 * Chromium's PDFs (Skia) draw text with Type0 fonts: each content stream selects a font
 * (`/F4 11 Tf`) and shows glyph ids as hex strings (`<0024005100520050> Tj`, or in `TJ`
 * arrays); the font's ToUnicode CMap maps the ids back to characters. Streams are
 * Flate-compressed, which node:zlib inflates. Text runs are joined as they are drawn, so
 * compare without whitespace (`pdfHasText`): a line may be split into runs anywhere.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const dataStart = start + streamAt + /stream\r?\n/.exec(body.slice(streamAt))![0].length;
    const raw = pdf.subarray(dataStart, dataStart + length);
    objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    header.lastIndex = end;
  }
  return objects;
}

const hexUnits = (hex: string) => hex.match(/[0-9A-Fa-f]{4}/g)?.map((h) => parseInt(h, 16)) ?? [];

/** Glyph id -> characters, from a ToUnicode CMap's bfchar and bfrange sections. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const chars = (hex: string) => String.fromCharCode(...hexUnits(hex));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(src!, 16), chars(dst!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = hexUnits(dst!);
      for (let id = parseInt(lo!, 16); id <= parseInt(hi!, 16); id++) {
        const offset = id - parseInt(lo!, 16);
        map.set(id, String.fromCharCode(...first.slice(0, -1), first.at(-1)! + offset));
      }
    }
  }
  return map;
}

/** The text each page draws, in drawing order. */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const fontMap = (fontObject: number) => {
    let map = cmaps.get(fontObject);
    if (!map) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject)?.dict ?? '')?.[1];
      map = toUnicode(ref ? (objects.get(Number(ref))?.stream?.toString('latin1') ?? '') : '');
      cmaps.set(fontObject, map);
    }
    return map;
  };
  const pages: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue;
    const fonts = new Map(
      [...(/\/Font <<([^>]*)>>/.exec(dict)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)].map((m) => [
        m[1]!,
        Number(m[2]),
      ]),
    );
    const contents = /\/Contents (?:\[([^\]]*)\]|(\d+) 0 R)/.exec(dict);
    const refs = contents
      ? contents[1]
        ? [...contents[1].matchAll(/(\d+) 0 R/g)].map((m) => m[1]!)
        : [contents[2]!]
      : [];
    let text = '';
    for (const ref of refs) {
      const stream = objects.get(Number(ref))?.stream?.toString('latin1') ?? '';
      let font = new Map<number, string>();
      // Font selections and shown strings, in order: "/F4 11 Tf", "<...>" (Tj, or inside a TJ array).
      for (const token of stream.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\] ?TJ|Tj/g)) {
        if (token[1] !== undefined) font = fontMap(fonts.get(token[1]) ?? -1);
        else if (token[2] !== undefined)
          text += hexUnits(token[2])
            .map((id) => font.get(id) ?? '')
            .join('');
        else text += ' ';
      }
    }
    pages.push(text);
  }
  return pages.join('\n');
}

/** Whether the PDF's text holds `needle`, whitespace ignored on both sides (and ligatures such as ﬁ read as fi). */
export function pdfHasText(pdfTextValue: string, needle: string): boolean {
  const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return squash(pdfTextValue).includes(squash(needle));
}
