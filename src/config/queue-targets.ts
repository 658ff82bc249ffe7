/**
 * The targets of the queue measures as rows for the nightly queue table's query
 * (queries/reports/nightly/queue_day.sql, as the JSON parameter $queue_targets): the centre's
 * (queue null) and each configured queue's own, null where the queue keeps the centre's.
 */
import type { Config, QueueTargets } from './config-schema.ts';

export interface QueueTargetRow {
  queue: string | null;
  service_level: number | null;
  asa_s: number | null;
  abandon_rate: number | null;
  aht_s: number | null;
}

function targetRow(queue: string | null, targets: QueueTargets): QueueTargetRow {
  return {
    queue,
    service_level: targets.service_level?.share ?? null,
    asa_s: targets.asa_s ?? null,
    abandon_rate: targets.abandon_rate ?? null,
    aht_s: targets.aht_s ?? null,
  };
}

export function queueTargetRows(config: Config): QueueTargetRow[] {
  const { targets } = config;
  return [
    targetRow(null, targets),
    ...Object.entries(targets.queues ?? {}).map(([queue, own]) => targetRow(queue, own)),
  ];
}
