-- metric_macros: the small formulas every model shares, defined once as temp macros.
-- safe_ratio: a ratio whose empty denominator gives null (never 0, never NaN).
-- wilson_lo / wilson_hi: the 95% Wilson score interval of x successes in n trials
--   (z = 1.959964); null when n = 0.
-- talk_ratio: agent talk ÷ (agent + customer talk), for one call or, given sums, for many
--   (time-weighted: Σ agent ÷ Σ (agent + customer)).
-- conversion_rate: sales ÷ connected outbound calls, for a day or, given sums, for many days.
-- service_level, abandon_rate: of inbound customer calls, short abandons left out of the
--   denominator (answered + abandoned).
-- asa_s: the mean wait of answered inbound calls from the sum of their waits, so a day and
--   a report interval (or several pooled) share one formula.
-- band_distance: how far a ratio lies outside [lo, hi] (0 inside the band; null for no ratio,
--   as greatest() alone would skip the null and say 0).
-- exact: a double as DECIMAL(38, 18), for sums and means of doubles: DuckDB adds doubles in
--   whatever order its threads finish, so two runs could differ in the last bit; a decimal sum
--   is exact, so every run gives the same value (18 places keep a double's digits).
-- aht: average handle time, an aggregate: the mean handle_s of the answered calls of a group
--   (a day's, a window's), added exactly (after exact, which it calls).

create or replace temp macro safe_ratio(num, den) as
  case when den = 0 or den is null then null else num::double / den end;

create or replace temp macro wilson_lo(x, n) as
  case when n > 0 then
    (x / n + 1.959964 ^ 2 / (2 * n)
      - 1.959964 * sqrt((x / n) * (1 - x / n) / n + 1.959964 ^ 2 / (4 * n * n)))
    / (1 + 1.959964 ^ 2 / n)
  end;

create or replace temp macro wilson_hi(x, n) as
  case when n > 0 then
    (x / n + 1.959964 ^ 2 / (2 * n)
      + 1.959964 * sqrt((x / n) * (1 - x / n) / n + 1.959964 ^ 2 / (4 * n * n)))
    / (1 + 1.959964 ^ 2 / n)
  end;

create or replace temp macro talk_ratio(agent_talk_ms, customer_talk_ms) as
  safe_ratio(agent_talk_ms, agent_talk_ms + customer_talk_ms);

create or replace temp macro conversion_rate(sales, answered_outbound) as
  safe_ratio(sales, answered_outbound);

create or replace temp macro service_level(answered_within_target, answered_inbound, abandoned) as
  safe_ratio(answered_within_target, answered_inbound + abandoned);

create or replace temp macro abandon_rate(abandoned, answered_inbound) as
  safe_ratio(abandoned, answered_inbound + abandoned);

create or replace temp macro asa_s(answered_wait_s, answered_inbound) as
  safe_ratio(answered_wait_s, answered_inbound);

create or replace temp macro exact(x) as
  x::decimal(38, 18);

create or replace temp macro aht(handle_s, answered) as
  avg(exact(handle_s)) filter (where answered);

create or replace temp macro band_distance(ratio, lo, hi) as
  case when ratio is not null then greatest(lo - ratio, ratio - hi, 0) end;
