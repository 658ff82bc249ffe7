/**
 * The generated centre in memory: one array per input table (docs/contract.md), with times as
 * local seconds (see local-time.ts), plus what the simulation keeps about each row that
 * the files do not show (the customer behind a call, the talk ratio its speech follows).
 */

export type Direction = 'inbound' | 'outbound';
export type Grade = 'junior' | 'intermediate' | 'senior' | 'technician';

export interface Team {
  name: string;
  site: string;
  direction: Direction;
  /** Inbound queues or outbound campaigns the team works. */
  work: readonly string[];
}

/** When an agent works: a fixed start, end and meal break (seconds after midnight). */
export interface ShiftTemplate {
  start: number;
  end: number;
  breakStart: number;
  breakEnd: number;
}

/** What makes one agent differ from another; set once, so agents stay themselves. */
export interface AgentTraits {
  /** -1 (weakest) .. 1 (strongest): moves conversion, resolution, AHT, csat and audits. */
  skill: number;
  /** The share of the conversation the agent usually talks. */
  talkRatio: number;
  /** Multiplies call durations (1 = typical). */
  durationFactor: number;
  /** Multiplies the chance of a sale. */
  conversionFactor: number;
  /** Chance that the agent ends an answered call. */
  hangupRate: number;
  /** Added to the agent's expected csat (skill-driven; a few injected agents differ). */
  csatShift: number;
  /** Typical share of audit points earned. */
  auditQuality: number;
  /** Chance per audit of failing a critical item. */
  criticalFailRate: number;
  template: ShiftTemplate;
  /** Days of the week off (0 = Monday). */
  daysOff: readonly number[];
}

export interface Agent {
  agent_id: string;
  name: string;
  team: string;
  site: string;
  grade: Grade;
  hire_date: number;
  traits: AgentTraits;
}

export interface Customer {
  id: string;
  number: string;
  tier: 'vip' | 'general';
}

export interface Call {
  call_id: string;
  direction: Direction;
  agent_id: string | null;
  queue: string | null;
  campaign_id: string | null;
  customer_id: string | null;
  customer_number: string | null;
  caller_id: string | null;
  started: number;
  answered: number | null;
  ended: number;
  hold_s: number;
  acw_s: number;
  disconnect_party: 'agent' | 'customer' | 'system' | null;
  transferred: boolean;
  disposition: string | null;
  lead_grade: 'A' | 'B' | 'C' | null;
  customer_tier: 'vip' | 'general' | null;
  sale_amount: number | null;
  /** Simulation only: who really called (kept when the row loses its contact data). */
  customer: Customer | null;
  /** Simulation only: the agent's share of speech this call's timeline follows. */
  talkRatio: number;
}

export interface Segment {
  call_id: string;
  speaker: 'agent' | 'customer';
  start_ms: number;
  end_ms: number;
}

export interface Survey {
  survey_id: string;
  call_id: string;
  responded: number;
  csat: number;
  nps: number;
  resolved: boolean | null;
  respondent_number: string;
  comment: string | null;
}

export interface AuditItem {
  form_id: string;
  item_id: string;
  section: string;
  text: string;
  weight: number;
  max_points: number;
  critical: boolean;
}

export interface AuditRow {
  audit_id: string;
  form_id: string;
  agent_id: string;
  auditor_id: string;
  audited: number;
  channel: 'phone' | 'counter' | 'online';
  call_id: string | null;
  calibration_id: string | null;
  item_id: string;
  points: number | null;
  note: string | null;
}

export interface Complaint {
  complaint_id: string;
  customer_id: string | null;
  call_id: string | null;
  agent_id: string | null;
  category: string;
  severity: 'high' | 'medium' | 'low';
  opened: number;
  first_response: number | null;
  resolved: number | null;
  follow_up: number | null;
  follow_up_satisfied: boolean | null;
  escalated: boolean;
  reopened_count: number;
}

export interface Shift {
  agent_id: string;
  shift_date: number;
  start: number;
  end: number;
}

/** One injected anomaly, as `anomaly_labels.csv` lists it (docs/anomaly-rules.md#what-the-generator-labels). */
export interface Label {
  rule: string;
  entity_type: string;
  entity_id: string;
  /** Local date, or null for window-level rules. */
  day: number | null;
}

export interface Dataset {
  agents: Agent[];
  calls: Call[];
  segments: Segment[];
  surveys: Survey[];
  audit_items: AuditItem[];
  audits: AuditRow[];
  complaints: Complaint[];
  shifts: Shift[];
  /** Calls written twice on purpose (data_quality: duplicate keys). */
  duplicateCallIds: string[];
}
