/**
 * The input contract: every table, its key, its columns with type and value rules, and the
 * row-level checks. The canonical DDL, the staging validation SQL and docs/contract.md
 * (`npm run docs:contract`, src/ingest/contract-doc.ts; test/ingest/contract-doc.test.ts
 * fails when the page is stale) are generated from this one description. README's
 * "Input contract (in brief)" table is written by hand; test/docs/doc-references.test.ts
 * checks its keys and required columns against this.
 */

export type ColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'date';

export interface ColumnContract {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** Allowed values (compared case-insensitively, stored lower-case unless `keepCase`). */
  values?: readonly string[];
  keepCase?: boolean;
  min?: number;
  max?: number;
  /** Strictly greater than `min`. */
  exclusiveMin?: boolean;
  /** Value used when the source leaves the cell empty. */
  default?: string | number | boolean;
  /** Phone numbers and free text: masked in reports. */
  personal?: boolean;
  /**
   * Nearly every row has a value of its own (a call's id, a customer's number): stored with
   * FSST compression only. DuckDB would try a dictionary on each segment first, which never
   * pays for such a column: the trial took a fifth of the calls write (3M queue_log calls,
   * 2026-12-01: 3.35 s against 4.2 s, the same size on disk). The price: a file that leaves
   * the column empty throughout stores 4 bytes a row for it (12 MB per 3M calls) where
   * DuckDB would store nothing.
   */
  distinctValues?: boolean;
}

export interface RowCheck {
  /** Column the reject is reported against. */
  column: string;
  /** SQL over the typed columns that is true when the row breaks the rule. */
  failsWhen: string;
  reason: string;
}

export interface TableContract {
  name: TableName;
  /** Upsert key: a later load replaces the row with the same key. */
  key: readonly string[];
  /**
   * For child tables without a key of their own (segments): a later file replaces every
   * row of the parent ids it names.
   */
  replaceBy?: string;
  columns: readonly ColumnContract[];
  checks: readonly RowCheck[];
  /**
   * Written in any order (preserve_insertion_order off for the insert), not in the staged
   * order. Measured on the bench files (2026-12-01): segments' narrow numeric rows write
   * 12% faster and take a quarter less space so, while calls' wide text rows write slower
   * so (3M queue_log calls 2.4 s in order against 2.8 s; 1M Connect calls 1.1 s against 1.45 s).
   */
  unorderedWrite?: boolean;
}

export const TABLE_NAMES = [
  'agents',
  'calls',
  'segments',
  'surveys',
  'audit_items',
  'audits',
  'complaints',
  'shifts',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const OUTBOUND_DISPOSITIONS = [
  'sale',
  'interested',
  'callback',
  'not_interested',
  'no_answer',
  'busy',
  'wrong_number',
  'do_not_call',
] as const;
const INBOUND_DISPOSITIONS = ['resolved', 'unresolved', 'transferred', 'complaint'] as const;

// A list literal: DuckDB turns a long `x in (...)` into a join, which hides a load's progress.
const sqlList = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;

export const CONTRACTS: Record<TableName, TableContract> = {
  agents: {
    name: 'agents',
    key: ['agent_id'],
    columns: [
      { name: 'agent_id', type: 'text', required: true },
      // An agent's name is shown: trainers and the desk act on it. Customers' data is masked.
      { name: 'name', type: 'text' },
      { name: 'team', type: 'text' },
      { name: 'site', type: 'text' },
      { name: 'grade', type: 'text', values: ['junior', 'intermediate', 'senior', 'technician'] },
      { name: 'hire_date', type: 'date' },
    ],
    checks: [],
  },
  calls: {
    name: 'calls',
    key: ['call_id'],
    columns: [
      { name: 'call_id', type: 'text', required: true, distinctValues: true },
      { name: 'direction', type: 'text', required: true, values: ['inbound', 'outbound'] },
      { name: 'agent_id', type: 'text' },
      { name: 'queue', type: 'text' },
      { name: 'campaign_id', type: 'text' },
      { name: 'customer_id', type: 'text' },
      { name: 'customer_number', type: 'text', personal: true, distinctValues: true },
      { name: 'caller_id', type: 'text', personal: true, distinctValues: true },
      { name: 'started_at', type: 'timestamp', required: true },
      { name: 'answered_at', type: 'timestamp' },
      { name: 'ended_at', type: 'timestamp', required: true },
      { name: 'hold_s', type: 'number', min: 0, default: 0 },
      { name: 'acw_s', type: 'number', min: 0, default: 0 },
      { name: 'disconnect_party', type: 'text', values: ['agent', 'customer', 'system'] },
      { name: 'transferred', type: 'boolean', default: false },
      { name: 'disposition', type: 'text', values: [...OUTBOUND_DISPOSITIONS, ...INBOUND_DISPOSITIONS] },
      { name: 'lead_grade', type: 'text', values: ['A', 'B', 'C'], keepCase: true },
      { name: 'customer_tier', type: 'text', values: ['vip', 'general'] },
      { name: 'sale_amount', type: 'number', min: 0 },
      // A transfer's later leg names the leg it continues: customers are counted once per
      // call (its first leg), agents once per leg.
      { name: 'previous_call_id', type: 'text' },
    ],
    checks: [
      { column: 'ended_at', failsWhen: 'ended_at < started_at', reason: 'ended_at is before started_at' },
      {
        column: 'answered_at',
        failsWhen: 'answered_at < started_at or answered_at > ended_at',
        reason: 'answered_at is outside [started_at, ended_at]',
      },
      {
        column: 'hold_s',
        failsWhen: 'answered_at is not null and hold_s > epoch(ended_at) - epoch(answered_at)',
        reason: 'hold_s is longer than the connected time',
      },
      {
        column: 'disposition',
        failsWhen: `(direction = 'inbound' and list_contains(${sqlList(OUTBOUND_DISPOSITIONS)}, disposition)) or (direction = 'outbound' and list_contains(${sqlList(INBOUND_DISPOSITIONS)}, disposition))`,
        reason: 'disposition does not belong to the call direction',
      },
    ],
  },
  segments: {
    name: 'segments',
    key: [],
    replaceBy: 'call_id',
    unorderedWrite: true,
    columns: [
      { name: 'call_id', type: 'text', required: true },
      { name: 'speaker', type: 'text', required: true, values: ['agent', 'customer'] },
      { name: 'start_ms', type: 'integer', required: true, min: 0 },
      { name: 'end_ms', type: 'integer', required: true, min: 0 },
      // What was said (from a transcript): nothing computes from it yet; masked in reports.
      { name: 'text', type: 'text', personal: true },
    ],
    checks: [{ column: 'end_ms', failsWhen: 'end_ms <= start_ms', reason: 'end_ms is not after start_ms' }],
  },
  surveys: {
    name: 'surveys',
    key: ['survey_id'],
    columns: [
      { name: 'survey_id', type: 'text', required: true },
      { name: 'call_id', type: 'text', required: true },
      { name: 'responded_at', type: 'timestamp' },
      { name: 'csat', type: 'integer', min: 1, max: 5 },
      { name: 'nps', type: 'integer', min: 0, max: 10 },
      { name: 'resolved', type: 'boolean' },
      { name: 'respondent_number', type: 'text', personal: true },
      { name: 'comment', type: 'text', personal: true },
    ],
    checks: [],
  },
  audit_items: {
    name: 'audit_items',
    key: ['form_id', 'item_id'],
    columns: [
      { name: 'form_id', type: 'text', required: true },
      { name: 'item_id', type: 'text', required: true },
      { name: 'section', type: 'text' },
      { name: 'text', type: 'text' },
      { name: 'weight', type: 'number', required: true, min: 0, exclusiveMin: true },
      { name: 'max_points', type: 'number', required: true, min: 0, exclusiveMin: true },
      { name: 'critical', type: 'boolean', default: false },
    ],
    checks: [],
  },
  audits: {
    name: 'audits',
    key: ['audit_id', 'item_id'],
    columns: [
      { name: 'audit_id', type: 'text', required: true },
      { name: 'form_id', type: 'text' },
      { name: 'agent_id', type: 'text', required: true },
      { name: 'auditor_id', type: 'text', required: true },
      { name: 'audited_at', type: 'timestamp', required: true },
      { name: 'channel', type: 'text', values: ['phone', 'counter', 'online'] },
      { name: 'call_id', type: 'text' },
      { name: 'calibration_id', type: 'text' },
      { name: 'item_id', type: 'text', required: true },
      { name: 'points', type: 'number', min: 0 },
      { name: 'note', type: 'text', personal: true },
    ],
    checks: [],
  },
  complaints: {
    name: 'complaints',
    key: ['complaint_id'],
    columns: [
      { name: 'complaint_id', type: 'text', required: true },
      { name: 'customer_id', type: 'text' },
      { name: 'call_id', type: 'text' },
      { name: 'agent_id', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'severity', type: 'text', values: ['high', 'medium', 'low'] },
      { name: 'opened_at', type: 'timestamp', required: true },
      { name: 'first_response_at', type: 'timestamp' },
      { name: 'resolved_at', type: 'timestamp' },
      { name: 'follow_up_at', type: 'timestamp' },
      { name: 'follow_up_satisfied', type: 'boolean' },
      { name: 'escalated', type: 'boolean', default: false },
      { name: 'reopened_count', type: 'integer', min: 0, default: 0 },
    ],
    checks: [
      {
        column: 'first_response_at',
        failsWhen: 'first_response_at < opened_at',
        reason: 'first_response_at is before opened_at',
      },
      { column: 'resolved_at', failsWhen: 'resolved_at < opened_at', reason: 'resolved_at is before opened_at' },
      { column: 'follow_up_at', failsWhen: 'follow_up_at < opened_at', reason: 'follow_up_at is before opened_at' },
    ],
  },
  shifts: {
    name: 'shifts',
    key: ['agent_id', 'start_at'],
    columns: [
      { name: 'agent_id', type: 'text', required: true },
      { name: 'shift_date', type: 'date', required: true },
      { name: 'start_at', type: 'timestamp', required: true },
      { name: 'end_at', type: 'timestamp', required: true },
    ],
    checks: [{ column: 'end_at', failsWhen: 'end_at <= start_at', reason: 'end_at is not after start_at' }],
  },
};

const SQL_TYPES: Record<ColumnType, string> = {
  text: 'varchar',
  integer: 'bigint',
  number: 'double',
  boolean: 'boolean',
  timestamp: 'timestamptz',
  date: 'date',
};

/** The spellings a column with allowed values stores (lower-case unless `keepCase`). */
export function storedValues(c: ColumnContract): string[] {
  return (c.values ?? []).map((value) => (c.keepCase ? value.toUpperCase() : value.toLowerCase()));
}

/**
 * The canonical SQL type of a column. A column with allowed values is a DuckDB ENUM: one
 * byte a row instead of a string, which the load writes several times faster and every
 * group-by reads faster; it compares with text literals as text does.
 */
export function sqlType(c: ColumnContract): string {
  if (c.values)
    return `enum(${storedValues(c)
      .map((v) => `'${v}'`)
      .join(', ')})`;
  return SQL_TYPES[c.type];
}

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}
