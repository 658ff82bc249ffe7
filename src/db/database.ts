/**
 * The one place that opens DuckDB. Owns the instance and its connection and offers
 * exec / query / transaction. Everything else talks to the database through this.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { literal, Sql, sql } from './sql.ts';

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
/** SQL text with its params apart, or a `sql` template that carries its own. */
export type Statement = string | Sql;

function split(statement: Statement, params?: Params): [string, Params | undefined] {
  if (!(statement instanceof Sql)) return [statement, params];
  // Without parameters, text runs as it is (several statements may be one text).
  return [statement.text, statement.params.length > 0 ? [...statement.params] : undefined];
}

export interface OpenOptions {
  /** IANA zone: naive timestamps are read, and local days are cut, in this zone. */
  timezone?: string;
  /** Open read-only (several readers may share a file). */
  readOnly?: boolean;
  /** DuckDB's memory_limit ('4GB'): past it, DuckDB spills to temp_directory. */
  memoryLimit?: string;
  /** Where DuckDB spills. */
  tempDirectory?: string;
  /**
   * How long to wait while another process holds the file (a DuckDB file is written by one
   * process or read by several, never both): 0 fails at once. `onWait` is told once.
   */
  waitMs?: number;
  onWait?: (message: string) => void;
}

/** How far a running statement is: the share done (of a file scan, its bytes) and DuckDB's estimate of rows. */
export interface QueryProgress {
  fraction: number;
  rows: number;
}

export class Database {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path = ':memory:', options: OpenOptions = {}): Promise<Database> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    const instance = await createWaiting(path, config, options);
    const connection = await instance.connect();
    const db = new Database(instance, connection, path);
    if (options.timezone) await db.setTimezone(options.timezone);
    return db;
  }

  async setTimezone(zone: string): Promise<void> {
    // SET takes no parameter.
    await this.exec(sql`set TimeZone = ${literal(zone)}`);
  }

  /** Runs one or more statements and discards their results. */
  async exec(statement: Statement, params?: Params): Promise<void> {
    await this.connection.run(...split(statement, params));
  }

  /**
   * Runs statements like exec and, while they run, reports DuckDB's progress every `everyMs`.
   */
  async execWithProgress(
    statement: string,
    onProgress: (progress: QueryProgress) => void,
    everyMs = 200,
  ): Promise<void> {
    await this.exec('set enable_progress_bar = true; set enable_progress_bar_print = false');
    const timer = setInterval(() => {
      const { percentage, rows_processed } = this.connection.progress;
      if (percentage > 0) onProgress({ fraction: percentage / 100, rows: Number(rows_processed) });
    }, everyMs);
    try {
      await this.exec(statement);
    } finally {
      clearInterval(timer);
      await this.exec('reset enable_progress_bar; reset enable_progress_bar_print');
    }
  }

  /** Runs a query and returns its rows as JSON-safe objects (bigints as strings, dates as ISO text). */
  async query<T extends Row = Row>(statement: Statement, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(...split(statement, params));
    return reader.getRowObjectsJson() as T[];
  }

  /** Runs a query and returns rows as JS values (numbers, bigints, Date objects for timestamps). */
  async queryJs<T extends Row = Row>(statement: Statement, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(...split(statement, params));
    return reader.getRowObjectsJS() as T[];
  }

  /** Runs a query and returns its column names and rows (for table output). */
  async queryWithColumns(statement: Statement, params?: Params): Promise<{ columns: string[]; rows: Row[] }> {
    const reader = await this.connection.runAndReadAll(...split(statement, params));
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() as Row[] };
  }

  /** The first column of the first row, or null. */
  async scalar<T = unknown>(statement: Statement, params?: Params): Promise<T | null> {
    const reader = await this.connection.runAndReadAll(...split(statement, params));
    const rows = reader.getRowsJS();
    return (rows[0]?.[0] ?? null) as T | null;
  }

  /** Runs fn inside one transaction: all of it is applied, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.exec('begin transaction');
    try {
      const result = await fn();
      await this.exec('commit');
      return result;
    } catch (error) {
      await this.exec('rollback').catch(() => undefined);
      throw error;
    }
  }

  /**
   * `insert into <target> by name <select>`, but only when the select has rows. Works around
   * a DuckDB bug (1.5.5 and 1.5.6): inside a transaction, an INSERT … SELECT that scans a table
   * and inserts no rows makes a later insert of a row group or more (122,880 rows) into the same
   * table invisible: the transaction and the connection see none of them, and the rejects or
   * anomalies it wrote go missing from that run. test/db/duckdb-empty-insert.test.ts keeps the
   * reproduction. The rows are materialised first; an empty result inserts nothing.
   * Returns how many rows were inserted.
   */
  async insertSelect(target: string, select: string, params?: Params): Promise<number> {
    await this.exec(`create or replace temp table insert_select_rows as ${select}`, params);
    try {
      const rows = Number(await this.scalar('select count(*) from insert_select_rows'));
      if (rows > 0) await this.exec(`insert into ${target} by name select * from insert_select_rows`);
      return rows;
    } finally {
      await this.exec('drop table if exists insert_select_rows');
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const n = await this.scalar<bigint | number>(
      'select count(*) from duckdb_tables() where table_name = $1 and not temporary',
      [name],
    );
    return Number(n) > 0;
  }

  get raw(): DuckDBConnection {
    return this.connection;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Open the database, run fn, close it whatever happens. */
export async function withDatabase<T>(
  path: string,
  options: OpenOptions,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await Database.open(path, options);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** Opens the file, retrying while another process holds its lock, up to options.waitMs. */
async function createWaiting(
  path: string,
  config: Record<string, string>,
  options: OpenOptions,
): Promise<DuckDBInstance> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  let told = false;
  for (;;) {
    try {
      return await DuckDBInstance.create(path, config);
    } catch (error) {
      const locked = /lock/i.test(error instanceof Error ? error.message : String(error));
      if (!locked || Date.now() >= deadline) throw explainOpenError(path, error);
      if (!told)
        options.onWait?.(
          `${path} is in use by another callq run; waiting for it (up to ${Math.round((deadline - Date.now()) / 1000)} s)`,
        );
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function explainOpenError(path: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new Error(`${path} is in use by another callq run (the database is locked); try again when it has finished`);
  }
  return new Error(`cannot open database ${path}: ${message}`);
}
