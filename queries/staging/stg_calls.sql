-- stg_calls: the canonical calls with the local day and hour of the start and a customer key.
-- The raw numbers (customer_id, customer_number, caller_id) and load_id stay for the rules
-- that judge them (caller_id_spoof, robocall_burst, data_quality ...).
-- grain: one row per call.
-- from: calls (typed and validated by the load; upserted by call_id).
-- Days and hours are local: the session TimeZone is config.timezone, so casting a
-- timestamptz to date (or taking its hour) cuts it on the local calendar, DST included.
-- unique: call_id
-- not null: call_id, direction, started_at, ended_at, day, hour

select
  call_id,
  direction,
  agent_id,
  queue,
  campaign_id,
  coalesce(customer_id, customer_number) as customer_key,
  customer_id,
  customer_number,
  caller_id,
  started_at,
  answered_at,
  ended_at,
  coalesce(hold_s, 0) as hold_s,
  coalesce(acw_s, 0) as acw_s,
  disconnect_party,
  coalesce(transferred, false) as transferred,
  disposition,
  lead_grade,
  customer_tier,
  sale_amount,
  previous_call_id,
  cast(started_at as date) as day,
  extract(hour from started_at)::integer as hour,
  load_id
from calls
