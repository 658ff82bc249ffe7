/**
 * JSON records however a service writes them: JSON Lines (one object a line), objects
 * concatenated with no separator (Kinesis Firehose's S3 delivery), or one JSON array. The
 * records land in a temp table (`_line`, `json`). JSON Lines keeps each record's line and
 * turns a line that is not a JSON object into a reject at that line; in the other layouts
 * `_line` is the line where the record starts, and a record that does not parse stops the
 * file, naming that line (DuckDB's reader says only the byte within the record).
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../../db/database.ts';
import { isJsonObject, linesOf, readHead } from '../read-source.ts';
import { sqlString } from '../staging-sql.ts';
import { addSourceRejects } from './adapter-sql.ts';

export type JsonLayout = 'lines' | 'concatenated' | 'array';

/** The layout, from the start of the file. */
export function jsonLayout(head: string): JsonLayout | null {
  const text = head.trimStart();
  if (text.startsWith('[')) return 'array';
  if (!text.startsWith('{')) return null;
  const first = text.split(/\r?\n/, 1)[0]!;
  try {
    return typeof JSON.parse(first) === 'object' ? 'lines' : null;
  } catch {
    return 'concatenated';
  }
}

/** The first record's text as far as the head holds it (enough to recognise a format by its keys). */
export function firstRecordHead(head: string): string {
  return head.trimStart().replace(/^\[\s*/, '');
}

/**
 * `trim(line) <> ''`, without running trim over a line that starts with an ASCII character
 * above the space (every record's `{`): trim removes only spaces (Unicode space separators),
 * none of which is such a character.
 */
function notBlank(line: string): string {
  return `(case when ${line} >= '!' and ${line} < chr(128) then true else trim(${line}) <> '' end)`;
}

/**
 * Reads the file's records into temp table `table` (_line, json, and `fields`: what the
 * macro `fieldsMacro` takes from a record's text, such as a list of json_extract_string paths).
 * `json`, the record's text, is kept only when `keepText` (a later step reads more of the
 * record) or the record could not be read: a file's text is most of the memory a load takes.
 */
export async function readJsonRecords(
  db: Database,
  path: string,
  table: string,
  fieldsMacro: string,
  keepText: boolean,
): Promise<JsonLayout> {
  const layout = jsonLayout(readHead(path));
  if (!layout) throw new Error('line 1: not JSON (expected JSON Lines, concatenated JSON objects or a JSON array)');
  if (layout === 'lines') {
    // Each line is parsed once, as it is read (parsing a record is most of the cost): the
    // fields are taken from a line that starts with `{`, and a line whose fields cannot be
    // taken is no JSON object (valid JSON whose first character is `{` is one: the parser
    // allows no comment before it). The records
    // stay where they were read: the other lines are deleted, which leaves every row's rowid
    // (its line - 1) as it was, and _line is filled from it (no copy of the text).
    await db.exec(`create or replace temp table ${table} as
      select case when ${keepText} or not object then json end as json, present, object, fields
      from (
        select
          json,
          present,
          case when starts_with(json, '{') then fields is not null else ${isJsonObject('json')} end as object,
          -- A record after spaces (rare) is parsed again.
          case when starts_with(json, '{') then fields when ${isJsonObject('json')} then ${fieldsMacro}(json) end as fields
        from (
          select
            line as json,
            ${notBlank('line')} as present,
            case when starts_with(line, '{') then try(${fieldsMacro}(line)) end as fields
          from ${linesOf(path)}
        )
      )`);
    await addSourceRejects(
      db,
      `select rowid + 1 as line, null as "column",
        'not a JSON object (a truncated or malformed record)' as reason, null as value, json as raw
      from ${table} where present and not object`,
    );
    await db.exec(`delete from ${table} where not coalesce(present and object, false)`);
    await db.exec(`alter table ${table} add column _line bigint`);
    await db.exec(`update ${table} set _line = rowid + 1`);
    await db.exec(`alter table ${table} drop column present; alter table ${table} drop column object`);
    return layout;
  }
  try {
    await db.exec(`create or replace temp table ${table} as
      select row_number() over () as _ordinal, case when ${keepText} then json::varchar end as json, ${fieldsMacro}(json::varchar) as fields
      from read_json_objects(${sqlString(path)}, format = ${sqlString(layout === 'array' ? 'array' : 'unstructured')})`);
  } catch (error) {
    throw new Error(describeBadRecord(path) ?? (error as Error).message.split('\n')[0]!);
  }
  await lineOfEachRecord(db, path, table);
  return layout;
}

/** Gives every record of a concatenated or array file the line it starts on. */
async function lineOfEachRecord(db: Database, path: string, table: string): Promise<void> {
  const records = topLevelRecords(readFileSync(path, 'utf8'));
  await db.exec(`create or replace temp table ${table}_starts (_ordinal bigint, _line bigint)`);
  const appender = await db.raw.createAppender(`${table}_starts`);
  records.forEach((record, i) => {
    appender.appendBigInt(BigInt(i + 1));
    appender.appendBigInt(BigInt(record.line));
    appender.endRow();
  });
  appender.closeSync();
  await db.exec(`create or replace temp table ${table} as
    select s._line, r.json, r.fields from ${table} r join ${table}_starts s using (_ordinal) order by s._line`);
  await db.exec(`drop table ${table}_starts`);
}

export interface RecordSpan {
  /** 1-based line the record starts on. */
  line: number;
  start: number;
  /** Just past the record's closing brace; null when the text ends inside it. */
  end: number | null;
}

/**
 * Where each top-level object starts and ends (in an array file, each element), by counting
 * braces outside strings in one pass.
 */
export function topLevelRecords(text: string): RecordSpan[] {
  const records: RecordSpan[] = [];
  const level = text.trimStart().startsWith('[') ? 1 : 0;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let open: RecordSpan | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (c === '{' && depth === level) open = { line, start: i, end: null };
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (c === '}' && depth === level && open) {
        records.push({ ...open, end: i + 1 });
        open = null;
      }
    }
  }
  if (open) records.push(open);
  return records;
}

/** For a file DuckDB could not read: the line of the first record that does not parse, said plainly. */
function describeBadRecord(path: string): string | null {
  const text = readFileSync(path, 'utf8');
  for (const [i, record] of topLevelRecords(text).entries()) {
    if (record.end === null)
      return `line ${record.line}: record ${i + 1} is cut off (the file ends inside it: truncated in transfer?)`;
    try {
      JSON.parse(text.slice(record.start, record.end));
    } catch (error) {
      return `line ${record.line}: record ${i + 1} is not valid JSON (${(error as Error).message})`;
    }
  }
  return null;
}
