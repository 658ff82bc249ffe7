-- rule_catalogue: each anomaly rule as the audit desk needs to judge it: whether it is on
-- (switched_off: 'off' when the config switches it off),
-- the settings its catalogue texts name (what it checks, its threshold, what makes a finding
-- high, what its Score is; from the config in use, via $rule_catalogue), and how often it
-- turns out right: on generated data (precision and recall of the last `callq evaluate
-- --save`, with the labels behind them) and on the desk's own verdicts (desk_precision =
-- confirmed ÷ reviewed, its 95% Wilson interval, and low_desk_precision when even the
-- interval's upper end is below 0.5, named in desk_flag), as rule_quality keeps them.
-- reviewed and generated_labelled are null when nothing stands behind the precision.
-- grain: one row per rule, in the order of src/anomalies/rules.ts.
-- from: $rule_catalogue, rule_quality.
with rules as (
  select position, rule, enabled, settings
  from rule_catalogue_entries($rule_catalogue)
),

quality as (
  select * from rule_quality
),

final as (
  select
    rules.rule,
    rules.enabled,
    case when not rules.enabled then 'off' end as switched_off,
    rules.settings,
    coalesce(quality.cases, 0) as cases,
    coalesce(quality.open_cases, 0) as open_cases,
    quality.generated_precision,
    quality.generated_recall,
    quality.generated_labelled,
    quality.desk_precision,
    quality.desk_precision_lo,
    quality.desk_precision_hi,
    nullif(quality.reviewed, 0) as reviewed,
    coalesce(quality.low_desk_precision, false) as low_desk_precision,
    case when quality.low_desk_precision then 'low' end as desk_flag,
    rules.position
  from rules
  left join quality using (rule)
)

select * from final
order by position
