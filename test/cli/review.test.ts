/**
 * `callq review`: one case from the command line, or a sheet applied whole or not at all,
 * every bad line named as `sheet.csv:LINE: reason` with exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { localToday } from '../../src/cli/local-day.ts';
import { addDays } from '../../src/days/calendar-day.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { runCli } from '../util/run-cli.ts';
import { addFinding, caseRows, deskSchema, eventRows, rebuild, type CaseRow, type EventRow } from '../cases/helpers.ts';

const tz = 'Asia/Shanghai';
const tmp = tempDir('callq-review-');
afterAll(() => tmp.cleanup());
const config = tmp.path('callq.json');
writeFileSync(config, JSON.stringify({ timezone: tz }));

let db: string;
let run = 0;

/** A database with three agent cases of hangup_first, all ongoing on the 3rd: ids 1, 2, 3. */
beforeEach(async () => {
  db = tmp.path(`desk-${++run}.duckdb`);
  const handle = await Database.open(db, { timezone: tz });
  try {
    await ensureSchema(handle);
    await deskSchema(handle);
    for (const agent of ['A1', 'A2', 'A3']) {
      for (const day of ['2026-11-02', '2026-11-03']) await addFinding(handle, 'hangup_first', agent, day);
    }
    await rebuild(handle, '2026-11-03');
  } finally {
    handle.close();
  }
});

const callq = (...args: string[]) => runCli('--db', db, '--config', config, ...args);

async function stored(): Promise<{ cases: CaseRow[]; events: EventRow[] }> {
  const handle = await Database.open(db, { readOnly: true });
  try {
    return { cases: await caseRows(handle), events: (await eventRows(handle)).filter((e) => e.by !== 'callq') };
  } finally {
    handle.close();
  }
}

function sheet(lines: string[]): string {
  const path = tmp.path(`sheet-${run}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('callq review', () => {
  it('records a verdict with its deadline, and rule_quality shows it', async () => {
    const result = await callq(
      'review',
      '2',
      '--verdict',
      'confirmed',
      '--note',
      'hung up on 4 of 5 calls heard',
      '--by',
      'ana',
    );
    const due = addDays(localToday(tz), 7);
    expect(result).toEqual({ code: 0, stdout: `case 2: confirmed (was not reviewed), due ${due}\n`, stderr: '' });
    const { cases, events } = await stored();
    expect(cases.map((c) => [c.case_id, c.verdict, c.due])).toEqual([
      [1, null, null],
      [2, 'confirmed', due],
      [3, null, null],
    ]);
    expect(events).toEqual([
      { case_id: 2, by: 'ana', field: 'verdict', from: null, to: 'confirmed', note: 'hung up on 4 of 5 calls heard' },
      { case_id: 2, by: 'ana', field: 'due', from: null, to: due, note: null },
    ]);
    const quality = await callq(
      'query',
      'select rule, reviewed, confirmed, desk_precision from rule_quality',
      '--format',
      'csv',
    );
    expect(quality.stdout).toBe('rule,reviewed,confirmed,desk_precision\nhangup_first,1,1,1\n');
  });

  it('refuses an unknown case, a deadline on a dismissal and a review without a name, writing nothing', async () => {
    expect(await callq('review', '99', '--verdict', 'dismissed', '--by', 'ana')).toMatchObject({
      code: 2,
      stderr: 'callq: unknown case 99\n',
    });
    expect(await callq('review', '1', '--verdict', 'dismissed', '--by', 'ana', '--due', '2026-12-01')).toMatchObject({
      code: 2,
      stderr: 'callq: --due is for a confirmed or reward verdict; a dismissed case has no deadline\n',
    });
    expect(await callq('review', '1', '--verdict', 'confirmed')).toMatchObject({
      code: 2,
      stderr: 'callq: review needs --by NAME: who reviewed the case\n',
    });
    expect((await callq('review', '1', '--verdict', 'maybe', '--by', 'ana')).code).toBe(2);
    expect((await stored()).events).toEqual([]);
  });

  it('applies nothing of a sheet with a bad line, and names each bad line', async () => {
    const path = sheet([
      'case_id,rule,verdict,note,by',
      '1,hangup_first,confirmed,heard the calls,ana',
      '2,hangup_first,maybe,,bo',
      '3,hangup_first,,,',
      '99,hangup_first,dismissed,,cy',
    ]);
    const result = await callq('review', '--file', path);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        `callq: ${path}: 2 bad lines; nothing applied`,
        `${path}:3: unknown verdict "maybe" (confirmed, dismissed, actioned, reward)`,
        `${path}:5: unknown case 99`,
        '',
      ].join('\n'),
    );
    const { cases, events } = await stored();
    expect(events).toEqual([]);
    expect(cases.every((c) => c.verdict === null)).toBe(true);
  });

  it('refuses a sheet whose case changed since it was made', async () => {
    const path = sheet([
      'case_id,state,last_seen,verdict,note,by',
      '1,ongoing,2026-11-03,confirmed,,ana',
      '2,new,2026-11-03,dismissed,,ana',
    ]);
    const result = await callq('review', '--file', path);
    expect(result).toMatchObject({
      code: 2,
      stderr: `callq: ${path}: 1 bad line; nothing applied\n${path}:3: case 2 changed since the sheet was made: its state is ongoing, the sheet says new\n`,
    });
    expect((await stored()).events).toEqual([]);
  });

  it('applies a good sheet whole', async () => {
    const path = sheet([
      'case_id,verdict,note,by',
      '1,confirmed,heard the calls,ana',
      '2,,,',
      '3,dismissed,headset fault,bo',
    ]);
    expect(await callq('review', '--file', path)).toEqual({
      code: 0,
      stdout: `${path}: 2 reviews applied (1 confirmed, 1 dismissed)\n`,
      stderr: '',
    });
    const { cases, events } = await stored();
    expect(cases.map((c) => [c.case_id, c.verdict])).toEqual([
      [1, 'confirmed'],
      [2, null],
      [3, 'dismissed'],
    ]);
    expect(events.map((e) => [e.case_id, e.by, e.field, e.to, e.note])).toEqual([
      [1, 'ana', 'verdict', 'confirmed', 'heard the calls'],
      [1, 'ana', 'due', addDays(localToday(tz), 7), null],
      [3, 'bo', 'verdict', 'dismissed', 'headset fault'],
    ]);
  });
});
