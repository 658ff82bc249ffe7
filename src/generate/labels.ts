/**
 * The injected anomalies, collected as `anomaly_labels.csv` rows
 * (docs/anomaly-rules.md#what-the-generator-labels).
 * Labels on calls wait for the call ids, which are given once every call exists.
 */
import type { RuleName } from '../config/anomaly-settings.ts';
import { dayOf, formatDay } from './local-time.ts';
import type { Call, Label } from './model.ts';

export type EntityType = 'agent' | 'call' | 'number' | 'auditor' | 'file';

export class Labels {
  private readonly fixed: Label[] = [];
  private readonly calls: { rule: RuleName; call: Call; day: number | null }[] = [];

  add(rule: RuleName, entityType: EntityType, entityId: string, day: number | null): void {
    this.fixed.push({ rule, entity_type: entityType, entity_id: entityId, day: day === null ? null : dayOf(day) });
  }

  /** A call label; its day is the call's start day unless given. */
  addCall(rule: RuleName, call: Call, day?: number): void {
    this.calls.push({ rule, call, day: day === undefined ? null : dayOf(day) });
  }

  /** Every label once, sorted by rule, entity type, entity id and day. */
  list(): Label[] {
    const all = [
      ...this.fixed,
      ...this.calls.map(({ rule, call, day }) => ({
        rule,
        entity_type: 'call',
        entity_id: call.call_id,
        day: day ?? dayOf(call.started),
      })),
    ];
    const byKey = new Map<string, Label>();
    for (const label of all) {
      const key = [label.rule, label.entity_type, label.entity_id, label.day === null ? '' : formatDay(label.day)].join(
        '\u0000',
      );
      byKey.set(key, label);
    }
    return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, label]) => label);
  }
}
