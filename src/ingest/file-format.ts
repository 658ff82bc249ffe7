/** Which reader a file needs, from its name; and which table a file feeds, from its name. */
import { basename } from 'node:path';
import { TABLE_NAMES, type TableName } from './contracts.ts';

export type FileFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet' | 'arrow';

const EXTENSIONS: ReadonlyArray<[RegExp, FileFormat]> = [
  [/\.(csv|txt)(\.gz)?$/i, 'csv'],
  [/\.tsv(\.gz)?$/i, 'tsv'],
  [/\.(jsonl|ndjson|json)(\.gz)?$/i, 'jsonl'],
  [/\.parquet$/i, 'parquet'],
  [/\.(arrow|arrows|ipc|feather)$/i, 'arrow'],
];

export function formatOf(path: string): FileFormat | null {
  for (const [pattern, format] of EXTENSIONS) if (pattern.test(path)) return format;
  return null;
}

// Longest names first so that `audit_items-2026.csv` is not taken for `audits`.
const BY_LENGTH = [...TABLE_NAMES].sort((a, b) => b.length - a.length);

/** `calls.csv`, `calls-2026-11-20.csv`, `calls_part2.parquet` → calls. */
export function tableOf(path: string): TableName | null {
  const name = basename(path).toLowerCase();
  for (const table of BY_LENGTH) {
    if (name.startsWith(table) && /^[-_.]/.test(name.slice(table.length))) return table;
  }
  return null;
}

export function isTextFormat(format: FileFormat): boolean {
  return format === 'csv' || format === 'tsv' || format === 'jsonl';
}
