/**
 * The audit desk's report queries on the fixture centre (fixtures/cases.sql, whose header
 * works the expected order and Scores out by hand): the case list, each case's evidence rows
 * and history, the rule catalogue, the recognition list and the nightly's deadlines.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/anomalies/rules.ts';
import { reportParams } from '../../src/reports/report-params.ts';
import { runQuery } from '../../src/reports/run-report-queries.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { Database } from '../../src/db/database.ts';
import type { ReportRow } from '../../src/reports/mask-personal-data.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';

const config = parseConfig({ timezone: 'Asia/Shanghai' });
const rowsOf = (db: Database, file: string, params = reportParams(REPORT_DAY, config)) =>
  runQuery(db, file, params).then((r) => r.rows);
const caseList = (db: Database, params?: ReturnType<typeof reportParams>) =>
  rowsOf(db, 'reports/anomalies/case_list.sql', params);
const byCase = (rows: ReportRow[], id: number) => rows.find((r) => r.case_id === id)!;

describe('case list', () => {
  it('lists each case once: new and reopened, then ongoing, then cleared, by severity rank, then Score', async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      expect(rows.map((r) => [r.case_id, r.state, r.peak_severity])).toEqual([
        [8, 'new', 'high'],
        [1, 'new', 'high'],
        [9, 'new', 'high'],
        [2, 'new', 'medium'],
        [7, 'reopened', 'medium'],
        [3, 'ongoing', 'medium'],
        [6, 'ongoing', 'low'],
        [4, 'cleared', 'high'],
        [5, 'cleared', 'high'],
      ]);
      // Not listed: 10 cleared before the week, 11 merged into 7, 12–14 recognitions, 15–17 old dismissals.
    });
  });

  it("gives every case one Score: its strength in multiples of its rule's threshold", async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      const scores = Object.fromEntries(rows.map((r) => [r.case_id, r.score]));
      expect(scores[8]).toBeCloseTo(2.1, 9); // auditor drift: |bias| ÷ max_bias, as the rule wrote it
      expect(scores[1]).toBeCloseTo(5.2 / 3.5, 9); // metric shift: |z| ÷ z_threshold
      expect(scores[7]).toBeCloseTo(5 / 3.5, 9); // hangs up first: z ÷ z_threshold
      expect(scores[3]).toBeCloseTo(1 + 2 * (29 / 60), 9); // short sale, 31 s of 60: 1 + 2 × (1 − 31/60)
      expect(scores[4]).toBeCloseTo(1 + 70 / 60, 9); // outside hours, 70 minutes out
      expect(scores[2]).toBeCloseTo(5 / 3, 9); // 5 surveys from one number, 3 allowed
      expect([scores[9], scores[6], scores[5]]).toEqual([1, 2, 1]);
    });
  });

  it("follows the config in use: a z threshold of 4 scales metric shift's Score", async () => {
    await withReportFixture(async (db) => {
      const strict = parseConfig({ timezone: 'Asia/Shanghai', anomalies: { metric_shift: { z_threshold: 4 } } });
      expect(byCase(await caseList(db, reportParams(REPORT_DAY, strict)), 1).score).toBeCloseTo(1.3, 9);
    });
  });

  it("shows the strongest finding's value in its unit, beside what the rule compares it with", async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      const value = (id: number) => {
        const r = byCase(rows, id);
        return [r.metric, r.value, r.value_unit, r.reference, r.reference_kind];
      };
      expect(value(1)).toEqual(['conversion', 0.3, 'share', 0.1, 'usual']);
      expect(value(7)).toEqual(['agent_hangup_rate', 0.25, 'share', 0.05, 'peers']); // an8 (z 5), not an9 (z 4)
      // short_sale's baseline is the agent's usual talk (45 s); the threshold is the config's 60 s.
      expect(value(3)).toEqual(['talk_s', 31, 'seconds', 60, 'threshold']);
      expect(value(4)).toEqual(['local_start_time', expect.closeTo(22 + 10 / 60, 9), 'clock', 21, 'threshold']);
      expect(value(8)).toEqual(['calibration_bias', -21, 'points', 10, 'threshold']);
      expect(value(9)).toEqual(['days_after_sale', 1.5, 'days', 7, 'threshold']);
      expect(value(2)).toEqual(['surveys_per_number', 5, 'count', 3, 'threshold']);
      expect(value(5)).toEqual(['protected_number', 3, 'digits', null, null]);
      expect(value(6)).toEqual(['surveys_unknown_call', 2, 'count', null, null]);
    });
  });

  it('names the team and agent of a case, directly or through its call, and the subject when it is no agent', async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      const who = (id: number) => [
        byCase(rows, id).team,
        byCase(rows, id).agent,
        byCase(rows, id).subject_type,
        byCase(rows, id).subject,
      ];
      expect(who(1)).toEqual(['North', 'Li Wei (A1)', null, null]);
      expect(who(3)).toEqual(['North', '<img src=x onerror="window.__xss = 1"> (A2)', 'call', 'C3']);
      expect(who(8)).toEqual([null, null, 'auditor', 'QA1']);
    });
  });

  it('marks deadlines: a confirmed case due before the day is overdue, on the day due today', async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      expect(
        rows.filter((r) => r.deadline !== null).map((r) => [r.case_id, r.verdict, r.due, r.deadline, r.overdue]),
      ).toEqual([
        [3, 'confirmed', '2026-11-20', 'overdue', true],
        [5, 'confirmed', '2026-11-21', 'due_today', false],
      ]);
    });
  });
});

describe('case evidence', () => {
  it('holds the records behind the findings, most recent first, each with its own fields', async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      const brief = (id: number) =>
        (byCase(rows, id).evidence_rows as ReportRow[]).map((e) => [e.kind, e.evidence_id, e.at]);
      expect(brief(9)).toEqual([
        ['complaint', 'K1', '2026-11-21 18:00'],
        ['call', 'C1', '2026-11-21 10:05'],
      ]);
      expect(brief(2)).toEqual([
        ['survey', 'S2', '2026-11-21 10:00'],
        ['survey', 'S1', '2026-11-20 00:00'],
      ]);
      expect(brief(8)).toEqual([
        ['audit', 'U1', '2026-11-20 11:00'],
        ['audit', 'U2', '2026-11-19 15:30'],
      ]);
      // An id found in no table is still listed, as a record of its own.
      expect(brief(6)).toEqual([['other', 'S9', null]]);

      const [c3, c6] = byCase(rows, 7).evidence_rows as ReportRow[];
      expect(c6).toMatchObject({
        agent: '<img src=x onerror="window.__xss = 1"> (A2)',
        queue: 'billing',
        duration_s: 310,
        direction: 'inbound',
        disposition: 'unresolved',
        ended_by: 'agent',
        contact_number: '13912345678', // the caller ID of an inbound call (masked on the page)
        speech_ms: 300000, // connected 15:00:10 .. 15:05:10
        speech: [
          { speaker: 'agent', start_ms: 0, end_ms: 20000 },
          { speaker: 'customer', start_ms: 20000, end_ms: 120000 },
          { speaker: 'agent', start_ms: 125000, end_ms: 200000 },
          { speaker: 'customer', start_ms: 200000, end_ms: 290000 },
        ],
      });
      expect(c3).toMatchObject({ evidence_id: 'C3', duration_s: 40, contact_number: '13800138000', speech_ms: 35000 });
      const [s2] = byCase(rows, 2).evidence_rows as ReportRow[];
      expect(s2).toMatchObject({ csat: 5, nps: 10, contact_number: '13912345678', call_id: 'C6', queue: 'billing' });
      const [u1] = byCase(rows, 8).evidence_rows as ReportRow[];
      expect(u1).toMatchObject({ audit_score: 90, auditor_id: 'QA1', calibration_id: 'CAL1', agent: 'Li Wei (A1)' });
      const [k1] = byCase(rows, 9).evidence_rows as ReportRow[];
      expect(k1).toMatchObject({
        category: 'mis-selling',
        complaint_severity: 'high',
        resolved: false,
        call_id: 'C1',
        queue: 'sales',
      });
    });
  });

  it('keeps the 20 most recent records of a case and counts them all', async () => {
    await withReportFixture(async (db) => {
      const case1 = byCase(await caseList(db), 1);
      const records = case1.evidence_rows as ReportRow[];
      // C2 (10:20) and C1 (10:05), then the 20 ids that name no record, by id: X01 .. X18 fit.
      expect(case1.evidence_total).toBe(22);
      expect(records.map((e) => e.evidence_id)).toEqual([
        'C2',
        'C1',
        ...Array.from({ length: 18 }, (_, i) => `X${String(i + 1).padStart(2, '0')}`),
      ]);
    });
  });

  it("draws the history of the peak finding's metric over the 28 days to the case's last day, its finding days marked", async () => {
    await withReportFixture(async (db) => {
      const rows = await caseList(db);
      const history = (id: number) =>
        (byCase(rows, id).history as Array<{ x: string; y: number; marked: boolean }> | null) ?? [];
      // A1's conversion 2026-10-25 .. 2026-11-21: 0.10, then 0.30 on the finding's day.
      expect(history(1)).toHaveLength(28);
      expect(history(1).filter((p) => p.marked)).toEqual([{ x: '2026-11-21', y: 0.3, marked: true }]);
      // Case 7 found A2's hang-ups on 2026-10-30 and 2026-11-21, both within the 28 days.
      expect(
        history(7)
          .filter((p) => p.marked)
          .map((p) => p.x),
      ).toEqual(['2026-10-30', '2026-11-21']);
      // Calls, auditors and numbers have no daily series.
      expect(history(3)).toEqual([]);
    });
  });
});

describe('rule catalogue', () => {
  it('lists every rule in order with the settings in use and its precision on generated data and on verdicts', async () => {
    await withReportFixture(async (db) => {
      const rows = await rowsOf(db, 'reports/anomalies/rule_catalogue.sql');
      expect(rows.map((r) => r.rule)).toEqual(RULES.map((r) => r.name));
      const rule = (name: string) => {
        const { settings, ...rest } = rows.find((r) => r.rule === name)!;
        return { ...rest, settings: JSON.parse(String(settings)) as Record<string, string> };
      };
      // metric_shift: cases 1 and 10; case 10 dismissed -> 0 of 1, Wilson [0, z²/(1 + z²)] = [0, 0.793];
      // generated data: 6 of 8 flags right, 6 of 10 labels found.
      expect(rule('metric_shift')).toMatchObject({
        enabled: true,
        cases: 2,
        open_cases: 1,
        generated_precision: 0.75,
        generated_recall: 0.6,
        generated_labelled: 10,
        desk_precision: 0,
        desk_precision_lo: 0,
        desk_precision_hi: 0.793,
        reviewed: 1,
        low_desk_precision: false,
        desk_flag: null,
        settings: { z: '3.5', z_high: '7', baseline_days: '28', min_baseline_days: '14' },
      });
      // outside_hours: cases 4, 15, 16, 17, all dismissed -> 0 of 4; upper end (z²/4) ÷ (1 + z²/4) = 0.490 < 0.5: low.
      expect(rule('outside_hours')).toMatchObject({
        cases: 4,
        open_cases: 0,
        desk_precision: 0,
        desk_precision_hi: 0.49,
        reviewed: 4,
        low_desk_precision: true,
        desk_flag: 'low',
        settings: { start: '08:00', end: '21:00' },
      });
      // hangup_first: case 7 actioned (counts as confirmed); merged case 11 does not count: 1 of 1, lower end 1 ÷ (1 + z²).
      expect(rule('hangup_first')).toMatchObject({
        cases: 1,
        open_cases: 1,
        desk_precision: 1,
        desk_precision_lo: 0.207,
        desk_precision_hi: 1,
        reviewed: 1,
      });
      // peer_outlier: no case, no evaluation.
      expect(rule('peer_outlier')).toMatchObject({
        cases: 0,
        generated_precision: null,
        desk_precision: null,
        reviewed: null,
        desk_flag: null,
      });
    });
  });

  it('shows a switched-off rule and the thresholds of the config in use', async () => {
    await withReportFixture(async (db) => {
      const tuned = parseConfig({
        timezone: 'Asia/Shanghai',
        short_sale_s: 90,
        anomalies: { robocall_burst: { enabled: false, min_calls: 12 } },
      });
      const rows = await rowsOf(db, 'reports/anomalies/rule_catalogue.sql', reportParams(REPORT_DAY, tuned));
      const robocall = rows.find((r) => r.rule === 'robocall_burst')!;
      expect([robocall.enabled, robocall.switched_off, JSON.parse(String(robocall.settings)).calls_high]).toEqual([
        false,
        'off',
        '24',
      ]);
      expect(JSON.parse(String(rows.find((r) => r.rule === 'short_sale')!.settings))).toEqual({
        seconds: '90',
        half: '45',
      });
    });
  });
});

describe('recognition list (coaching)', () => {
  it("lists the rewards owed and the week's recognitions, soonest due first, with their place in the ranking", async () => {
    await withReportFixture(async (db) => {
      const rows = await rowsOf(db, 'reports/coaching/recognitions.sql');
      // 14 (A2, due 11-16: overdue) and 12 (A1, due 11-22); 13 was rewarded and is older than the week.
      // The rank reads "1 of 4" on a day agent_window holds (11-21: A1..A4 ranked), the rank
      // alone on one it does not (11-14).
      expect(
        rows.map((r) => [r.case_id, r.agent, r.rank, r.rank_text, r.verdict, r.due, r.deadline, r.overdue]),
      ).toEqual([
        [14, '<img src=x onerror="window.__xss = 1"> (A2)', 2, 'alone', 'reward', '2026-11-16', 'overdue', true],
        [12, 'Li Wei (A1)', 1, 'of', 'reward', '2026-11-22', null, false],
      ]);
      expect(JSON.parse(String(rows[1]!.rank_vars))).toEqual({ rank: 1, n: 4 });
    });
  });
});

describe('nightly deadlines and top anomalies', () => {
  it('lists what is due or overdue on the day, with the report each case is on', async () => {
    await withReportFixture(async (db) => {
      const rows = await rowsOf(db, 'reports/nightly/due_cases.sql');
      expect(rows.map((r) => [r.case_id, r.deadline, r.days_overdue, r.reviewed_by, r.entity, r.page])).toEqual([
        // An agent by name and id (A2's name is the fixture's markup), another subject by its id.
        [14, 'overdue', 5, 'callq', '<img src=x onerror="window.__xss = 1"> (A2)', 'coaching.html'],
        [3, 'overdue', 1, 'ana', 'C3', 'anomalies.html'],
        [5, 'due_today', 0, 'bo', 'C5', 'anomalies.html'],
      ]);
    });
  });

  it("links each of the day's strongest findings to its case (never to a merged one)", async () => {
    await withReportFixture(async (db) => {
      const rows = await rowsOf(db, 'reports/nightly/top_anomalies.sql');
      // High first by score (an1 5.2, an11 1, an10 -2.1), then medium (an8 5, an2 5/3).
      expect(rows.map((r) => [r.anomaly_id, r.case_id])).toEqual([
        ['an1', 1],
        ['an11', 9],
        ['an10', 8],
        ['an8', 7],
        ['an2', 2],
      ]);
    });
  });
});
