/** Creates the canonical input tables (from the contracts) and the system tables. */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { CONTRACTS, sqlType, TABLE_NAMES, type ColumnContract, type TableContract } from './contracts.ts';

/** Columns every canonical row carries to lead back to its source. */
export const PROVENANCE_COLUMNS = ['load_id', 'source_line'] as const;

/** A column's type and storage: FSST alone for a column of distinct values (ColumnContract.distinctValues). */
function storedType(c: ColumnContract): string {
  return `${sqlType(c)}${c.distinctValues ? ' using compression fsst' : ''}`;
}

export function canonicalDdl(contract: TableContract): string {
  const columns = contract.columns.map((c) => `  "${c.name}" ${storedType(c)}${c.required ? ' not null' : ''}`);
  columns.push('  load_id integer not null', '  source_line bigint not null');
  return `create table if not exists "${contract.name}" (\n${columns.join(',\n')}\n);`;
}

/** Columns added to the contract after a database was created are added to its tables. */
function addedColumnsDdl(contract: TableContract): string {
  return contract.columns
    .filter((c) => !c.required)
    .map((c) => `alter table "${contract.name}" add column if not exists "${c.name}" ${storedType(c)};`)
    .join('\n');
}

export async function ensureSchema(db: Database): Promise<void> {
  await db.exec(readQuery('schema/system_tables.sql'));
  await db.exec(readQuery('schema/source_state.sql'));
  for (const name of TABLE_NAMES)
    await db.exec(`${canonicalDdl(CONTRACTS[name])}\n${addedColumnsDdl(CONTRACTS[name])}`);
}
