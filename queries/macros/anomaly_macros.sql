-- anomaly_macros: the small formulas the rule queries of queries/anomalies/ share,
-- defined once as temp macros before the rules run.

-- The stable id of a finding.
create or replace temp macro anomaly_id(rule, entity_type, entity_id, day, metric) as
  md5(concat_ws('|', rule, entity_type, entity_id, coalesce(cast(day as varchar), ''), metric));

-- Scale of a robust z: 1.4826 x MAD (the standard deviation for normal data). When MAD is 0
-- (a constant series or more than half the values equal) it falls back to 1.2533 x the mean
-- absolute deviation from the median (also the normal sd), and never goes below the
-- metric's floor, the smallest difference that matters: a constant series then yields
-- z = (x - median) / floor instead of a division by zero.
create or replace temp macro robust_scale(mad, mean_abs_dev, floor) as
  greatest(case when mad > 0 then 1.4826 * mad else 1.2533 * mean_abs_dev end, floor);

-- A phone number with all but its last 4 digits masked, for explanation_args (reports mask
-- entity ids themselves). Short numbers (service lines) are shown as they are.
create or replace temp macro mask_number(n) as
  case when length(n) <= 4 then n else repeat('*', length(n) - 4) || right(n, 4) end;

-- Evidence ids: distinct, sorted, at most 20 so a row stays readable.
create or replace temp macro evidence_list(ids) as
  list_sort(list_distinct(list_filter(ids, id -> id is not null)))[1:20];

-- The standard deviation of a share p observed over n trials (binomial), with p kept
-- inside [0.01, 0.99] so a baseline of exactly 0 or 1 still leaves room for noise.
create or replace temp macro share_noise(p, n) as
  sqrt(least(greatest(p, 0.01), 0.99) * (1 - least(greatest(p, 0.01), 0.99)) / n);

-- The standard normal quantile z with P(Z > z) = q, for 0 < q <= 0.5 (Abramowitz and
-- Stegun 26.2.23, error below 0.00045): turns a tail probability into a z score.
create or replace temp macro probit_upper(q) as
  sqrt(-2 * ln(greatest(q, 1e-300)))
  - (2.515517 + 0.802853 * sqrt(-2 * ln(greatest(q, 1e-300))) + 0.010328 * (-2 * ln(greatest(q, 1e-300))))
  / (1 + 1.432788 * sqrt(-2 * ln(greatest(q, 1e-300))) + 0.189269 * (-2 * ln(greatest(q, 1e-300)))
     + 0.001308 * sqrt(-2 * ln(greatest(q, 1e-300))) * (-2 * ln(greatest(q, 1e-300))));
