/**
 * What a source adapter is: a reader of one phone system's own export that turns a file
 * into rows of one canonical table (calls or segments). The rows then go through the same
 * staging, checks, rejects and upsert as any canonical file, in the file's one transaction.
 * The work happens in DuckDB: the adapter reads the file with DuckDB's readers into a temp
 * table and reshapes it with the SQL under queries/sources/.
 */
import type { Config } from '../../config/config-schema.ts';
import type { Database } from '../../db/database.ts';
import type { ColumnMapping, MappingEntry } from '../column-mapping.ts';
import type { TableName } from '../contracts.ts';
import type { FileFormat } from '../file-format.ts';
import type { SourceRelation } from '../read-source.ts';

export const SOURCE_NAMES = ['asterisk-queue-log', 'asterisk-cdr', 'amazon-connect-ctr', 'contact-lens'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name);
}

/** What a file made and left out, for the load summary. */
export interface SourceReport {
  /** Records read from the file (events, CDR rows, contact records, transcript turns). */
  records: number;
  /** Canonical rows made, by kind (`calls`, `legs`, `segments`, `missed offers` ...). */
  made: Record<string, number>;
  /** Records or calls left out on purpose, by reason key (`not_voice`, `ivr_only`, `pending` ...). */
  skipped: Record<string, number>;
  /** What this format cannot carry, said once per file. */
  notes: string[];
}

/** The canonical rows an adapter made of a file, as a relation the load stages. */
export interface AdapterRelation extends SourceRelation {
  report: SourceReport;
  /**
   * The adapter has shown that its rows' keys stay distinct as staging reads them (trimmed):
   * the load then skips its count of repeated keys, a pass over every staged key.
   */
  distinctKeys?: boolean;
  /** Writes the source's state (pending events, versions); runs inside the file's transaction. */
  commit?(db: Database, loadId: number): Promise<void>;
}

export interface AdapterContext {
  config: Config;
  mapping?: ColumnMapping;
  /**
   * Whether the file has an empty line before its last line (FileScan.innerBlankLine):
   * DuckDB's CSV reader skips empty lines, so an adapter that numbers lines by the rows it
   * reads must shift them. A promise: the scan may still run while the adapter reads.
   */
  innerBlankLine: Promise<boolean>;
}

export interface SourceAdapter {
  name: SourceName;
  /** The canonical table the adapter writes. */
  table: TableName;
  /** One line for `--help` and messages. */
  description: string;
  /** What each reason key of SourceReport.skipped means, for the load summary. */
  reasons: Record<string, string>;
  /** Text format of the file, for the encoding check. */
  format: FileFormat;
  /**
   * Whether the start of a file (its first 64 KiB as text) is this format. Every adapter's
   * test is strict enough that at most one says yes.
   */
  recognise(head: string): boolean;
  /**
   * The time (epoch milliseconds) of the file's first record, read from its start, for a
   * source whose files must load in time order (a queue_log call's events span rotated
   * files): its files then load earliest first, not by name (`queue_log` sorts before
   * `queue_log.1`). Null when the start tells no time.
   */
  firstRecordAt?(head: string): number | null;
  /** Reads the file into the relation of canonical rows; throws when the file is not this format. */
  open(db: Database, path: string, context: AdapterContext): Promise<AdapterRelation>;
  /** What the adapter takes from a `--map` file (none when absent): which entries, said for a message. */
  mapping?: { takes: string; applies(table: TableName, key: string, entry: MappingEntry): boolean };
}

/**
 * The entries of a `--map` file the adapter would not apply (as `table.key`): a load with
 * them is refused, since a mapping that silently does nothing gives numbers the user did
 * not ask for.
 */
export function unappliedMapping(adapter: SourceAdapter, mapping: ColumnMapping): string[] {
  return Object.entries(mapping).flatMap(([table, entries = {}]) => {
    const applied = Object.entries(entries).filter(([key, entry]) =>
      adapter.mapping?.applies(table as TableName, key, entry),
    );
    // `{"canonical": "Source.Path"}` is read as the path's pick plus `"canonical": null` (a
    // file column of that name is not read): the null goes with the pick.
    const picked = new Set(applied.map(([, entry]) => entry));
    return Object.entries(entries)
      .filter(([key, entry]) => !applied.some(([k]) => k === key) && !(entry === null && picked.has(key)))
      .map(([key]) => `${table}.${key}`);
  });
}
