-- anomalies: one row per finding of a marketing-audit rule (docs/anomaly-rules.md#findings), written by
-- `callq anomalies` from the rule queries in queries/anomalies/<rule>.sql.
-- Grain: one row per (rule, entity_type, entity_id, day, metric); anomaly_id is the md5 of
-- those five, so a re-run gives the same ids and replaces rows instead of adding them.
-- day: the local day the finding belongs to. Rules over a window (peer_outlier,
-- score_divergence, hangup_first, auditor_drift) write the last day of the window; file
-- problems that cannot be dated (agents.csv, audit_items.csv, orphan segments) have no day.
-- entity_id of entity_type 'number' is a phone number: personal data, mask it when shown.
-- explanation_args: the finding's facts as named values (a JSON object), from which the
-- reports and the tests write its sentence in their language with the rule's template in
-- reports/shared/explanations.json (src/anomalies/explain.ts); "variant" picks one of the
-- rule's templates. Phone numbers in it keep only their last 4 digits.

create table if not exists anomalies (
  anomaly_id varchar primary key,
  rule varchar not null,
  severity varchar not null,       -- high, medium or low
  entity_type varchar not null,    -- agent, team, call, customer, number, auditor, file
  entity_id varchar not null,
  day date,
  metric varchar not null,         -- what was measured (conversion, talk_s, caller_id ...)
  value double,                    -- the entity's value
  baseline double,                 -- what is normal for it (own median, peers' median, threshold)
  score double,                    -- strength: robust z for statistical rules, else per rule (see its file)
  explanation_args json not null,  -- the facts its sentence is written from (see above)
  evidence varchar[] not null      -- ids of calls, surveys, audits, complaints (at most 20, sorted)
);
