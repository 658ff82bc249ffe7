/**
 * asterisk-cdr: the fixture cases under test/fixtures/sources/asterisk-cdr (Master.csv with
 * 16 and 21 columns, a cdr table export), with calls and figures worked out by hand from
 * Asterisk's CDR definitions: IVR answers and ring-group Local/ legs are no answer, and a
 * transferred call is a leg per agent the caller was bridged with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileLoadResult } from '../../../src/ingest/load-file.ts';
import { asteriskCdr } from '../../../src/ingest/sources/asterisk-cdr.ts';
import { withTempDir } from '../../util/with-temp-dir.ts';
import { caseDir, checkCase, expectCalls, inCaseDb, loadSource } from './source-cases.ts';

describe('asterisk-cdr', () => {
  it.each(['master16', 'master21', 'db-export', 'transfer'])(
    "%s: calls, skipped calls and the day's figures as worked out by hand",
    async (name) => {
      await checkCase('asterisk-cdr', caseDir('asterisk-cdr', name));
    },
  );
});

describe('asterisk-cdr calls across files', () => {
  // master21's first call (linkedid 1795140000.101) as cdr_csv writes it, a row as each
  // channel hangs up: the IVR row at 10:00:09, the ring group's Local/ row and 1002's
  // unanswered ring at 10:00:21, 1001's answered leg at 10:04:21. The log rotates at
  // 10:02, so the last row is in the next file. Worked out from the whole call: inbound
  // (from-pstn), started at the IVR's 10:00:00, answered by 1001 at 10:00:21, ended 10:04:21.
  const rows = readFileSync(join(caseDir('asterisk-cdr', 'master21'), 'Master.csv'), 'utf8').split('\n');
  const [noAnswer1002, answered1001, ivr, local] = [rows[0]!, rows[1]!, rows[2]!, rows[3]!];
  const before = [ivr, local, noAnswer1002];
  const after = [answered1001];
  const call = {
    call_id: '1795140000.101',
    direction: 'inbound',
    agent_id: '1001',
    started_at: '2026-11-20T10:00:00+08:00',
    answered_at: '2026-11-20T10:00:21+08:00',
    ended_at: '2026-11-20T10:04:21+08:00',
  };
  const timezone = 'Asia/Shanghai';

  async function loadInTurn(
    files: Array<[name: string, lines: string[]]>,
    discover?: (dir: string) => string[],
    calls: Record<string, unknown>[] = [call],
  ) {
    return withTempDir(async (dir) =>
      inCaseDb({ timezone }, async (db) => {
        const results: FileLoadResult[] = [];
        if (discover) {
          for (const [name, lines] of files) writeFileSync(join(dir, name), [...lines, ''].join('\n'));
          results.push(...(await loadSource(db, 'asterisk-cdr', discover(dir), { timezone })));
        } else {
          for (const [name, lines] of files) {
            writeFileSync(join(dir, name), [...lines, ''].join('\n'));
            results.push(...(await loadSource(db, 'asterisk-cdr', [join(dir, name)], { timezone })));
          }
        }
        await expectCalls(db, calls);
        const lines = await db.queryJs<{ load_id: number; source_line: bigint }>(
          'select load_id, source_line from calls order by call_id',
        );
        return { results, lines };
      }),
    );
  }

  it('makes a call whose last row is in the next file from all its rows, pointing at that row', async () => {
    const { results, lines } = await loadInTurn([
      ['Master.csv.1', before],
      ['Master.csv', after],
    ]);
    // The first file made the call unanswered from its three rows; the second makes it again.
    expect(results.map((r) => r.rejected)).toEqual([0, 0]);
    expect(results[1]!.source?.report.skipped).toEqual({ internal: 0, ivr_only: 0, other_context: 0 });
    expect(results[1]!.rows).toBe(1);
    expect(lines).toEqual([{ load_id: results[1]!.loadId, source_line: 1n }]);
  });

  it("keeps for the next file only the rows of calls that ended in the file's last four hours", async () => {
    // master21 ends with a call from 23:58:30 to 00:03:40 (line 11); the call before it
    // ended at 15:00:03, nine hours earlier.
    await inCaseDb({ timezone }, async (db) => {
      await loadSource(db, 'asterisk-cdr', [join(caseDir('asterisk-cdr', 'master21'), 'Master.csv')], { timezone });
      expect(await db.queryJs('select call_key, line from cdr_recent_legs')).toEqual([
        { call_key: '1795190310.171', line: 11n },
      ]);
    });
  });

  it('loads rotated files found together oldest first, by their first row', async () => {
    const { results } = await loadInTurn(
      [
        ['Master.csv.1', before],
        ['Master.csv', after],
      ],
      (dir) => [dir],
    );
    expect(results.map((r) => basename(r.file))).toEqual(['Master.csv.1', 'Master.csv']);
  });

  it('counts each row once when one Master.csv is loaded again as it grows', async () => {
    // The same path twice: the whole call on the first night (kept, as it ended late in the
    // file), then those rows again and the next call's (1002 answers 1795143600.121 at
    // 11:00:07 after its 11:00:00 start; it ends 11:06:07). 1001's leg read twice would be
    // a second agent leg, `1795140000.101#2`.
    const next = rows[4]!;
    await loadInTurn(
      [
        ['Master.csv', [...before, ...after]],
        ['Master.csv', [...before, ...after, next]],
      ],
      undefined,
      [
        call,
        {
          call_id: '1795143600.121',
          direction: 'inbound',
          agent_id: '1002',
          started_at: '2026-11-20T11:00:00+08:00',
          answered_at: '2026-11-20T11:00:07+08:00',
          ended_at: '2026-11-20T11:06:07+08:00',
        },
      ],
    );
  });

  it("reads when a Master.csv or an export starts from its first row's end", () => {
    const at = (head: string) => asteriskCdr.firstRecordAt!(head);
    expect(at(`${before.join('\n')}\n`)).toBe(Date.UTC(2026, 10, 20, 10, 0, 9));
    expect(
      at('calldate,clid,src,dst,dcontext,channel,disposition\n2026-11-20 10:00:00,"",1,2,from-pstn,x,ANSWERED\n'),
    ).toBe(Date.UTC(2026, 10, 20, 10));
  });
});
