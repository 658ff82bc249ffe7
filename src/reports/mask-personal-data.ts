/**
 * Masks personal data in report rows unless the user asked to see it (--show-personal-data).
 * Applied to every row of every report query before anything is formatted, charted or
 * written as CSV, so no page or file can show what this hides. It goes by column, not by
 * the look of a value: a long number is often an id the quality team must look up (an
 * Asterisk uniqueid such as 1772445600.101), so only personal-data columns are masked:
 * - phone numbers keep their last 4 digits (13800138000 -> *******8000): columns named like
 *   a phone number (`*_number`, `caller_id`), and `entity_id` or `entity` (the subject as
 *   due_cases and top_anomalies name it) of an anomaly whose entity_type is 'number';
 * - free text (`comment`, `note`, `*_comment`, `*_note`, and `text`, a transcript's words)
 *   may name people, which no pattern finds reliably, so it is left out (null);
 * - a phone number the row masks is masked wherever else the row repeats it (an
 *   explanation that quotes it), but not in its id columns (`call_id`, `*_id`), which keep
 *   their values.
 * - a row nested in a cell (a case's evidence records) is masked as a row of its own.
 * Anomaly rules mask the numbers they write into explanations themselves (mask_number).
 */
export type ReportRow = Record<string, unknown>;

const PHONE_COLUMN = /(^|_)(number|caller_id)$/;
const FREE_TEXT_COLUMN = /(^|_)(comment|note)s?$|^text$/;
const ID_COLUMN = /(^|_)id$/;

/** Every digit but the last four becomes '*'. */
export function maskPhone(value: string): string {
  let keep = 4;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\d/.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = '*';
  }
  return chars.join('');
}

export function maskRows(rows: ReportRow[], showPersonalData: boolean): ReportRow[] {
  return showPersonalData ? rows : rows.map(maskRow);
}

function maskRow(row: ReportRow): ReportRow {
  const phones = phonesOf(row);
  const masked: ReportRow = {};
  for (const [column, value] of Object.entries(row)) masked[column] = maskValue(column, value, row, phones);
  return masked;
}

/** The phone numbers a row holds, longest first (so that no shorter one cuts into a longer one). */
function phonesOf(row: ReportRow): string[] {
  const phones = Object.entries(row).flatMap(([column, value]) =>
    typeof value === 'string' && isPhone(column, row) ? [value] : [],
  );
  // A number of 4 digits or fewer (a service line) masks to itself.
  return phones.filter((phone) => maskPhone(phone) !== phone).sort((a, b) => b.length - a.length);
}

function isPhone(column: string, row: ReportRow): boolean {
  return PHONE_COLUMN.test(column) || ((column === 'entity_id' || column === 'entity') && row.entity_type === 'number');
}

function maskValue(column: string, value: unknown, row: ReportRow, phones: readonly string[]): unknown {
  if (value === null || value === undefined) return value;
  if (FREE_TEXT_COLUMN.test(column)) return null;
  if (Array.isArray(value)) return value.map((item) => maskValue(column, item, row, phones));
  if (typeof value === 'object') return maskRow(value as ReportRow);
  if (typeof value !== 'string') return value;
  if (isPhone(column, row)) return maskPhone(value);
  if (ID_COLUMN.test(column)) return value;
  return phones.reduce((text, phone) => text.replace(standalone(phone), () => maskPhone(phone)), value);
}

/** The phone number where it is not part of a longer number. */
function standalone(phone: string): RegExp {
  return new RegExp(`(?<!\\d)${phone.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`, 'g');
}
