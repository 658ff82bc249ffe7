/**
 * transcodeToUtf8: a GB18030 export becomes the same text in UTF-8 (lines unchanged), and
 * bytes that are not GB18030 are an error, not replacement characters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transcodeToUtf8 } from '../../src/ingest/transcode.ts';
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
