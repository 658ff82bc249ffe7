/**
 * Reads a review sheet: a CSV (UTF-8, with or without a BOM; CRLF or LF; comma, tab,
 * semicolon or pipe) whose columns case_id, verdict, note and by are read by name; any
 * other column is ignored, except state and last_seen, which, when present, say how the
 * case stood when the sheet was made. A row whose verdict, note and by are all empty was
 * not reviewed and is skipped. Every other row must be a whole review; each one that is
 * not is a problem naming its line (1 is the header; a quoted note running over several
 * lines counts from the line it starts on).
 */
import { readFileSync } from 'node:fs';
import { csvCells } from '../ingest/csv-cells.ts';
import { detectDelimiter } from '../ingest/read-source.ts';
import { isCalendarDay } from '../days/calendar-day.ts';
import { UsageError } from '../errors/usage-error.ts';
import { caseNumber, isVerdict, VERDICTS, type Review, type ReviewProblem } from './verdicts.ts';

const REQUIRED = ['case_id', 'verdict', 'by'] as const;
const READ = [...REQUIRED, 'note', 'state', 'last_seen'] as const;
type Column = (typeof READ)[number];

export interface ReviewSheet {
  reviews: Review[];
  problems: ReviewProblem[];
}

export function readReviewSheet(path: string): ReviewSheet {
  const records = csvRecords(readSheetText(path));
  const header = records.shift();
  if (!header)
    throw new UsageError(`${path} is empty: a review sheet has a header line with case_id, verdict, note and by`);
  const delimiter = detectDelimiter(header.text);
  const columns = new Map<string, number>();
  csvCells(header.text, delimiter).forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!columns.has(key)) columns.set(key, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new UsageError(
      `${path} has no column ${missing.join(', ')}: a review sheet has the columns case_id, verdict, note and by`,
    );
  }

  const sheet: ReviewSheet = { reviews: [], problems: [] };
  const firstLineOf = new Map<number, number>();
  for (const record of records) {
    const cells = csvCells(record.text, delimiter);
    const cell = (name: Column) => {
      const index = columns.get(name);
      return index === undefined ? '' : (cells[index] ?? '').replaceAll('\r\n', '\n').trim();
    };
    const [caseText, verdict, note, by] = [cell('case_id'), cell('verdict').toLowerCase(), cell('note'), cell('by')];
    if (!verdict && !note && !by) continue;

    const reasons: string[] = [];
    const caseId = caseNumber(caseText);
    if (caseId === null) reasons.push(caseText ? `case_id "${caseText}" is not a case number` : 'no case_id');
    if (!verdict) reasons.push('no verdict');
    else if (!isVerdict(verdict)) reasons.push(`unknown verdict "${verdict}" (${VERDICTS.join(', ')})`);
    if (!by) reasons.push('no reviewer in "by"');
    const lastSeen = cell('last_seen');
    if (lastSeen && !isCalendarDay(lastSeen)) reasons.push(`last_seen "${lastSeen}" is not a day (YYYY-MM-DD)`);
    if (caseId !== null) {
      const first = firstLineOf.get(caseId);
      if (first !== undefined) reasons.push(`case ${caseId} is reviewed twice (first on line ${first})`);
      else firstLineOf.set(caseId, record.line);
    }

    if (reasons.length > 0 || caseId === null || !isVerdict(verdict)) {
      sheet.problems.push({ line: record.line, reason: reasons.join('; ') });
      continue;
    }
    const state = cell('state').toLowerCase();
    sheet.reviews.push({
      line: record.line,
      caseId,
      verdict,
      note: note || null,
      by,
      ...(state ? { expectedState: state } : {}),
      ...(lastSeen ? { expectedLastSeen: lastSeen } : {}),
    });
  }
  return sheet;
}

function readSheetText(path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}

/**
 * The records of a CSV text with the line each starts on: a line break inside quotes (a
 * note of several lines) does not end a record. Empty lines are left out.
 */
function csvRecords(text: string): Array<{ line: number; text: string }> {
  const records: Array<{ line: number; text: string }> = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let quoted = false;
  const end = (at: number) => {
    const record = text.slice(start, at).replace(/\r$/, '');
    if (record.trim() !== '') records.push({ line: startLine, text: record });
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '\n') {
      line++;
      if (!quoted) {
        end(i);
        start = i + 1;
        startLine = line;
      }
    }
  }
  end(text.length);
  return records;
}
