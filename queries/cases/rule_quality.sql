-- rule_quality: how often each rule turns out right on the desk's own verdicts, beside its
-- precision and recall on generated data (the last `callq evaluate --save`, when there is one).
--   confirmed: cases confirmed or actioned (an action means the finding was right);
--   dismissed: cases dismissed; reward and unreviewed cases do not count.
--   desk_precision = confirmed ÷ (confirmed + dismissed); desk_precision_lo / _hi its 95%
--   Wilson interval; reviewed = confirmed + dismissed, the n behind it.
--   low_desk_precision: even the interval's upper end is below 0.5, so most of the rule's
--   cases are dismissed, beyond chance.
--   snoozed_findings: findings a dismissal held back from raising a case. They stay in
--   anomalies, so evaluate's recall still counts them.
-- Cases merged into another are not counted (the case they joined is).
-- Grain: one row per rule with a case or an evaluation. From: anomaly_cases, rule_evaluation.
-- Uses wilson_lo / wilson_hi and safe_ratio (macros/metric_macros.sql).
with cases as (
  select rule, state, verdict, snoozed_findings
  from anomaly_cases
  where state <> 'merged'
),

desk as (
  select
    rule,
    cast(count(*) as integer) as cases,
    cast(count(*) filter (where state in ('new', 'ongoing', 'reopened')) as integer) as open_cases,
    cast(count(*) filter (where verdict in ('confirmed', 'actioned')) as integer) as confirmed,
    cast(count(*) filter (where verdict = 'dismissed') as integer) as dismissed,
    cast(sum(snoozed_findings) as integer) as snoozed_findings
  from cases
  group by rule
),

generated as (
  select rule, labelled, "precision", recall
  from rule_evaluation
  where rule <> 'all'
),

rules as (
  select rule from desk
  union
  select rule from generated
),

counted as (
  select
    rules.rule,
    coalesce(desk.cases, 0) as cases,
    coalesce(desk.open_cases, 0) as open_cases,
    coalesce(desk.confirmed, 0) as confirmed,
    coalesce(desk.dismissed, 0) as dismissed,
    coalesce(desk.snoozed_findings, 0) as snoozed_findings,
    generated.labelled as generated_labelled,
    generated."precision" as generated_precision,
    generated.recall as generated_recall
  from rules
  left join desk using (rule)
  left join generated using (rule)
),

final as (
  select
    rule,
    cases,
    open_cases,
    confirmed,
    dismissed,
    confirmed + dismissed as reviewed,
    round(safe_ratio(confirmed, confirmed + dismissed), 3) as desk_precision,
    round(wilson_lo(confirmed, confirmed + dismissed), 3) as desk_precision_lo,
    round(wilson_hi(confirmed, confirmed + dismissed), 3) as desk_precision_hi,
    coalesce(wilson_hi(confirmed, confirmed + dismissed) < 0.5, false) as low_desk_precision,
    generated_precision,
    generated_recall,
    generated_labelled,
    snoozed_findings
  from counted
  order by rule
)

select * from final
