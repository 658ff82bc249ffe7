/**
 * Cases from findings, on hand-written findings: one case per episode across nights, the
 * gap and reopen rules, ids that survive re-detection of old days, merges and splits, and
 * findings withdrawn. Expected values are worked out from the findings by hand.
 */
import { describe, expect, it } from 'vitest';
import { applyReviews } from '../../src/cases/apply-reviews.ts';
import type { Database } from '../../src/db/database.ts';
import {
  addFinding,
  type CaseRow,
  caseRows,
  deskConfig,
  eventRows,
  rebuild,
  removeFinding,
  withDesk,
} from './helpers.ts';

/** The cases as rows of the columns named, in case_id order. */
const caseTable = async (db: Database, ...columns: Array<keyof CaseRow>) =>
  (await caseRows(db)).map((c) => columns.map((column) => c[column]));

describe('cases', () => {
  it('are one case for findings on consecutive nights, with the peak severity and |score|', async () => {
    await withDesk(async (db) => {
      // Night 1: a low finding; night 2: high; night 3: medium with a negative score of −6.
      await addFinding(db, 'hangup_first', 'A1', '2026-11-01', { severity: 'low', score: 3.6 });
      await rebuild(db, '2026-11-01');
      expect(await caseRows(db)).toMatchObject([
        { case_id: 1, first_seen: '2026-11-01', last_seen: '2026-11-01', days_active: 1, state: 'new' },
      ]);
      await addFinding(db, 'hangup_first', 'A1', '2026-11-02', { severity: 'high', score: 5 });
      await rebuild(db, '2026-11-02');
      await addFinding(db, 'hangup_first', 'A1', '2026-11-03', { severity: 'medium', score: -6 });
      await rebuild(db, '2026-11-03');
      expect(await caseRows(db)).toEqual([
        {
          case_id: 1,
          rule: 'hangup_first',
          entity_id: 'A1',
          first_seen: '2026-11-01',
          last_seen: '2026-11-03',
          days_active: 3,
          episodes: 1,
          findings: 3,
          state: 'ongoing',
          peak_severity: 'high',
          peak_severity_rank: 3,
          peak_score: 6,
          merged_into: null,
          snoozed_findings: 0,
          verdict: null,
          due: null,
        },
      ]);
      // Re-running the last night changes nothing and writes no event.
      await rebuild(db, '2026-11-03');
      expect(await eventRows(db)).toEqual([
        { case_id: 1, by: 'callq', field: 'state', from: null, to: 'new', note: null },
        { case_id: 1, by: 'callq', field: 'state', from: 'new', to: 'ongoing', note: null },
      ]);
    });
  });

  it('are cleared when the rule stops firing and reopened, same id and history, when it fires again', async () => {
    await withDesk(async (db) => {
      await addFinding(db, 'peer_outlier', 'A7', '2026-11-01');
      await addFinding(db, 'peer_outlier', 'A7', '2026-11-02');
      await rebuild(db, '2026-11-02');
      await applyReviews(
        db,
        deskConfig(),
        [{ line: 0, caseId: 1, verdict: 'confirmed', note: 'listened to 5 calls', by: 'ana' }],
        '2026-11-03',
      );
      // Night of the 3rd: no finding, and case_gap_days is 1: the case is cleared.
      await rebuild(db, '2026-11-03');
      expect((await caseRows(db))[0]).toMatchObject({ state: 'cleared', last_seen: '2026-11-02' });
      // The 5th: it fires again, within case_reopen_days (28) of its last day.
      await addFinding(db, 'peer_outlier', 'A7', '2026-11-05');
      await rebuild(db, '2026-11-05');
      expect(await caseRows(db)).toMatchObject([
        {
          case_id: 1,
          first_seen: '2026-11-01',
          last_seen: '2026-11-05',
          days_active: 3,
          episodes: 2,
          state: 'reopened',
          verdict: 'confirmed',
          due: '2026-11-10',
        },
      ]);
      await addFinding(db, 'peer_outlier', 'A7', '2026-11-06');
      await rebuild(db, '2026-11-06');
      expect((await caseRows(db))[0]!.state).toBe('ongoing');
      expect(await eventRows(db)).toEqual([
        { case_id: 1, by: 'callq', field: 'state', from: null, to: 'ongoing', note: null },
        { case_id: 1, by: 'ana', field: 'verdict', from: null, to: 'confirmed', note: 'listened to 5 calls' },
        { case_id: 1, by: 'ana', field: 'due', from: null, to: '2026-11-10', note: null },
        { case_id: 1, by: 'callq', field: 'state', from: 'ongoing', to: 'cleared', note: null },
        { case_id: 1, by: 'callq', field: 'state', from: 'cleared', to: 'reopened', note: null },
        { case_id: 1, by: 'callq', field: 'state', from: 'reopened', to: 'ongoing', note: null },
      ]);
    });
  });

  it('bridge a quiet day with case_gap_days 2, and raise a new case past case_reopen_days', async () => {
    await withDesk(async (db) => {
      await addFinding(db, 'metric_shift', 'A1', '2026-11-01');
      await addFinding(db, 'metric_shift', 'A1', '2026-11-03');
      // 29 days after the 3rd: beyond case_reopen_days (28), a case of its own.
      await addFinding(db, 'metric_shift', 'A1', '2026-12-02');
      await rebuild(db, '2026-12-02', deskConfig({ case_gap_days: 2 }));
      expect(await caseTable(db, 'case_id', 'first_seen', 'last_seen', 'days_active', 'episodes', 'state')).toEqual([
        [1, '2026-11-01', '2026-11-03', 2, 1, 'cleared'],
        [2, '2026-12-02', '2026-12-02', 1, 1, 'new'],
      ]);
    });
  });

  it('keep their id when re-detection of an old day moves their first day back', async () => {
    await withDesk(async (db) => {
      await addFinding(db, 'hangup_first', 'A1', '2026-11-05');
      await addFinding(db, 'hangup_first', 'A1', '2026-11-06');
      await rebuild(db, '2026-11-06');
      // `anomalies --date 2026-11-04` finds A1 on the 4th and A2, a new subject, too.
      await addFinding(db, 'hangup_first', 'A1', '2026-11-04');
      await addFinding(db, 'hangup_first', 'A2', '2026-11-04');
      await rebuild(db, '2026-11-04');
      expect(await caseTable(db, 'case_id', 'entity_id', 'first_seen', 'last_seen', 'days_active', 'state')).toEqual([
        // States are still judged as of the 6th, the latest day detected.
        [1, 'A1', '2026-11-04', '2026-11-06', 3, 'ongoing'],
        [2, 'A2', '2026-11-04', '2026-11-04', 1, 'cleared'],
      ]);
    });
  });

  it('merge when a backfill joins two cases, and split back with both ids when it is withdrawn', async () => {
    await withDesk(async (db) => {
      // case_reopen_days 1: the 1st-2nd and the 4th-5th are two cases.
      const config = deskConfig({ case_reopen_days: 1 });
      for (const day of ['2026-11-01', '2026-11-02', '2026-11-04', '2026-11-05'])
        await addFinding(db, 'hangup_first', 'A1', day);
      await rebuild(db, '2026-11-05', config);
      await applyReviews(
        db,
        config,
        [{ line: 0, caseId: 2, verdict: 'confirmed', note: null, by: 'bo' }],
        '2026-11-06',
      );
      await addFinding(db, 'hangup_first', 'A1', '2026-11-03');
      await rebuild(db, '2026-11-05', config);
      expect(
        await caseTable(db, 'case_id', 'first_seen', 'last_seen', 'days_active', 'state', 'merged_into', 'verdict'),
      ).toEqual([
        [1, '2026-11-01', '2026-11-05', 5, 'ongoing', null, null],
        [2, '2026-11-04', '2026-11-05', 2, 'merged', 1, 'confirmed'],
      ]);
      await removeFinding(db, 'hangup_first', 'A1', '2026-11-03');
      await rebuild(db, '2026-11-05', config);
      expect(
        await caseTable(db, 'case_id', 'first_seen', 'last_seen', 'days_active', 'state', 'merged_into', 'verdict'),
      ).toEqual([
        [1, '2026-11-01', '2026-11-02', 2, 'cleared', null, null],
        [2, '2026-11-04', '2026-11-05', 2, 'ongoing', null, 'confirmed'],
      ]);
      expect(
        (await eventRows(db)).filter((e) => e.case_id === 2).map((e) => `${e.by} ${e.field} ${e.from}>${e.to}`),
      ).toEqual([
        'callq state null>ongoing',
        'bo verdict null>confirmed',
        'bo due null>2026-11-13',
        'callq state ongoing>merged',
        'callq merged_into null>1',
        'callq state merged>ongoing',
        'callq merged_into 1>null',
      ]);
    });
  });

  it('keep their days and verdict, cleared, when re-detection withdraws every finding', async () => {
    await withDesk(async (db) => {
      await addFinding(db, 'short_sale', 'C9', '2026-11-02', { entityType: 'call' });
      await rebuild(db, '2026-11-02');
      await applyReviews(
        db,
        deskConfig(),
        [{ line: 0, caseId: 1, verdict: 'dismissed', note: 'the call was re-tagged', by: 'ana' }],
        '2026-11-03',
      );
      await removeFinding(db, 'short_sale', 'C9', '2026-11-02');
      await rebuild(db, '2026-11-02');
      expect(await caseRows(db)).toMatchObject([
        { case_id: 1, first_seen: '2026-11-02', days_active: 1, findings: 0, state: 'cleared', verdict: 'dismissed' },
      ]);
    });
  });
});
