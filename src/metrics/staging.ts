/**
 * The staging views and dimensions rules and report queries read, installed as temp views
 * before they run (as the report macros are): `callq report` opens the database read-only,
 * and a database made by an earlier version has no such views. A view whose canonical
 * table is absent (a rule's `needs` then skips it) is left out.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { STAGING_MODELS } from './models.ts';

/** Dimensions over staging: name, file and the staging view each needs. */
export const DIM_MODELS = [{ name: 'dim_agents', file: 'dims/dim_agents.sql', needs: 'stg_agents' }] as const;

export async function installStagingViews(db: Database): Promise<void> {
  const installed = new Set<string>();
  for (const model of STAGING_MODELS) {
    const table = model.name.replace(/^stg_/, '');
    if (!(await db.tableExists(table))) continue;
    await db.exec(`create or replace temp view ${model.name} as ${readQuery(model.file)}`);
    installed.add(model.name);
  }
  for (const dim of DIM_MODELS) {
    if (installed.has(dim.needs)) await db.exec(`create or replace temp view ${dim.name} as ${readQuery(dim.file)}`);
  }
}
