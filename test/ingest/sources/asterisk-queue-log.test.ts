/**
 * asterisk-queue-log: the fixture cases under test/fixtures/sources/asterisk-queue-log, each
 * with rows and figures worked out by hand from Asterisk's queue_log definitions.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles, sourceFiles } from '../../../src/ingest/discover-files.ts';
import { loadFiles } from '../../../src/ingest/load-files.ts';
import { parseConfig } from '../../../src/config/load-config.ts';
import { asteriskQueueLog, CODE_BITS, seqMacros, seqType } from '../../../src/ingest/sources/asterisk-queue-log.ts';
import { readQuery } from '../../../src/db/sql-files.ts';
import { withDb } from '../../util/with-db.ts';
import { runCli } from '../../util/run-cli.ts';
import { withTempDir } from '../../util/with-temp-dir.ts';
import type { Database } from '../../../src/db/database.ts';
import type { FileLoadResult } from '../../../src/ingest/load-file.ts';
import {
  caseDir,
  checkCase,
  computeCase,
  expectCalls,
  expectMetrics,
  expectMissedOffers,
  expectSkipped,
  inCaseDb,
  inputsOf,
  loadSource,
  readExpected,
  type ExpectedCase,
} from './source-cases.ts';

describe('asterisk-queue-log', () => {
  it.each(['basic', 'db-export', 'requeue'])(
    "%s: calls, skipped lines, missed offers and the day's figures as worked out by hand",
    async (name) => {
      await checkCase('asterisk-queue-log', caseDir('asterisk-queue-log', name));
    },
  );
});

describe('asterisk-queue-log across files', () => {
  it('holds a call with no closing event until the file that ends it, then loads it once', async () => {
    const dir = caseDir('asterisk-queue-log', 'pending');
    const { after, timezone } = readExpected<PendingCase>(dir);
    await inCaseDb({ timezone }, async (db) => {
      for (const step of ['1', '2'] as const) {
        const want = after[step];
        const [result] = await loadSource(db, 'asterisk-queue-log', [join(dir, `day${step}`, 'queue_log')], {
          timezone,
        });
        expectSkipped([result!], want);
        expect(result!.loaded).toBe(want.loaded_by_this_file.length);
        await expectCalls(db, want.calls);
        const pending = await db.queryJs('select distinct callid from queue_log_pending order by callid');
        expect(pending.map((r) => r.callid)).toEqual([...want.pending_call_ids].sort());
        await expectMissedOffers(db, want.missed_offers);
        await computeCase(db, timezone);
        await expectMetrics(db, want.metrics);
      }
    });
  });
});

// A call across two days' logs. Day 1: W enters 400 at 16:00:00 (epoch 1795161600),
// Local/2002@from-queue/n rings 15 s unanswered (line 2), SIP/2001 answers at 16:00:20; no
// close. Day 2 closes it at 16:05:20 (its one line). Neither member is named in day 2.
const W_DAY1 = [
  '1795161600|W|400|NONE|ENTERQUEUE||13800000095|1',
  '1795161615|W|400|Local/2002@from-queue/n|RINGNOANSWER|15000',
  '1795161620|W|400|SIP/2001|CONNECT|20|W.2|5',
];
const W_CLOSE = '1795161920|W|400|SIP/2001|COMPLETEAGENT|20|300|1';

describe('asterisk-queue-log events carried from an earlier file', () => {
  const days = [W_DAY1, [W_CLOSE]];

  it('says how many held calls have waited over a day for their closing event', async () => {
    // W (entered 2026-11-20 16:00:00) is still open when day 2 ends. Day 2 is V's enter a
    // day after W's and its answer a minute later (V stays open too): by day 2's last event
    // W has waited over a day, V has not.
    const v = (at: number, rest: string) => `${1795161600 + at}|V|400|${rest}`;
    const stale = (r: FileLoadResult) => r.source!.report.notes.filter((n) => n.includes('over a day'));
    await loadLogs(
      [W_DAY1, [v(86400, 'NONE|ENTERQUEUE||13800000096|1'), v(86460, 'SIP/2001|CONNECT|20|V.2|5')]],
      'Asia/Shanghai',
      async (_, results) => {
        expect(results.map(stale)).toEqual([
          [],
          [
            '1 held call has had no closing event for over a day (an Asterisk that crashed or was killed writes none for its calls in progress): held until one comes',
          ],
        ]);
        expect(results.map((r) => r.source!.report.skipped.pending)).toEqual([1, 2]);
      },
    );
  });

  it('gives a call the agent of a member who answered it in the file before, and the ring it missed there', async () => {
    // The agents (2001, 2002) come from the events day 1 left open.
    await loadLogs(days, 'Asia/Shanghai', async (db) => {
      await expectCalls(db, [
        {
          call_id: 'W',
          agent_id: '2001',
          answered_at: '2026-11-20T16:00:20+08:00',
          ended_at: '2026-11-20T16:05:20+08:00',
          disconnect_party: 'agent',
        },
      ]);
      await expectMissedOffers(db, { '2002': 1 });
    });
  });

  it("leads a missed offer read in the file before back to that file's load and line", async () => {
    await loadLogs(days, 'Asia/Shanghai', async (db, results) => {
      const offers = await db.queryJs<{ load_id: number; source_line: bigint; ring_ms: bigint }>(
        'select load_id, source_line, ring_ms from missed_offers',
      );
      expect(offers).toEqual([{ load_id: results[0]!.loadId, source_line: 2n, ring_ms: 15000n }]);
      expect(results[0]!.loadId).not.toBe(results[1]!.loadId);
    });
  });
});

describe('asterisk-queue-log grown in place', () => {
  // One path loaded each night, never rotated: the next night's file is the last one's
  // lines and then more. W (W_DAY1) is rung unanswered on line 2, answered, not closed on
  // night 1; night 3 closes it on line 9. V (lines 4-7) rings 2002 unanswered on line 5
  // and ends on night 1, and is read again each night.
  const night1 = [
    ...W_DAY1,
    '1795161700|V|400|NONE|ENTERQUEUE||13800000096|1',
    '1795161710|V|400|SIP/2002|RINGNOANSWER|8000',
    '1795161720|V|400|SIP/2001|CONNECT|20|V.2|5',
    '1795161780|V|400|SIP/2001|COMPLETECALLER|20|60|1',
  ];
  // Night 2 adds a line of another call (U enters; no close): W is still open. Night 3 closes W.
  const night2 = [...night1, '1795161900|U|400|NONE|ENTERQUEUE||13800000097|1'];
  const night3 = [...night2, W_CLOSE];

  it('counts each call and each missed ring once when the log is read again with more lines', async () => {
    const pending = (db: Database) =>
      db.queryJs<{ callid: string; line: bigint }>('select callid, line from queue_log_pending order by callid, line');
    await withTempDir(async (dir) => {
      const path = join(dir, 'queue_log');
      const load = async (db: Database, lines: string[]) => {
        writeFileSync(path, [...lines, ''].join('\n'));
        const [result] = await loadSource(db, 'asterisk-queue-log', [path], { timezone: 'Asia/Shanghai' });
        return result!;
      };
      await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
        await load(db, night1);
        await load(db, night2);
        // W's three events once (read again on night 2, not also carried), and U's enter.
        expect(await pending(db)).toEqual([
          { callid: 'U', line: 8n },
          { callid: 'W', line: 1n },
          { callid: 'W', line: 2n },
          { callid: 'W', line: 3n },
        ]);
        const last = await load(db, night3);
        await expectCalls(db, [
          { call_id: 'V', agent_id: '2001', ended_at: '2026-11-20T16:03:00+08:00', disconnect_party: 'customer' },
          { call_id: 'W', agent_id: '2001', ended_at: '2026-11-20T16:05:20+08:00', disconnect_party: 'agent' },
        ]);
        // W's ring missed by 2002 (line 2) and V's (line 5), each once.
        const offers = await db.queryJs<{ call_id: string; agent_id: string; source_line: bigint }>(
          'select call_id, agent_id, source_line from missed_offers order by call_id',
        );
        expect(offers).toEqual([
          { call_id: 'V', agent_id: '2002', source_line: 5n },
          { call_id: 'W', agent_id: '2002', source_line: 2n },
        ]);
        expect((await pending(db)).map((e) => e.callid)).toEqual(['U']);
        expect(last.source?.report.made).toEqual({ calls: 2, 'transfer legs': 0, 'missed offers': 2 });
      });
    });
  });
});

describe('asterisk-queue-log rotated logs', () => {
  // A rotated log folder: queue_log.1 is yesterday's (W_DAY1), queue_log today's (W ends).
  // By name, today's sorts first; its COMPLETEAGENT would be a call that never entered a
  // queue and W would wait for good. The logs load oldest first, by their first line's time.

  it("reads when a log starts from its first line, or from an export's first row", () => {
    const at = (head: string) => asteriskQueueLog.firstRecordAt!(head);
    expect(at(`${W_DAY1.join('\n')}\n`)).toBe(1795161600 * 1000);
    expect(at('time,callid,queuename,agent,event,data1\n2026-11-20 16:00:00.250,W,400,NONE,ENTERQUEUE,\n')).toBe(
      Date.UTC(2026, 10, 20, 16, 0, 0, 250),
    );
    expect(at('callid;event;"time"\r\nW;ENTERQUEUE;"1795161600"\r\n')).toBe(1795161600 * 1000);
    expect(at('time,callid,event\n2026-11-20T16:00:00+08:00,W,ENTERQUEUE\n')).toBe(Date.UTC(2026, 10, 20, 8));
    expect(at('time,callid,event\nyesterday,W,ENTERQUEUE\n')).toBeNull();
  });

  it.each([
    ['--source asterisk-queue-log DIR', (dir: string) => sourceFiles('asterisk-queue-log', [dir]).files],
    ['load DIR (recognised by content)', (dir: string) => discoverFiles(dir).files],
  ])('%s: loads the rotated log before the current one', async (_, discover) => {
    const config = parseConfig({ timezone: 'Asia/Shanghai' });
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'queue_log.1'), [...W_DAY1, ''].join('\n'));
      writeFileSync(join(dir, 'queue_log'), [W_CLOSE, ''].join('\n'));
      const files = discover(dir);
      expect(files.map((f) => basename(f.path))).toEqual(['queue_log.1', 'queue_log']);
      await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
        const summary = await loadFiles(db, files, { config, maxRejectShare: 1 });
        expect(summary.files.map((f) => f.rejected)).toEqual([0, 0]);
        await expectCalls(db, [{ call_id: 'W', agent_id: '2001', disconnect_party: 'agent' }]);
        await expectMissedOffers(db, { '2002': 1 });
        expect(await db.queryJs('select * from queue_log_pending')).toEqual([]);
      });
    });
  });
});

describe('calls loaded from two sources', () => {
  // W as a canonical calls file has it (agent A1, from a CRM export, say), then as the
  // queue_log has it: the queue_log's W replaces it by key and the load says so; Z is only
  // in the canonical file. A corrected canonical file replacing canonical rows says nothing.
  const canonical = [
    'call_id,direction,agent_id,queue,started_at,answered_at,ended_at',
    'W,inbound,A1,400,2026-11-20T16:00:00+08:00,2026-11-20T16:00:20+08:00,2026-11-20T16:05:20+08:00',
    'Z,inbound,A2,400,2026-11-20T17:00:00+08:00,2026-11-20T17:00:10+08:00,2026-11-20T17:02:00+08:00',
  ];

  it('says how many calls a file replaced that another source loaded, by source', async () => {
    const config = parseConfig({ timezone: 'Asia/Shanghai' });
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'calls.csv'), [...canonical, ''].join('\n'));
      writeFileSync(join(dir, 'queue_log'), [...W_DAY1, W_CLOSE, ''].join('\n'));
      await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
        const load = async (file: string, source?: 'asterisk-queue-log') => {
          const input = {
            table: 'calls' as const,
            path: join(dir, file),
            format: 'csv' as const,
            ...(source && { source }),
          };
          const [result] = (await loadFiles(db, [input], { config, maxRejectShare: 1 })).files;
          return result!.replacedFrom;
        };
        expect(await load('calls.csv')).toEqual([]);
        expect(await load('queue_log', 'asterisk-queue-log')).toEqual([{ origin: 'canonical files', rows: 1 }]);
        await expectCalls(db, [
          { call_id: 'W', agent_id: '2001' },
          { call_id: 'Z', agent_id: 'A2' },
        ]);
        // The canonical file again, corrected (Z's agent): W now replaces the queue_log's row.
        writeFileSync(join(dir, 'calls.csv'), [...canonical, ''].join('\n').replace('A2,400', 'A3,400'));
        expect(await load('calls.csv')).toEqual([{ origin: 'asterisk-queue-log', rows: 1 }]);
      });
    });
  });

  it('callq load prints the calls it replaced that another source loaded', async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, 'crm'));
      writeFileSync(join(dir, 'crm', 'calls.csv'), [...canonical, ''].join('\n'));
      writeFileSync(join(dir, 'queue_log'), [...W_DAY1, W_CLOSE, ''].join('\n'));
      const cli = (...args: string[]) => runCli('--db', join(dir, 'callq.duckdb'), 'load', ...args);
      expect((await cli(join(dir, 'crm'))).code).toBe(0);
      const run = await cli('--source', 'asterisk-queue-log', join(dir, 'queue_log'));
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')).toContain(
        "queue_log: replaced 1 row of calls loaded from canonical files (a key from two sources keeps the later file's values: load each from one source)",
      );
    });
  });
});

describe('asterisk-queue-log members named without a channel', () => {
  // queues.conf may give a member a membername (`Local/1001@agents,0,May Flowers,...`): the
  // call events then name "May Flowers". X is answered by May Flowers after SIP/1002's
  // ring; Y is answered by Local/1003@agents/n.
  const log = [
    '1795161600|X|400|NONE|ENTERQUEUE||13800000095|1',
    '1795161605|X|400|SIP/1002|RINGNOANSWER|5000',
    '1795161610|X|400|May Flowers|CONNECT|10|X.2|5',
    '1795161700|X|400|May Flowers|COMPLETEAGENT|10|90|1',
    '1795161800|Y|400|NONE|ENTERQUEUE||13800000096|1',
    '1795161803|Y|400|Local/1003@agents/n|CONNECT|3|Y.2|2',
    '1795161900|Y|400|Local/1003@agents/n|COMPLETECALLER|3|97|1',
  ];

  function loadWith(memberAgents: Record<string, string>) {
    const config = parseConfig({ timezone: 'Asia/Shanghai', sources: { asterisk: { member_agents: memberAgents } } });
    return withTempDir(async (dir) => {
      const path = join(dir, 'queue_log');
      writeFileSync(path, [...log, ''].join('\n'));
      return await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
        const { files } = sourceFiles('asterisk-queue-log', [path]);
        const [result] = (await loadFiles(db, files, { config, maxRejectShare: 1 })).files;
        const calls = await db.queryJs<{ call_id: string; agent_id: string }>(
          'select call_id, agent_id from calls order by call_id',
        );
        const missed = await db.queryJs<{ agent_id: string }>('select agent_id from missed_offers');
        return { notes: result!.source!.report.notes, calls, missed };
      });
    });
  }

  it('keeps the name as agent_id and says how many members are named so', async () => {
    const { notes, calls, missed } = await loadWith({});
    expect(calls).toEqual([
      { call_id: 'X', agent_id: 'May Flowers' },
      { call_id: 'Y', agent_id: '1003' },
    ]);
    expect(missed).toEqual([{ agent_id: '1002' }]);
    expect(notes.filter((n) => n.includes('member_agents'))).toEqual([
      "1 queue member is named without an extension (a membername such as a person's name): the name is kept as agent_id; give the agent ids under sources.asterisk.member_agents",
    ]);
  });

  it('takes the agent ids sources.asterisk.member_agents gives, before the channel rule', async () => {
    const { notes, calls, missed } = await loadWith({ 'May Flowers': '1001', 'SIP/1002': '2002' });
    expect(calls).toEqual([
      { call_id: 'X', agent_id: '1001' },
      { call_id: 'Y', agent_id: '1003' },
    ]);
    expect(missed).toEqual([{ agent_id: '2002' }]);
    expect(notes.some((n) => n.includes('member_agents'))).toBe(false);
  });
});

/** Loads `log` (a queue_log's text) written to a temp folder into a new database, and hands both on. */
async function loadingLog(log: string, check: (db: Database, result: FileLoadResult) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const path = join(dir, 'queue_log');
    writeFileSync(path, log);
    await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
      const [result] = await loadSource(db, 'asterisk-queue-log', [path], { timezone: 'Asia/Shanghai' });
      await check(db, result!);
    });
  });
}

describe('asterisk-queue-log bad lines', () => {
  it('rejects an unknown event, an event for a call that never entered a queue and a short line, naming each line; the calls load', async () => {
    const dir = caseDir('asterisk-queue-log', 'bad');
    const expected = readExpected<ExpectedCase & { errors: Array<{ line: number; event?: string; callid?: string }> }>(
      dir,
    );
    await inCaseDb(expected, async (db) => {
      const [result] = await loadSource(db, 'asterisk-queue-log', inputsOf(dir), expected);
      const rejects = await db.queryJs('select file, line, "column", reason from rejects order by line');
      expect(rejects).toEqual([
        { file: join(dir, 'queue_log'), line: 4n, column: 'event', reason: 'unknown queue_log event XYZZY' },
        {
          file: join(dir, 'queue_log'),
          line: 6n,
          column: 'callid',
          reason: 'event CONNECT for a call that never entered a queue (no ENTERQUEUE for callid 1795140580.599)',
        },
        {
          file: join(dir, 'queue_log'),
          line: 7n,
          column: 'event',
          reason: 'not a queue_log line: 3 field(s), expected time|callid|queuename|agent|event|data...',
        },
      ]);
      expect(expected.errors.map((e) => e.line)).toEqual([4, 6, 7]);
      expect(result!.rejected).toBe(3);
      await expectCalls(db, expected.calls!);
      expectSkipped([result!], expected);
    });
  });

  it('numbers lines past the empty lines and the line of spaces a CRLF log holds', async () => {
    // Lines 2 and 5 are empty and line 4 is spaces (none an event, none a reject); line 7's
    // event is unknown. DuckDB's reader skips empty lines, so without the shift the ring at
    // line 3 would say line 2, the reject line 5 and the call's close line 6.
    const log = [
      '1795161600|A|sales|NONE|ENTERQUEUE||5550001|1',
      '',
      '1795161605|A|sales|PJSIP/2002|RINGNOANSWER|4000',
      '   ',
      '',
      '1795161610|A|sales|PJSIP/1001|CONNECT|10|1795161608.5|3',
      '1795161611|A|sales|"PJSIP/1001"|BOGUS|x',
      '1795161670|A|sales|PJSIP/1001|COMPLETECALLER|10|60|1',
      '',
    ].join('\r\n');
    await loadingLog(log, async (db, result) => {
      expect(result.rows).toBe(5);
      expect(await db.queryJs('select line, "column", reason, value, raw from rejects')).toEqual([
        {
          line: 7n,
          column: 'event',
          reason: 'unknown queue_log event BOGUS',
          value: 'BOGUS',
          raw: '1795161611|A|sales|"PJSIP/1001"|BOGUS|x',
        },
      ]);
      expect(
        await db.queryJs(
          'select call_id, agent_id, caller_id, epoch(answered_at - started_at) as wait_s, source_line from calls',
        ),
      ).toEqual([{ call_id: 'A', agent_id: '1001', caller_id: '5550001', wait_s: 10, source_line: 8n }]);
      expect(await db.queryJs('select agent_id, ring_ms, source_line from missed_offers')).toEqual([
        { agent_id: '2002', ring_ms: 4000n, source_line: 3n },
      ]);
    });
  });

  it('numbers lines past seventy separate empty lines (more than a view shifts them by)', async () => {
    // Lines 3..142 are 70 pairs of an empty line and a QUEUESTART; 143 is unknown, 144 closes A.
    const log = [
      '1795161600|A|sales|NONE|ENTERQUEUE||5550001|1',
      '1795161610|A|sales|PJSIP/1001|CONNECT|10|1795161608.5|3',
      ...Array.from({ length: 70 }, () => ['', '1795161611|NONE|NONE|NONE|QUEUESTART|']).flat(),
      '1795161612|A|sales|PJSIP/1001|BOGUS|x',
      '1795161670|A|sales|PJSIP/1001|COMPLETECALLER|10|60|1',
      '',
    ].join('\n');
    await loadingLog(log, async (db, result) => {
      expect(result.rows).toBe(74);
      expect(await db.queryJs('select line, value from rejects')).toEqual([{ line: 143n, value: 'BOGUS' }]);
      expect(await db.queryJs('select call_id, source_line from calls')).toEqual([{ call_id: 'A', source_line: 144n }]);
    });
  });

  it('says which rejected lines an earlier load of the same log rejected as they are, when the log is read again as it grows', async () => {
    // Night 1 rejects line 2; night 2 reads the log again with three more lines, and
    // rejects line 2 again (old news) and line 6 (new).
    const night1 = [
      '1795161600|A|sales|NONE|ENTERQUEUE||5550001|1',
      '1795161601|A|sales|NONE|BOGUS|x',
      '1795161610|A|sales|PJSIP/1001|CONNECT|10|1795161608.5|3',
      '1795161670|A|sales|PJSIP/1001|COMPLETECALLER|10|60|1',
    ];
    const night2 = [
      ...night1,
      '1795161700|B|sales|NONE|ENTERQUEUE||5550002|1',
      '1795161701|B|sales|NONE|BOGUS2|y',
      '1795161760|B|sales|NONE|ABANDON|1|1|60',
    ];
    await withTempDir(async (dir) => {
      const path = join(dir, 'queue_log');
      const cli = () => runCli('--db', join(dir, 'callq.duckdb'), 'load', '--source', 'asterisk-queue-log', path);
      writeFileSync(path, [...night1, ''].join('\n'));
      // One line in four is rejected: over max_reject_share, so the load ends with exit
      // code 3, and says so (the calls are loaded all the same).
      const first = await cli();
      expect(first.stdout).toContain('1 rows loaded, 1 rejected');
      expect(first.stdout).not.toContain('rejected as they are');
      writeFileSync(path, [...night2, ''].join('\n'));
      const second = await cli();
      expect(second.stdout).toContain('2 rows loaded, 2 rejected');
      expect(second.stdout.split('\n')).toContain(
        'queue_log: 1 of the 2 rejected were rejected as they are by an earlier load of this file (the same line, reason and text: a file read again as it grows)',
      );
    });
  });

  it('refuses a file of another source before loading anything, saying what it looks like', async () => {
    const ctr = join(caseDir('amazon-connect-ctr', 'jsonl'), 'ctr-2026-11-20.jsonl');
    expect(() => sourceFiles('asterisk-queue-log', [ctr])).toThrow(
      `${ctr}: line 1: not Asterisk app_queue's queue_log: the text file or a database export (CSV with a header) (--source asterisk-queue-log); it looks like Amazon Connect contact records (JSON Lines, Firehose objects or a JSON array): load it with --source amazon-connect-ctr`,
    );
  });
});

describe('asterisk-queue-log legs', () => {
  it.each([
    // Both in the same second (16:01:02), in the order written: the first is the earlier.
    [
      'in the order written',
      ['1795161662|X|401|NONE|ENTERQUEUE||13800000091|1', '1795161662|X|402|NONE|ENTERQUEUE||13800000092|1'],
      '2026-11-20T16:01:02+08:00',
    ],
    // The later enter (16:01:02.5, queue 402) is written first, the earlier (16:01:02.1, 401) after it.
    [
      'written out of time order',
      ['1795161662.5|X|402|NONE|ENTERQUEUE||13800000092|1', '1795161662.1|X|401|NONE|ENTERQUEUE||13800000091|1'],
      '2026-11-20T16:01:02.100+08:00',
    ],
  ])(
    'two enters of a callid within one second, %s, are one leg: the earlier enter, its queue and caller, every later event',
    async (_, enters, secondStart) => {
      // 16:00:00 (epoch 1795161600) enters 400, answered by 1001, blind-transferred at 16:01:00;
      // then enters 401 (caller ...91) and 402 (caller ...92) within one second: one leg,
      // X#1795161662, in 401 from ...91, answered by 1003 at 16:01:07, ended by the caller at 16:02:07.
      await loadLines(
        [
          '1795161600|X|400|NONE|ENTERQUEUE||13800000091|1',
          '1795161605|X|400|PJSIP/1001|CONNECT|5|X.2|4',
          '1795161660|X|400|PJSIP/1001|BLINDTRANSFER|401|from-internal|5|55|1',
          ...enters,
          '1795161667|X|402|PJSIP/1003|CONNECT|5|X.3|4',
          '1795161727|X|402|PJSIP/1003|COMPLETECALLER|5|60|1',
        ],
        'Asia/Shanghai',
        async (db, result) => {
          expect(result.source!.report.made).toEqual({ calls: 1, 'transfer legs': 1, 'missed offers': 0 });
          await expectCalls(db, [
            {
              call_id: 'X',
              queue: '400',
              caller_id: '13800000091',
              agent_id: '1001',
              previous_call_id: null,
              started_at: '2026-11-20T16:00:00+08:00',
              answered_at: '2026-11-20T16:00:05+08:00',
              ended_at: '2026-11-20T16:01:00+08:00',
              transferred: true,
            },
            {
              call_id: 'X#1795161662',
              queue: '401',
              caller_id: '13800000091',
              agent_id: '1003',
              previous_call_id: 'X',
              started_at: secondStart,
              answered_at: '2026-11-20T16:01:07+08:00',
              ended_at: '2026-11-20T16:02:07+08:00',
              transferred: false,
            },
          ]);
        },
      );
    },
  );
});

describe('asterisk-queue-log call_ids that meet', () => {
  // The load skips its count of repeated keys only when the adapter has shown the names
  // distinct; these two files are the cases where they are not, and the repeat is refused.
  it.each([
    [
      // X enters 400 at 16:00:00, is transferred, and enters 401 at 16:01:02: its second leg is
      // X#1795161662. A callid written as X#1795161662 (line 1) takes that name first.
      'a callid written with a #, beside a re-entry named like it',
      [
        '1795161590|X#1795161662|400|NONE|ENTERQUEUE||13800000094|1',
        '1795161595|X#1795161662|400|NONE|ABANDON|1|1|5',
        '1795161600|X|400|NONE|ENTERQUEUE||13800000091|1',
        '1795161605|X|400|PJSIP/1001|CONNECT|5|X.2|4',
        '1795161660|X|400|PJSIP/1001|BLINDTRANSFER|401|from-internal|5|55|1',
        '1795161662|X|401|NONE|ENTERQUEUE||13800000091|1',
        '1795161700|X|401|NONE|ABANDON|1|1|38',
      ],
      // Legs in staging order: X#1795161662 (ended line 2), then X's legs (lines 5 and 7).
      { call_id: 'X#1795161662', calls: 2, line: 7n, first: 2 },
    ],
    [
      // Y and " Y" are two callids in the log, one call_id once staging trims the space.
      'a space-padded callid beside the same callid',
      [
        '1795161600|Y|400|NONE|ENTERQUEUE||13800000091|1',
        '1795161630|Y|400|NONE|ABANDON|1|1|30',
        '1795161700| Y|400|NONE|ENTERQUEUE||13800000092|1',
        '1795161730| Y|400|NONE|ABANDON|1|1|30',
      ],
      { call_id: 'Y', calls: 1, line: 4n, first: 2 },
    ],
  ])('%s: the repeated call_id is refused, naming the first', async (_, lines, want) => {
    await loadLines(lines, 'Asia/Shanghai', async (db, result) => {
      expect(result.loaded).toBe(want.calls);
      expect(await db.queryJs('select count(*)::integer as n from calls where call_id = $1', [want.call_id])).toEqual([
        { n: 1 },
      ]);
      expect(await db.queryJs('select line, "column", reason, value from rejects')).toEqual([
        {
          line: want.line,
          column: 'call_id',
          reason: `duplicate key (first seen on line ${want.first})`,
          value: want.call_id,
        },
      ]);
    });
  });
});

describe('asterisk-queue-log event order', () => {
  it("orders a call's events by time, then line: a close written before its CONNECT still ends an answered call", async () => {
    // Z: a DID first (part of the call, before its ENTERQUEUE: no reject), enters 400 at
    // 16:00:00.100; the COMPLETECALLER line (16:00:30.750) is written before the CONNECT
    // (16:00:20.250). By time the member answered first: answered 16:00:20.250 by 1002,
    // ended 16:00:30.750 by the caller. By line the close would come first: not answered.
    await loadLines(
      [
        '1795161600|Z|NONE|NONE|DID|4008001234',
        '1795161600.100|Z|400|NONE|ENTERQUEUE||13800000093|1',
        '1795161630.750|Z|400|PJSIP/1002|COMPLETECALLER|20|10|1',
        '1795161620.250|Z|400|PJSIP/1002|CONNECT|20|Z.2|3',
      ],
      'Asia/Shanghai',
      async (db, result) => {
        expect(result.rejected).toBe(0);
        await expectCalls(db, [
          {
            call_id: 'Z',
            agent_id: '1002',
            started_at: '2026-11-20T16:00:00.100+08:00',
            answered_at: '2026-11-20T16:00:20.250+08:00',
            ended_at: '2026-11-20T16:00:30.750+08:00',
            disconnect_party: 'customer',
          },
        ]);
      },
    );
  });

  it.each([
    // 10 days in ms (864,000,000 < 2^30: 30 bits, 31 with the batch), 10M lines (24 bits) and the code (6 bits): 61 bits.
    [864_000_000n, 10_000_000n, 'bigint'],
    // 2^46 ms (about 2,230 years) and 2^17 lines: 47 + 1 + 18 + 6 = 72 bits, past 62.
    [2n ** 46n, 2n ** 17n, 'hugeint'],
    // Exactly 62: a span of 2^34 - 2 (2^34 - 1 values: 34 bits, 35 with the batch), 2^21 - 1 lines (21 bits), the code (6).
    [2n ** 34n - 2n, 2n ** 21n - 1n, 'bigint'],
    // One bit more: a span of 2^34 - 1 (2^34 values: 35 bits, 36 with the batch).
    [2n ** 34n - 1n, 2n ** 21n - 1n, 'hugeint'],
  ] as const)('packs an order over %s ms and %s lines in a %s', (spanMs, lines, type) => {
    expect(seqType(spanMs, lines).type).toBe(type);
  });
});

describe('asterisk-queue-log event names as a database export writes them', () => {
  // Events are matched as written first and in capitals only when that fails: an export
  // whose names are not in capitals loads the same calls, and a reject quotes the name as
  // it stands in the file.
  it('reads enterqueue, Connect and completeAgent as their events, and rejects an unknown name as written', async () => {
    await loadLines(
      [
        'time,callid,queuename,agent,event,data1,data2,data3,data4,data5',
        '2026-11-21 09:00:00,Z,sales,NONE,enterqueue,,13800000093,1,,',
        '2026-11-21 09:00:07,Z,sales,PJSIP/1002,Connect,7,Z.2,2,,',
        '2026-11-21 09:02:07,Z,sales,PJSIP/1002,completeAgent,7,120,1,,',
        '2026-11-21 09:03:00,Z,sales,PJSIP/1002,Bogus,,,,,',
      ],
      'UTC',
      async (db) => {
        expect(
          await db.queryJs(`select call_id, agent_id, queue, caller_id, disconnect_party,
          epoch(answered_at - started_at)::integer as wait_s, epoch(ended_at - answered_at)::integer as talk_s
          from calls`),
        ).toEqual([
          {
            call_id: 'Z',
            agent_id: '1002',
            queue: 'sales',
            caller_id: '13800000093',
            disconnect_party: 'agent',
            wait_s: 7,
            talk_s: 120,
          },
        ]);
        expect(await db.queryJs('select line::integer as line, "column", reason, value from rejects')).toEqual([
          { line: 5, column: 'event', reason: 'unknown queue_log event Bogus', value: 'Bogus' },
        ]);
      },
      'queue_log.csv',
    );
  });

  it("answers a call at its first CONNECT with that line's member: none named, no agent, not a later CONNECT's", async () => {
    // The export's first CONNECT (09:00:07) has an empty agent column; a second one (09:00:09)
    // names PJSIP/1002. The call was answered at 09:00:07, by no member the log names.
    await loadLines(
      [
        'time,callid,queuename,agent,event,data1,data2,data3,data4,data5',
        '2026-11-21 09:00:00,Z,sales,NONE,ENTERQUEUE,,13800000093,1,,',
        '2026-11-21 09:00:07,Z,sales,,CONNECT,7,Z.2,2,,',
        '2026-11-21 09:00:09,Z,sales,PJSIP/1002,CONNECT,9,Z.3,2,,',
        '2026-11-21 09:02:07,Z,sales,PJSIP/1002,COMPLETEAGENT,7,120,1,,',
      ],
      'UTC',
      async (db, result) => {
        expect(result.rejected).toBe(0);
        expect(
          await db.queryJs(`select call_id, agent_id, epoch(answered_at - started_at)::integer as wait_s,
          epoch(ended_at - answered_at)::integer as talk_s from calls`),
        ).toEqual([{ call_id: 'Z', agent_id: null, wait_s: 7, talk_s: 120 }]);
      },
      'queue_log.csv',
    );
  });
});

describe('queue_log event numbers (ql_event_codes.sql)', () => {
  // ql_closes and ql_system_event read ranges of the list: a name moved out of its run
  // would quietly change which events end a leg or count as system lines.
  it('close a leg on exactly the closing events, and count exactly the queue and member lines as system lines', async () => {
    await withDb(async (db) => {
      await db.exec(readQuery('sources/asterisk_queue_log/ql_event_codes.sql'));
      const [sets] = await db.queryJs(`select
        list_filter(ql_event_names(), n -> ql_closes(ql_event_code(n))) as closing,
        list_filter(ql_event_names(), n -> ql_system_event(ql_event_code(n))) as system,
        ql_event_code('NOSUCHEVENT') as unknown,
        ql_event_name(ql_event_code('RINGNOANSWER')) as round_trip`);
      expect({
        ...sets,
        closing: [...(sets!.closing as string[])].sort(),
        system: [...(sets!.system as string[])].sort(),
      }).toEqual({
        closing: [
          'ABANDON',
          'ATTENDEDTRANSFER',
          'BLINDTRANSFER',
          'COMPLETEAGENT',
          'COMPLETECALLER',
          'EXITEMPTY',
          'EXITWITHKEY',
          'EXITWITHTIMEOUT',
          'TRANSFER',
          'WITHDRAW',
        ],
        system: [
          'ADDMEMBER',
          'AGENTCALLBACKLOGIN',
          'AGENTCALLBACKLOGOFF',
          'AGENTLOGIN',
          'AGENTLOGOFF',
          'CONFIGRELOAD',
          'OUTCALL',
          'PAUSE',
          'PAUSEALL',
          'PAUSECUSTOM',
          'PENALTY',
          'QUEUESTART',
          'REMOVEMEMBER',
          'RINGINUSE',
          'UNPAUSE',
          'UNPAUSEALL',
        ],
        unknown: null,
        round_trip: 'RINGNOANSWER',
      });
    });
  });
});

describe('queue_log event order (seqMacros)', () => {
  // ql_seq packs (time, batch, line, code) into one number; ql_seq_at, ql_seq_line and
  // ql_seq_code must read the time, the line and the code back exactly, in whichever unit
  // and type the span asks for, and the code must not change the order.
  it.each([
    [
      'whole seconds over twenty years, 10M lines',
      'bigint',
      1_000_000n,
      10_000_000n,
      ['2010-01-01 00:00:00+00', '2020-06-30 12:00:01+00', '2029-12-31 23:59:59+00'],
    ],
    [
      'whole milliseconds over ten days, 10M lines',
      'bigint',
      1_000n,
      10_000_000n,
      ['2026-11-21 00:00:00+00', '2026-11-21 00:00:01.5+00', '2026-11-30 23:59:59.999+00'],
    ],
    [
      'microseconds over an hour, 2M lines',
      'bigint',
      1n,
      2_000_000n,
      ['2026-11-21 00:00:00.000001+00', '2026-11-21 00:30:00.250017+00', '2026-11-21 00:59:59.999999+00'],
    ],
    [
      'microseconds from 1900 to 2200 (before the epoch too), 1M lines',
      'hugeint',
      1n,
      1_000_000n,
      ['1900-01-01 00:00:00.000001+00', '1969-12-31 23:59:59.999999+00', '2200-12-31 23:59:59.999999+00'],
    ],
  ] as const)('%s: a %s that gives back every time, line and code', async (_, type, unitUs, lines, times) => {
    await withDb(async (db) => {
      const epochUs = async (time: string) =>
        BigInt(String(await db.scalar(`select epoch_us(timestamptz '${time}')::varchar`)));
      await db.exec(seqMacros({ firstUs: await epochUs(times[0]), lastUs: await epochUs(times[2]), lines, unitUs }));
      // The largest code first, the smallest last: the order must still be the times'.
      const rows = await db.queryJs(`
        with events as (
          select unnest([${times.map((t) => `timestamptz '${t}'`).join(', ')}]) as event_at,
            unnest([0, 1, 1]) as batch, unnest([${lines}, 1, 7]) as line, unnest([63, 5, 1]) as code
        )
        select
          ql_seq_at(ql_seq(event_at, batch, line, code)) = event_at as same_time,
          ql_seq_line(ql_seq(event_at, batch, line, code))::integer as line,
          ql_seq_code(ql_seq(event_at, batch, line, code))::integer as code,
          lower(typeof(ql_seq(event_at, batch, line, code))) as type,
          (row_number() over (order by ql_seq(event_at, batch, line, code)))::integer as place
        from events
        order by event_at`);
      expect(rows).toEqual([
        { same_time: true, line: Number(lines), code: 63, type, place: 1 },
        { same_time: true, line: 1, code: 5, type, place: 2 },
        { same_time: true, line: 7, code: 1, type, place: 3 },
      ]);
    });
  });

  it('has room for every event code in CODE_BITS', async () => {
    await withDb(async (db) => {
      await db.exec(readQuery('sources/asterisk_queue_log/ql_event_codes.sql'));
      expect(Number(await db.scalar('select len(ql_event_names())'))).toBeLessThan(2 ** Number(CODE_BITS));
    });
  });
});

describe('asterisk-queue-log times', () => {
  // The pivot orders events by a number that packs time and line, and reads a leg's times
  // back from it: a fraction of a second must come back as written, to the microsecond.
  it.each([
    ['microseconds', '1795161600.000001', '1795161604.250017', '1795161664.999999'],
    ['milliseconds', '1795161600.001', '1795161604.25', '1795161664.999'],
    ['whole seconds', '1795161600', '1795161604', '1795161664'],
  ])('keeps %s of the enter, answer and end', async (_, enter, connect, close) => {
    // Epoch seconds as written → microseconds, by the digits.
    const micros = (time: string) => {
      const [seconds, fraction = ''] = time.split('.');
      return `${seconds}${fraction.padEnd(6, '0')}`;
    };
    await loadLines(
      [
        `${enter}|Y|sales|NONE|ENTERQUEUE||13800000092|1`,
        `${connect}|Y|sales|PJSIP/1001|CONNECT|4|Y.2|3`,
        `${close}|Y|sales|PJSIP/1001|COMPLETEAGENT|4|60|1`,
      ],
      'UTC',
      async (db) => {
        const [call] = await db.queryJs(`select
        epoch_us(started_at)::varchar as started,
        epoch_us(answered_at)::varchar as answered,
        epoch_us(ended_at)::varchar as ended
      from calls`);
        expect(call).toEqual({ started: micros(enter), answered: micros(connect), ended: micros(close) });
      },
    );
  });

  it('refuses a time that reads as a number but is not one written in digits', async () => {
    // Each of lines 3-6 is 1795161600 as DuckDB's integer cast reads it: in exponent form and
    // in hex (both ten characters, as many as the number's digits), with a sign, and with an
    // underscore. app_queue writes none of these.
    const times = ['17951616e2', '0x6afffe00', '+1795161600', '1_795161600'];
    await loadLines(
      [
        '1795161600|A|sales|NONE|ENTERQUEUE||13800000092|1',
        '1795161660|A|sales|NONE|ABANDON|1|1|60',
        ...times.map((time, i) => `${time}|${'BCDE'[i]}|sales|NONE|ENTERQUEUE||13800000093|1`),
      ],
      'UTC',
      async (db) => {
        const rejects = await db.queryJs('select line, "column", reason, value from rejects order by line');
        expect(rejects).toEqual(
          times.map((value, i) => ({
            line: BigInt(i + 3),
            column: 'time',
            reason: 'time is neither epoch seconds nor an ISO 8601 timestamp',
            value,
          })),
        );
        expect(await db.queryJs('select call_id, epoch(started_at)::bigint as started from calls')).toEqual([
          { call_id: 'A', started: 1795161600n },
        ]);
      },
    );
  });
});

interface PendingStep extends ExpectedCase {
  calls: Record<string, unknown>[];
  loaded_by_this_file: string[];
  pending_call_ids: string[];
  missed_offers: Record<string, number>;
  metrics: NonNullable<ExpectedCase['metrics']>;
}

interface PendingCase {
  timezone: string;
  after: Record<'1' | '2', PendingStep>;
}

describe('asterisk-queue-log read while the file is hashed', () => {
  // A new path is read before its hash and encoding are known: the read must not stand for
  // a file in another encoding, nor load a file again that came before under another name.
  const lines = [
    '1795161600|Y|客服|NONE|ENTERQUEUE||13800000092|1',
    '1795161604|Y|客服|PJSIP/1001|CONNECT|4|Y.2|3',
    '1795161664|Y|客服|PJSIP/1001|COMPLETEAGENT|4|60|1',
    '',
  ].join('\n');

  it('a GB18030 log is read again as GB18030 (the queue name is not mojibake)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callq-ql-'));
    const log = join(dir, 'queue_log');
    // 客服 in GB18030 is bf cd b7 fe; the rest of each line is ASCII.
    const gb18030 = lines
      .split('客服')
      .flatMap((part, n) =>
        n === 0 ? [Buffer.from(part)] : [Buffer.from([0xbf, 0xcd, 0xb7, 0xfe]), Buffer.from(part)],
      );
    writeFileSync(log, Buffer.concat(gb18030));
    try {
      await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
        const [result] = await loadSource(db, 'asterisk-queue-log', [log], { timezone: 'Asia/Shanghai' });
        expect(result!.encoding).toBe('gb18030');
        expect(await db.queryJs('select call_id, queue, agent_id from calls')).toEqual([
          { call_id: 'Y', queue: '客服', agent_id: '1001' },
        ]);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the same log under a new name is skipped as loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callq-ql-'));
    writeFileSync(join(dir, 'queue_log'), lines);
    writeFileSync(join(dir, 'queue_log.copy'), lines);
    try {
      await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
        const [first] = await loadSource(db, 'asterisk-queue-log', [join(dir, 'queue_log')], {
          timezone: 'Asia/Shanghai',
        });
        const [copy] = await loadSource(db, 'asterisk-queue-log', [join(dir, 'queue_log.copy')], {
          timezone: 'Asia/Shanghai',
        });
        expect([first!.status, copy!.status]).toEqual(['loaded', 'skipped']);
        expect(await db.scalar('select count(*) from calls')).toBe(1n);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Writes `lines` as one log (`name` in a temp folder), loads it into a case database in
 * `timezone` and hands the database and the load's result to `check`; the folder goes after.
 */
async function loadLines(
  lines: string[],
  timezone: string,
  check: (db: Database, result: FileLoadResult) => Promise<void>,
  name = 'queue_log',
): Promise<void> {
  await loadLogs([lines], timezone, (db, [result]) => check(db, result!), name);
}

/** As loadLines, for several logs (`day1.<name>`, `day2.<name>` ...) loaded one after another. */
async function loadLogs(
  logs: string[][],
  timezone: string,
  check: (db: Database, results: FileLoadResult[]) => Promise<void>,
  name = 'queue_log',
): Promise<void> {
  await withTempDir(async (dir) => {
    const paths = logs.map((lines, i) => {
      const path = join(dir, logs.length === 1 ? name : `day${i + 1}.${name}`);
      writeFileSync(path, [...lines, ''].join('\n'));
      return path;
    });
    await inCaseDb({ timezone }, async (db) => {
      const results: FileLoadResult[] = [];
      for (const path of paths) results.push(...(await loadSource(db, 'asterisk-queue-log', [path], { timezone })));
      await check(db, results);
    });
  });
}
