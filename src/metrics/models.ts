/**
 * The models of `callq compute`, in the order they run. Each is one SQL file under
 * queries/ (file name = the table or view it creates). Staging and light intermediate steps
 * are temp views; heavy intermediate steps (before the facts) and the aggregates of the
 * facts that the marts select from (after them) are temp tables built once per compute;
 * facts and marts are the tables people read.
 */

export type Materialization = 'view' | 'temp table' | 'table';

/**
 * Which rows of a table an incremental compute (`--date D`) rebuilds: those whose `day` lies
 * in [<scope>_from, <scope>_to] (bound variables, see compute-scope.ts), or the whole table.
 */
export type Scope = 'calls' | 'marts' | 'windows' | 'all';

export interface Model {
  name: string;
  /** Path under queries/. */
  file: string;
  materialized: Materialization;
  /** For tables: the rows an incremental compute rebuilds. */
  scope?: Scope;
}

const view = (layer: string, name: string): Model => ({ name, file: `${layer}/${name}.sql`, materialized: 'view' });
const temp = (layer: string, name: string): Model => ({
  name,
  file: `${layer}/${name}.sql`,
  materialized: 'temp table',
});
const table = (layer: string, name: string, scope: Scope): Model => ({
  name,
  file: `${layer}/${name}.sql`,
  materialized: 'table',
  scope,
});

/** Staging views: needed before the incremental scope can be worked out. */
export const STAGING_MODELS: Model[] = [
  'stg_agents',
  'stg_calls',
  'stg_segments',
  'stg_surveys',
  'stg_audit_items',
  'stg_audits',
  'stg_complaints',
].map((name) => view('staging', name));

export const MODELS: Model[] = [
  view('intermediate', 'int_calls_measured'),
  view('intermediate', 'int_segments_clipped'),
  temp('intermediate', 'int_talk_listen'),
  temp('intermediate', 'int_call_fcr'),
  table('facts', 'call_facts', 'calls'),
  table('facts', 'complaint_facts', 'all'),
  view('intermediate', 'int_audit_answers'),
  table('facts', 'audit_scores', 'all'),
  table('facts', 'audit_section_scores', 'all'),
  table('facts', 'auditor_calibration', 'all'),
  temp('aggregates', 'agg_daily_measures'),
  temp('aggregates', 'agg_complaint_daily'),
  temp('aggregates', 'agg_complaint_backlog'),
  table('marts', 'agent_daily', 'marts'),
  table('marts', 'team_daily', 'marts'),
  table('marts', 'queue_daily', 'marts'),
  table('marts', 'center_daily', 'marts'),
  table('marts', 'funnel_daily', 'marts'),
  temp('aggregates', 'agg_agent_window_stats'),
  temp('aggregates', 'agg_window_priors'),
  temp('aggregates', 'agg_agent_window_sections'),
  table('marts', 'agent_window', 'windows'),
  table('marts', 'agent_window_sections', 'windows'),
];

/** The derived tables a compute writes (what `runs.counts` reports). */
export const DERIVED_TABLES = MODELS.filter((m) => m.materialized === 'table').map((m) => m.name);

/** Runs after call_facts in an incremental compute: FCR of earlier days that D changes. */
export const FCR_REFRESH_FILE = 'incremental/refresh_call_facts_fcr.sql';
export const FIRST_TOUCHED_DAY_FILE = 'incremental/first_touched_day.sql';
