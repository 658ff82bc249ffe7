/**
 * transcodeToUtf8: a GB18030 export becomes the same text in UTF-8 (lines unchanged), and
 * bytes that are not GB18030 are an error, not replacement characters. chooseEncoding: a
 * BOM or --encoding names the encoding; bytes that are not UTF-8 are taken for GB18030
 * only when they are Chinese text in GB18030, else the error says where UTF-8 breaks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseEncoding, encodingName, inspectBytes, transcodeToUtf8 } from '../../src/ingest/transcode.ts';
import { tempDir } from './ingest-fixtures.ts';

const GB = join(import.meta.dirname, '../fixtures/ingest/gb18030/calls-2026-11-20.csv');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The fixture's text (made once with `iconv -f UTF-8 -t GB18030` from these lines). */
const GB_FIXTURE_LINES = [
  '呼叫编号,呼叫方向,坐席工号,技能组,开始时间,接通时间,结束时间,处理结果,意向等级,备注',
  'C1,inbound,A1,售后,2026-11-20 09:00:00,2026-11-20 09:00:10,2026-11-20 09:05:00,resolved,,客户很满意',
  'C2,outbound,A2,,2026-11-20 10:00:00,2026-11-20 10:00:20,2026-11-20 10:06:00,sale,a,成交',
  'C3,外呼,A2,,2026-11-20 11:00:00,,2026-11-20 11:00:30,no_answer,,方向写成了中文',
];

describe('the GB18030 fixture', () => {
  it('is GB18030: 呼叫编号 is BA F4 BD D0 B1 E0 BA C5 (GBK code points), and not UTF-8', () => {
    const bytes = readFileSync(GB);
    expect([...bytes.subarray(0, 8)]).toEqual([0xba, 0xf4, 0xbd, 0xd0, 0xb1, 0xe0, 0xba, 0xc5]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });
});

describe('transcodeToUtf8', () => {
  it('writes the same lines as UTF-8 and cleans up after itself', async () => {
    const out = await transcodeToUtf8(GB, 'gb18030');
    try {
      expect(readFileSync(out.path, 'utf8')).toBe(`${GB_FIXTURE_LINES.join('\n')}\n`);
    } finally {
      out.cleanup();
    }
    expect(() => readFileSync(out.path)).toThrow(/ENOENT/);
  });

  it('refuses bytes that are not GB18030', async () => {
    const bad = tmp.path('bad.csv');
    // 0xFF never starts a GB18030 character.
    writeFileSync(bad, Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xff, 0x0a]));
    await expect(transcodeToUtf8(bad, 'gb18030')).rejects.toThrow(`${bad} is not valid gb18030 text`);
  });
});

describe('transcodeToUtf8 of other encodings', () => {
  it('inflates a .gz and decodes it; the copy has no .gz name', async () => {
    const gz = tmp.path('calls-gb.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(GB)));
    const out = await transcodeToUtf8(gz, 'gb18030');
    try {
      expect(out.path.endsWith('/calls-gb.csv')).toBe(true);
      expect(readFileSync(out.path, 'utf8')).toBe(`${GB_FIXTURE_LINES.join('\n')}\n`);
    } finally {
      out.cleanup();
    }
  });

  it('decodes windows-1251, Big5, Shift_JIS and UTF-16LE (its BOM dropped)', async () => {
    const cases: Array<[string, Buffer, string]> = [
      // Привет: П CF, р F0, и E8, в E2, е E5, т F2.
      ['windows-1251', Buffer.from([0x61, 0x0a, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a]), 'a\nПривет\n'],
      // 中文: A4A4 A4E5.
      ['big5', Buffer.from([0x61, 0x0a, 0xa4, 0xa4, 0xa4, 0xe5, 0x0a]), 'a\n中文\n'],
      // 日本: 93FA 967B (the second byte of 本 is ASCII '{').
      ['shift_jis', Buffer.from([0x61, 0x0a, 0x93, 0xfa, 0x96, 0x7b, 0x0a]), 'a\n日本\n'],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\r\n呼\r\n', 'utf16le')]), 'a\r\n呼\r\n'],
    ];
    for (const [encoding, bytes, text] of cases) {
      const path = tmp.path(`${encoding}.csv`);
      writeFileSync(path, bytes);
      const out = await transcodeToUtf8(path, encoding);
      try {
        expect(readFileSync(out.path, 'utf8'), encoding).toBe(text);
      } finally {
        out.cleanup();
      }
    }
  });
});

describe('encodingName', () => {
  it("gives TextDecoder's name for any label it knows, null otherwise", () => {
    expect(['UTF8', 'gbk', 'GB18030', 'latin1', 'cp1251', 'Shift_JIS', 'big5', 'utf-16le'].map(encodingName)).toEqual([
      'utf-8',
      'gbk',
      'gb18030',
      'windows-1252',
      'windows-1251',
      'shift_jis',
      'big5',
      'utf-16le',
    ]);
    expect(encodingName('klingon')).toBeNull();
  });
});

describe('chooseEncoding', () => {
  const file = (name: string, ...parts: Array<string | number[]>) => {
    const path = tmp.path(name);
    writeFileSync(path, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));
    return path;
  };
  const valid = { validUtf8: true, bom: null } as const;
  const invalid = { validUtf8: false, bom: null } as const;
  const decodesAsGb18030 = (path: string) => {
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(readFileSync(path));
      return true;
    } catch {
      return false;
    }
  };

  it('UTF-8 by default; a BOM or --encoding names the encoding', async () => {
    expect(await chooseEncoding(GB, valid)).toBe('utf-8');
    expect(await chooseEncoding(GB, { validUtf8: false, bom: 'gb18030' })).toBe('gb18030');
    expect(await chooseEncoding(GB, { validUtf8: false, bom: 'utf-16le' })).toBe('utf-16le');
    expect(await chooseEncoding(GB, invalid, 'big5')).toBe('big5');
  });

  it('takes a real GB18030 export (also gzipped) for GB18030: every non-ASCII byte pairs as a common hanzi', async () => {
    expect(await inspectBytes(GB)).toEqual({
      firstInvalidUtf8: { line: 1, byte: 0xba },
      utf8HanziBeforeInvalid: 0,
      // every one of its 55 characters outside ASCII (counted by Python's gb2312 codec)
      gb18030Hanzi: 55,
    });
    expect(await chooseEncoding(GB, invalid)).toBe('gb18030');
    const gz = tmp.path('gb.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(GB)));
    expect(await chooseEncoding(gz, invalid)).toBe('gb18030');
  });

  it('a UTF-8 file with a stray byte is not switched to GB18030: the error names the line and the byte', async () => {
    const stray = file('stray.csv', 'queue,note\n客户,很满意\n5', [0xb5], 'm,ok\n');
    // 客户很满意 before it are UTF-8 Chinese: no encoding reads both parts.
    await expect(chooseEncoding(stray, invalid)).rejects.toThrow(
      'not valid UTF-8 at line 3 (byte 0xB5), though the Chinese text before it is: a stray byte, or a file in two encodings; fix that line or convert the file to one encoding',
    );
    const strayInAscii = file('stray-ascii.csv', 'queue,note\nsales,ok\n5', [0xb5], 'm,ok\n');
    await expect(chooseEncoding(strayInAscii, invalid)).rejects.toThrow(
      'not valid UTF-8 at line 3 (byte 0xB5); use --encoding NAME (e.g. gb18030, big5, windows-1252)',
    );
  });

  it('two stray bytes that GB18030 reads as one character do not switch the file: the error says so', async () => {
    // B0 A1 is 啊, a common hanzi, and the only bytes outside ASCII: a stray pair, or a
    // GB18030 file with one Chinese character; nothing tells which.
    const pair = file('stray-pair.csv', 'call_id,agent_id\nC1,a1\nC2,a', [0xb0, 0xa1], '\n');
    expect(await inspectBytes(pair)).toEqual({
      firstInvalidUtf8: { line: 3, byte: 0xb0 },
      utf8HanziBeforeInvalid: 0,
      gb18030Hanzi: 1,
    });
    await expect(chooseEncoding(pair, invalid)).rejects.toThrow(
      "not valid UTF-8 at line 3 (byte 0xB0); its bytes outside ASCII would be one GB18030 character, too few to tell a stray byte from the file's encoding; use --encoding NAME (e.g. gb18030, big5, windows-1252)",
    );
    expect(await chooseEncoding(pair, invalid, 'gb18030')).toBe('gb18030');
    // Two such characters (王芳 in GB18030: CD F5 B7 BC) are Chinese text.
    const name = file('two-hanzi.csv', 'call_id,agent_id\nC1,', [0xcd, 0xf5, 0xb7, 0xbc], '\n');
    expect(await chooseEncoding(name, invalid)).toBe('gb18030');
  });

  it('bytes GB18030 decodes are still refused when they are not Chinese text', async () => {
    // "5µm" in Latin-1: B5 6D is one GB18030 character, but not a common hanzi (6D is ASCII).
    const latin1 = file('latin1.csv', 'size\n5', [0xb5], 'm\n');
    expect(decodesAsGb18030(latin1)).toBe(true);
    await expect(chooseEncoding(latin1, invalid)).rejects.toThrow('not valid UTF-8 at line 2 (byte 0xB5)');
    // Привет in windows-1251 pairs as CF F0, E8 E2, E5 F2: only CF F0 is a level-1 hanzi,
    // 2 of 6 non-ASCII bytes, not more than half.
    const cyrillic = file('cyrillic.csv', 'queue\n', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2], '\n');
    expect(decodesAsGb18030(cyrillic)).toBe(true);
    expect(await inspectBytes(cyrillic)).toEqual({
      firstInvalidUtf8: { line: 2, byte: 0xcf },
      utf8HanziBeforeInvalid: 0,
      gb18030Hanzi: 0,
    });
    expect(await chooseEncoding(cyrillic, invalid, 'windows-1251')).toBe('windows-1251');
  });

  it('--encoding utf-8 on bytes that are not UTF-8 is the same error, even for a GB18030 file', async () => {
    await expect(chooseEncoding(GB, invalid, 'utf-8')).rejects.toThrow(
      new Error('not valid UTF-8 at line 1 (byte 0xBA); use --encoding NAME (e.g. gb18030, big5, windows-1252)'),
    );
  });

  it('finds the first bad byte across the 1 MiB read chunks and counts the lines before it', async () => {
    // 呼 (E5 91 BC) split by the chunk boundary is valid; the FF on the third line is not.
    const big = file('big.csv', 'a\n', 'x'.repeat((1 << 20) - 3), '呼\n', [0xff], '\n');
    expect(await inspectBytes(big)).toEqual({
      firstInvalidUtf8: { line: 3, byte: 0xff },
      utf8HanziBeforeInvalid: 1,
      gb18030Hanzi: 0,
    });
  });
});
