/**
 * The twelve marketing-audit rules (docs/anomaly-rules.md): their names, the SQL file that finds
 * them (queries/anomalies/<rule>.sql), the tables they read and their scope in time.
 *  - `day` rules judge each day of the run on its own and own the rows of those days.
 *  - `window` rules judge the window ending on the run's last day and write their rows on
 *    that day only (a full run judges the window ending on the last day of the data).
 */
import type { RuleName } from '../config/anomaly-settings.ts';

export type RuleScope = 'day' | 'window';

export interface RuleDefinition {
  name: RuleName;
  scope: RuleScope;
  /** Derived tables the rule reads besides the canonical inputs (made by `callq compute`). */
  needs: readonly string[];
}

export const RULES: readonly RuleDefinition[] = [
  { name: 'metric_shift', scope: 'day', needs: ['agent_daily', 'call_facts'] },
  { name: 'peer_outlier', scope: 'window', needs: ['call_facts'] },
  { name: 'short_sale', scope: 'day', needs: ['call_facts'] },
  { name: 'complaint_after_sale', scope: 'day', needs: [] },
  { name: 'survey_integrity', scope: 'day', needs: [] },
  { name: 'score_divergence', scope: 'window', needs: ['call_facts', 'audit_scores'] },
  { name: 'caller_id_spoof', scope: 'day', needs: [] },
  { name: 'robocall_burst', scope: 'day', needs: [] },
  { name: 'data_quality', scope: 'day', needs: [] },
  { name: 'hangup_first', scope: 'window', needs: ['call_facts'] },
  { name: 'auditor_drift', scope: 'window', needs: ['audit_scores'] },
  { name: 'outside_hours', scope: 'day', needs: [] },
];

/**
 * Findings judged over a window rather than a day: evaluation matches them on
 * (rule, entity_type, entity_id) whatever day they were written on.
 */
export const WINDOW_FINDINGS: ReadonlyArray<{ rule: RuleName; entityType: string }> = [
  { rule: 'peer_outlier', entityType: 'agent' },
  { rule: 'score_divergence', entityType: 'agent' },
  { rule: 'hangup_first', entityType: 'agent' },
  { rule: 'auditor_drift', entityType: 'auditor' },
  { rule: 'data_quality', entityType: 'file' },
];
