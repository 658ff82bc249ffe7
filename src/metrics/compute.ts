/**
 * `callq compute`: runs the models of models.ts in order inside one transaction (a crash
 * leaves the database as it was) and records the run in `runs`.
 * Full: every derived table is rebuilt. With `date`: only what that local day touches is
 * rebuilt (compute-scope.ts), which leaves the same tables as a full compute would.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import type { Config } from '../config/config-schema.ts';
import { bindConfigVariables } from './compute-params.ts';
import { FULL_SCOPE, bindScope, incrementalScope, type ComputeScope } from './compute-scope.ts';
import { DERIVED_TABLES, FCR_REFRESH_FILE, MODELS, STAGING_MODELS, type Model } from './models.ts';
import { installMetricMacros } from './macros.ts';
import { recordRun } from '../db/record-run.ts';

export interface ComputeOptions {
  /** Local day YYYY-MM-DD: recompute only what it touches. */
  date?: string;
  /** Called before each model runs. */
  onStep?: (model: string, index: number, total: number) => void;
  /** Leave the staging views and intermediate temp tables in the session (to inspect or check them). */
  keepIntermediate?: boolean;
}

export interface ComputeResult {
  mode: 'full' | 'incremental';
  day: string | null;
  scope: ComputeScope;
  /** Rows in each derived table after the compute. */
  counts: Record<string, number>;
  ms: number;
}

export async function computeMetrics(
  db: Database,
  config: Config,
  options: ComputeOptions = {},
): Promise<ComputeResult> {
  const started = performance.now();
  const day = options.date ?? null;
  return recordRun(db, { command: 'compute', day }, async () => {
    const result = await db.transaction(() => runModels(db, config, day, options));
    const ms = Math.round(performance.now() - started);
    return { result: { ...result, day, ms }, counts: { mode: result.mode, ...result.counts, ms } };
  });
}

async function runModels(
  db: Database,
  config: Config,
  day: string | null,
  { onStep, keepIntermediate }: ComputeOptions,
): Promise<Omit<ComputeResult, 'day' | 'ms'>> {
  await installMetricMacros(db);
  await bindConfigVariables(db, config);
  for (const model of STAGING_MODELS) await materialize(db, model, false);

  // Without an earlier compute there is nothing to update: build everything.
  const incremental = day !== null && (await hasDerivedTables(db));
  const scope = incremental ? await incrementalScope(db, config, day) : FULL_SCOPE;
  await bindScope(db, scope);

  for (const [index, model] of MODELS.entries()) {
    onStep?.(model.name, index, MODELS.length);
    await materialize(db, model, incremental);
    if (incremental && model.name === 'call_facts') await db.exec(readQuery(FCR_REFRESH_FILE));
  }
  if (!keepIntermediate) await dropTemporaries(db);
  return { mode: incremental ? 'incremental' : 'full', scope, counts: await countRows(db) };
}

async function materialize(db: Database, model: Model, incremental: boolean): Promise<void> {
  const sql = readQuery(model.file);
  if (model.materialized === 'view') {
    await db.exec(`create or replace temp view ${model.name} as ${sql}`);
  } else if (model.materialized === 'temp table') {
    await db.exec(`create or replace temp table ${model.name} as ${sql}`);
  } else if (!incremental || model.scope === 'all') {
    await db.exec(`create or replace table ${model.name} as ${sql}`);
  } else {
    await db.exec(
      `delete from ${model.name}
       where day between getvariable('${model.scope}_from') and getvariable('${model.scope}_to')`,
    );
    await db.exec(`insert into ${model.name} by name ${sql}`);
  }
}

async function hasDerivedTables(db: Database): Promise<boolean> {
  for (const name of DERIVED_TABLES) if (!(await db.tableExists(name))) return false;
  return true;
}

async function dropTemporaries(db: Database): Promise<void> {
  for (const model of [...MODELS, ...STAGING_MODELS].reverse()) {
    if (model.materialized === 'view') await db.exec(`drop view if exists ${model.name}`);
    if (model.materialized === 'temp table') await db.exec(`drop table if exists temp.${model.name}`);
  }
}

async function countRows(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of DERIVED_TABLES) counts[name] = Number(await db.scalar(`select count(*) from ${name}`));
  return counts;
}
