/**
 * Each generated row as the cells of its file, in the column order of the input
 * contract (src/ingest/contracts.ts): timestamps as local `YYYY-MM-DD HH:MM:SS`, dates
 * as `YYYY-MM-DD`, empty for null.
 */
import { CONTRACTS, type TableName } from '../ingest/contracts.ts';
import { formatDay, formatTimestamp } from './local-time.ts';
import type { Dataset } from './model.ts';

export type Cell = string | number | boolean | null;

const ts = (t: number | null) => (t === null ? null : formatTimestamp(t));

export function columnsOf(table: TableName): string[] {
  return CONTRACTS[table].columns.map((c) => c.name);
}

/** The rows of one table, each as its cells, in file order (one at a time: segments are many). */
export function* tableRows(table: TableName, data: Dataset): Generator<Cell[]> {
  switch (table) {
    case 'agents':
      for (const a of data.agents) yield [a.agent_id, a.name, a.team, a.site, a.grade, formatDay(a.hire_date)];
      return;
    case 'calls': {
      const twice = new Set(data.duplicateCallIds);
      for (const c of data.calls) {
        const row: Cell[] = [
          c.call_id,
          c.direction,
          c.agent_id,
          c.queue,
          c.campaign_id,
          c.customer_id,
          c.customer_number,
          c.caller_id,
          ts(c.started),
          ts(c.answered),
          ts(c.ended),
          c.hold_s,
          c.acw_s,
          c.disconnect_party,
          c.transferred,
          c.disposition,
          c.lead_grade,
          c.customer_tier,
          c.sale_amount,
          null, // previous_call_id: the generated centre has no transfer legs
        ];
        yield row;
        if (twice.has(c.call_id)) yield row;
      }
      return;
    }
    case 'segments':
      // No transcript text: the generated timeline has turns, not words.
      for (const s of data.segments) yield [s.call_id, s.speaker, s.start_ms, s.end_ms, null];
      return;
    case 'surveys':
      for (const s of data.surveys)
        yield [s.survey_id, s.call_id, ts(s.responded), s.csat, s.nps, s.resolved, s.respondent_number, s.comment];
      return;
    case 'audit_items':
      for (const i of data.audit_items)
        yield [i.form_id, i.item_id, i.section, i.text, i.weight, i.max_points, i.critical];
      return;
    case 'audits':
      for (const a of data.audits)
        yield [
          a.audit_id,
          a.form_id,
          a.agent_id,
          a.auditor_id,
          ts(a.audited),
          a.channel,
          a.call_id,
          a.calibration_id,
          a.item_id,
          a.points,
          a.note,
        ];
      return;
    case 'complaints':
      for (const c of data.complaints) {
        yield [
          c.complaint_id,
          c.customer_id,
          c.call_id,
          c.agent_id,
          c.category,
          c.severity,
          ts(c.opened),
          ts(c.first_response),
          ts(c.resolved),
          ts(c.follow_up),
          c.follow_up_satisfied,
          c.escalated,
          c.reopened_count,
        ];
      }
      return;
    case 'shifts':
      for (const s of data.shifts) yield [s.agent_id, formatDay(s.shift_date), ts(s.start), ts(s.end)];
      return;
  }
}
