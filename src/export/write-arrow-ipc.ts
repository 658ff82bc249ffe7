/**
 * Writes a query's rows as an Arrow IPC file with apache-arrow (DuckDB has no built-in Arrow
 * writer), a record batch at a time so a large table is never held in memory whole.
 * Timestamps are written to the millisecond, with zone UTC when DuckDB's had one.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  Bool,
  DateDay,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  RecordBatchFileWriter,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import type { Database } from '../db/database.ts';
import type { ExportColumn, ExportType } from './export-columns.ts';

const BATCH_ROWS = 65_536;

function arrowType(type: ExportType): DataType {
  switch (type) {
    case 'varchar':
      return new Utf8();
    case 'varchar[]':
      return new List(new Field('item', new Utf8(), true));
    case 'boolean':
      return new Bool();
    case 'integer':
      return new Int32();
    case 'bigint':
      return new Int64();
    case 'double':
      return new Float64();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMillisecond();
    case 'timestamptz':
      return new TimestampMillisecond('UTC');
  }
}

/** A JS value from DuckDB as the Arrow builder of its type takes it. */
function arrowValue(type: ExportType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'date' || type === 'timestamp' || type === 'timestamptz') return (value as Date).getTime();
  return value;
}

export async function writeArrowIpc(db: Database, sql: string, columns: readonly ExportColumn[], path: string): Promise<number> {
  const types = columns.map((c) => arrowType(c.type));
  const out = createWriteStream(path);
  const writer = RecordBatchFileWriter.throughNode();
  writer.pipe(out);
  const result = await db.raw.stream(sql);
  let pending: unknown[][] = columns.map(() => []);
  let pendingRows = 0;
  let rows = 0;
  const flush = () => {
    const vectors = Object.fromEntries(columns.map((c, i) => [c.name, vectorFromArray(pending[i]!, types[i]!)]));
    writer.write(new Table(vectors).batches[0]!);
    rows += pendingRows;
    pending = columns.map(() => []);
    pendingRows = 0;
  };
  for await (const chunkRows of result.yieldRowsJs()) {
    for (const row of chunkRows) row.forEach((value, i) => pending[i]!.push(arrowValue(columns[i]!.type, value)));
    pendingRows += chunkRows.length;
    if (pendingRows >= BATCH_ROWS) flush();
  }
  // An empty table still gets its schema: one empty batch.
  if (pendingRows > 0 || rows === 0) flush();
  writer.end();
  await once(out, 'finish');
  return rows;
}
