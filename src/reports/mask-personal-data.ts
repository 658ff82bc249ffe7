/**
 * Masks personal data in report rows unless the user asked to see it (--show-personal-data).
 * Applied to every row of every report query before anything is formatted, charted or
 * written as CSV, so no page or file can show what this hides:
 * - columns named like a phone number (`*_number`, `caller_id`, `entity_number`) keep their
 *   last 4 digits: 13800138000 -> *******8000;
 * - free text (`comment`, `note`, `*_comment`, `*_note`) may name people, which no pattern finds
 *   reliably, so it is left out (null);
 * - every other text value has phone-like digit runs (7+ digits, not part of an id or a date)
 *   masked the same way, which catches numbers inside anomaly explanations and entity ids.
 */
export type ReportRow = Record<string, unknown>;

const PHONE_COLUMN = /(^|_)(number|caller_id)$/;
const FREE_TEXT_COLUMN = /(^|_)(comment|note)s?$/;
/** Digits with optional + and inner hyphens, not glued to a letter, digit, '_' or '-' on either side. */
const PHONE_IN_TEXT = /(?<![\w-])\+?\d+(?:-\d+)*(?![\w-])/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

/** Masks phone-like runs of 7 or more digits inside free text. */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_IN_TEXT, (run) => {
    const digits = run.replace(/\D/g, '').length;
    return digits >= 7 && !DATE.test(run) ? maskPhone(run) : run;
  });
}

export function maskRows(rows: ReportRow[], showPersonalData: boolean): ReportRow[] {
  if (showPersonalData) return rows;
  return rows.map((row) => {
    const masked: ReportRow = {};
    for (const [column, value] of Object.entries(row)) masked[column] = maskValue(column, value);
    return masked;
  });
}

function maskValue(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (FREE_TEXT_COLUMN.test(column)) return null;
  if (Array.isArray(value)) return value.map((item) => maskValue(column, item));
  if (typeof value !== 'string') return value;
  return PHONE_COLUMN.test(column) ? maskPhone(value) : maskPhonesInText(value);
}
