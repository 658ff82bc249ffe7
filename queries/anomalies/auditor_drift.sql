-- auditor_drift: an auditor who scores systematically above or below colleagues scoring
-- the same interaction (calibration sessions: audits sharing a calibration_id).
-- Window: calibration sessions audited in the $window_days days ending on $to (sessions
-- are rare, so the window is long). In each session with at least two auditors, the
-- auditor's deviation = their score − the mean score of the OTHER auditors of the session
-- (leaving themselves out, so a drift of d shows as d whatever the session's size; the
-- bias of auditor_calibration, docs/metrics.md#calibration, includes the auditor and reads
-- d × (k−1)/k).
-- loo_bias (leave-one-out bias, not the bias measure) = mean deviation over their
-- sessions; the findings' facts give its size as `bias`. Fires when |loo_bias| > $max_bias
-- over >= $min_groups sessions.
-- Grain: one row per auditor, written on the window's last day $to.
-- From: audit_scores. value: loo_bias; baseline: 0; score: loo_bias ÷ $max_bias.

with calibration_audits as (
  select audit_id, auditor_id, calibration_id, audit_score
  from audit_scores
  where calibration_id is not null
    and audit_score is not null
    and day between cast($to as date) - $window_days + 1 and cast($to as date)
),

auditor_sessions as (
  -- One score per auditor and session (an auditor who scored twice: their mean).
  select calibration_id, auditor_id, avg(audit_score) as score, list(audit_id) as audit_ids
  from calibration_audits
  group by calibration_id, auditor_id
),

session_totals as (
  select calibration_id, sum(score) as total, count(*) as auditors
  from auditor_sessions
  group by calibration_id
  having count(*) >= 2
),

deviations as (
  select auditor_sessions.auditor_id, auditor_sessions.calibration_id, auditor_sessions.audit_ids,
    auditor_sessions.score - (session_totals.total - auditor_sessions.score) / (session_totals.auditors - 1) as deviation
  from auditor_sessions
  join session_totals using (calibration_id)
),

loo_biases as (
  select auditor_id, avg(deviation) as loo_bias, count(*) as sessions, flatten(list(audit_ids)) as audit_ids
  from deviations
  group by auditor_id
  having count(*) >= $min_groups
    and abs(avg(deviation)) > $max_bias
),

final as (
  select
    anomaly_id('auditor_drift', 'auditor', auditor_id, cast($to as date), 'calibration_bias') as anomaly_id,
    'auditor_drift' as rule,
    case when abs(loo_bias) >= 2 * $max_bias then 'high' else 'medium' end as severity,
    'auditor' as entity_type,
    auditor_id as entity_id,
    cast($to as date) as day,
    'calibration_bias' as metric,
    loo_bias as value,
    0 as baseline,
    loo_bias / $max_bias as score,
    json_object('auditor', auditor_id, 'bias', abs(loo_bias), 'direction', case when loo_bias > 0 then 'above' else 'below' end,
      'sessions', sessions, 'window_days', $window_days, 'to', cast($to as date)) as explanation_args,
    evidence_list(audit_ids) as evidence
  from loo_biases
)

select * from final
