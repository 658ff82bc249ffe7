/**
 * The layers of queries/ and who may read each (documented in queries/README.md, "Layers and
 * who reads them"). A file's layer is its folder under queries/. A file may always read the
 * relations other files of its own folder create (file name = relation) and the session
 * inputs its folder lists; every other relation it reads must be in RELATIONS, and its
 * layer must be among that relation's readers.
 */
import { TABLE_NAMES } from '../../src/ingest/contracts.ts';
import { MODELS, STAGING_MODELS } from '../../src/metrics/models.ts';
import { DIM_MODELS } from '../../src/metrics/staging.ts';

const modelsIn = (folder: string) => MODELS.filter((m) => m.file.startsWith(`${folder}/`)).map((m) => m.name);

export type Layer =
  | 'staging'
  | 'intermediate'
  | 'facts'
  | 'aggregates'
  | 'marts'
  | 'dims'
  | 'macros'
  | 'incremental'
  | 'anomalies'
  | 'cases'
  | 'reports'
  | 'schema'
  | 'sources';

interface RelationLayer {
  what: string;
  names: readonly string[];
  readers: readonly Layer[];
}

/** Everything downstream of the models: rules, the audit desk, reports and their macros. */
const CONSUMERS: Layer[] = ['anomalies', 'cases', 'reports', 'macros'];

export const RELATION_LAYERS: readonly RelationLayer[] = [
  {
    what: 'raw canonical tables (staging, source adapters and load bookkeeping only)',
    names: TABLE_NAMES,
    readers: ['staging', 'sources', 'incremental'],
  },
  {
    what: 'staging views',
    names: STAGING_MODELS.map((m) => m.name),
    readers: ['intermediate', 'facts', 'aggregates', 'marts', 'dims', 'incremental', ...CONSUMERS],
  },
  {
    what: 'dimensions',
    names: DIM_MODELS.map((m) => m.name),
    readers: ['intermediate', 'facts', 'aggregates', 'marts', ...CONSUMERS],
  },
  {
    what: 'intermediate models (facts, marts, the FCR refresh)',
    names: ['int_calls_measured', 'int_segments_clipped', 'int_talk_listen', 'int_call_fcr', 'int_audit_answers'],
    readers: ['facts', 'marts', 'incremental'],
  },
  {
    what: 'facts',
    names: ['call_facts', 'complaint_facts', 'audit_scores', 'audit_section_scores', 'auditor_calibration'],
    readers: ['aggregates', 'marts', 'incremental', ...CONSUMERS],
  },
  {
    what: 'aggregates of the facts (built after them; read by marts only)',
    names: modelsIn('aggregates'),
    readers: ['marts'],
  },
  {
    what: 'marts',
    names: modelsIn('marts'),
    readers: CONSUMERS,
  },
  {
    what: 'findings: written by the rules, read by the evaluation rule, the audit desk and reports',
    names: ['anomalies'],
    readers: ['anomalies', 'cases', 'reports'],
  },
  {
    what: 'the audit desk: cases, their events, recognitions and rule quality',
    names: ['anomaly_cases', 'case_events', 'recognition_picks', 'rule_evaluation', 'rule_quality'],
    readers: ['cases', 'reports'],
  },
  {
    what: 'run and load bookkeeping',
    names: ['runs', 'load_log', 'rejects', 'recorded_config'],
    readers: ['anomalies', 'reports', 'incremental'],
  },
  {
    what: 'source adapter state',
    names: ['queue_log_pending', 'missed_offers', 'contact_versions', 'contact_queue_moves', 'cdr_recent_legs'],
    readers: ['sources'],
  },
];

/** Relations a folder's files read that the code registers (a file scan, review input). */
export const SESSION_INPUTS: Partial<Record<Layer, readonly string[]>> = {
  sources: ['ctr_records', 'cdr_rows', 'ql_event_fields', 'ql_member_names', 'ql_rejected_lines', 'cl_document'],
};

/**
 * Reads that break the rules, pinned file by file (none left since issue #13 item 1):
 * the check fails on any read not listed here, and on a listed read that is gone.
 */
export const KNOWN_LEAKS: Readonly<Record<string, readonly string[]>> = {};
