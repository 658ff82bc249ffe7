/**
 * A case's evidence as rows, not ids: each call with its time, queue, agent, duration,
 * outcome and speech timeline; surveys, audits and complaints with their main fields. The
 * rows come from the case's query (already masked), at most a few dozen, most recent first.
 * They fold away in a <details> element, which opens without JavaScript and prints open.
 */
import { html, type Html } from './html.ts';
import type { Translator } from './i18n.ts';
import type { Format } from './report-layout.ts';
import type { ReportRow } from './mask-personal-data.ts';
import { formatValue, MISSING } from './format-value.ts';
import { speechTimeline, type SpeechTurn } from './speech-timeline.ts';

/**
 * The fields that describe a record of each kind, in the order shown: each is the label
 * `evidence_field.<field>` ("ended by {v}") filled with the formatted value, left out when empty.
 */
const DETAILS: Record<string, Array<{ field: string; format: Format; labels?: string }>> = {
  call: [
    { field: 'direction', format: 'label', labels: 'direction' },
    { field: 'disposition', format: 'label', labels: 'disposition' },
    { field: 'ended_by', format: 'label', labels: 'party' },
    { field: 'contact_number', format: 'text' },
  ],
  survey: [
    { field: 'csat', format: 'count' },
    { field: 'nps', format: 'count' },
    { field: 'contact_number', format: 'text' },
    { field: 'call_id', format: 'text' },
  ],
  audit: [
    { field: 'audit_score', format: 'score' },
    { field: 'auditor_id', format: 'text' },
    { field: 'calibration_id', format: 'text' },
    { field: 'call_id', format: 'text' },
  ],
  complaint: [
    { field: 'complaint_severity', format: 'label', labels: 'severity' },
    { field: 'category', format: 'text' },
    { field: 'resolved', format: 'text' },
    { field: 'call_id', format: 'text' },
  ],
};

/** `total`: how many records the case has; the rows given may be the most recent of them. */
export function renderEvidence(rows: readonly ReportRow[], total: number, tr: Translator): Html {
  if (rows.length === 0) return html`<p class="empty">${tr.t('evidence.none')}</p>`;
  const header = ['evidence.record', 'evidence.at', 'col.agent', 'col.queue', 'evidence.duration', 'evidence.details'];
  // The speech column's heading is its legend: the lanes' colours.
  const speech = html`<th scope="col">${tr.t('evidence.speech')} <span class="legend speech-agent">${tr.t('evidence.speech_agent')}</span> <span class="legend speech-customer">${tr.t('evidence.speech_customer')}</span></th>`;
  const limited =
    total > rows.length ? html`<p class="note">${tr.t('evidence.limited', { shown: rows.length, total })}</p>` : html``;
  return html`<details class="evidence"><summary>${tr.t('evidence.summary', { n: total })}</summary>
<table class="evidence-table"><thead><tr>${header.map((key) => html`<th scope="col">${tr.t(key)}</th>`)}${speech}</tr></thead>
<tbody>${rows.map((record) => evidenceRow(record, tr))}</tbody></table>
${limited}</details>`;
}

function evidenceRow(record: ReportRow, tr: Translator): Html {
  const kind = String(record.kind);
  const text = (field: string, format: Format = 'text') => formatValue(record[field], format, tr);
  const details = (DETAILS[kind] ?? [])
    .filter(({ field }) => record[field] !== null && record[field] !== undefined && record[field] !== '')
    .map(({ field, format, labels }) =>
      tr.t(`evidence_field.${field}`, { v: formatValue(record[field], format, tr, labels) }),
    );
  const turns = Array.isArray(record.speech) ? (record.speech as SpeechTurn[]) : [];
  return html`<tr class="evidence-${kind}"><td><span class="kind">${tr.t(`evidence_kind.${kind}`)}</span> ${text('evidence_id')}</td><td class="nowrap">${text('at')}</td><td>${text('agent')}</td><td>${text('queue')}</td><td class="num">${text('duration_s', 'seconds')}</td><td>${details.length > 0 ? details.join(tr.t('list.separator')) : MISSING}</td><td>${speechTimeline(turns, Number(record.speech_ms), tr)}</td></tr>`;
}
