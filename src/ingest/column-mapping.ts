/**
 * Matches a file's source columns to the canonical columns of its table: a mapping file
 * (`--map`, table → {source column: canonical column}) first, then the column's own name
 * (case and surrounding spaces ignored). Columns that match nothing are left out of the
 * canonical table and listed in the load summary.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../cli/errors.ts';
import { CONTRACTS, isTableName, type TableName } from './contracts.ts';

export type ColumnMapping = Partial<Record<TableName, Record<string, string>>>;

export interface ResolvedColumns {
  /** canonical column → source column */
  sources: Map<string, string>;
  /** source columns that feed no canonical column */
  unknown: string[];
  /** required canonical columns the file lacks */
  missingRequired: string[];
}

export function readMapping(path: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`bad mapping file ${path}: ${(error as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new UsageError(`bad mapping file ${path}: expected an object of table name → {source column: canonical column}`);
  }
  const mapping: ColumnMapping = {};
  for (const [table, columns] of Object.entries(json)) {
    if (!isTableName(table)) throw new UsageError(`bad mapping file ${path}: unknown table "${table}"`);
    if (!columns || typeof columns !== 'object') throw new UsageError(`bad mapping file ${path}: "${table}" must map source to canonical column names`);
    const known = new Set(CONTRACTS[table].columns.map((c) => c.name));
    const renames: Record<string, string> = {};
    for (const [key, value] of Object.entries(columns as Record<string, unknown>)) {
      // {"source column": "canonical"}, or {"canonical": "Source.Path"} (a nested JSON path).
      if (typeof value === 'string' && known.has(value)) renames[key] = value;
      else if (typeof value === 'string' && known.has(key)) renames[value] = key;
      else {
        throw new UsageError(`bad mapping file ${path}: ${table}."${key}" maps to unknown column ${JSON.stringify(value)}`);
      }
    }
    mapping[table] = renames;
  }
  return mapping;
}

export function resolveColumns(table: TableName, sourceColumns: string[], mapping: ColumnMapping = {}): ResolvedColumns {
  const contract = CONTRACTS[table];
  const canonical = new Set(contract.columns.map((c) => c.name));
  const renames = mapping[table] ?? {};
  const sources = new Map<string, string>();
  const unknown: string[] = [];
  for (const source of sourceColumns) {
    const target = renames[source] ?? renames[source.trim()] ?? source.trim().toLowerCase();
    if (canonical.has(target) && !sources.has(target)) sources.set(target, source);
    else unknown.push(source);
  }
  const missingRequired = contract.columns.filter((c) => c.required && !sources.has(c.name)).map((c) => c.name);
  return { sources, unknown, missingRequired };
}
