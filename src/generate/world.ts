/**
 * Everything the simulation shares: the calendar, the people, the customers, the
 * anomalies planned before any call is simulated (agent traits and agent-day modifiers)
 * and the labels of what was injected.
 */
import type { TableName } from '../ingest/contracts.ts';
import { buildAgents } from './agents.ts';
import { buildAuditors, type Auditor } from './auditors.ts';
import type { DayModifier } from './call-outcomes.ts';
import { CustomerRegistry } from './customers.ts';
import { Labels } from './labels.ts';
import { DAY_S, parseDay } from './local-time.ts';
import type { Agent, Call, Shift } from './model.ts';
import { Rng } from './prng.ts';
import { buildShifts } from './rota.ts';

export type FileFormat = 'csv' | 'parquet';

export interface GenerateOptions {
  seed: number;
  days: number;
  agents: number;
  /** Last day of data, YYYY-MM-DD. */
  end: string;
  /** File format of each table. */
  formats: Record<TableName, FileFormat>;
}

export interface World {
  rng: Rng;
  /** Local midnights of the days, oldest first. */
  days: number[];
  /** When the data was exported: the end of the last day. Nothing happens after it. */
  exportAt: number;
  agents: Agent[];
  auditors: Auditor[];
  shifts: Shift[];
  customers: CustomerRegistry;
  /** The centre's own numbers (config centre_numbers). */
  centreNumbers: string[];
  /** Agent-day changes keyed `${agent_id}@${day}` (metric_shift). */
  modifiers: Map<string, DayModifier>;
  /** Agents that already carry an injected anomaly: no second one on them. */
  reserved: Set<string>;
  /** Calls already changed or used by an injection: no second one on them. */
  touched: Set<Call>;
  labels: Labels;
  fileName(table: TableName): string;
}

const CENTRE_NUMBERS = ['4008206688', '02161238800', '02861237700'];

export function createWorld(options: GenerateOptions): World {
  const rng = new Rng(`callq-${options.seed}`);
  const last = parseDay(options.end);
  const days = Array.from({ length: options.days }, (_, i) => last - (options.days - 1 - i) * DAY_S);
  const agents = buildAgents(options.agents, last, rng.fork('agents'));
  return {
    rng,
    days,
    exportAt: last + DAY_S - 1,
    agents,
    auditors: buildAuditors(options.agents, rng.fork('auditors')),
    shifts: buildShifts(agents, days, rng.fork('shifts')),
    customers: new CustomerRegistry(rng.fork('customers')),
    centreNumbers: CENTRE_NUMBERS,
    modifiers: new Map(),
    reserved: new Set(),
    touched: new Set(),
    labels: new Labels(),
    fileName: (table) => `${table}.${options.formats[table]}`,
  };
}
