-- caller_id_spoof: inbound calls whose presented caller ID cannot be a real caller's:
-- empty, all zeros, fewer than $min_digits or more than $max_digits digits, or a protected
-- service number (police, fire, ambulance, carrier and bank lines: protected_numbers).
-- Separators (+, spaces, dashes) are ignored; a protected number matches on its digits.
-- Grain: one row per inbound call started on a day in [$from, $to]. From: stg_calls.
-- metric: the reason (protected_number first, as 110 is also too short); value: the
-- number of digits; score: 1 (a definite finding, not a degree).

with inbound_calls as (
  select
    call_id,
    caller_id,
    day,
    regexp_replace(coalesce(caller_id, ''), '[^0-9]', '', 'g') as digits
  from stg_calls
  where direction = 'inbound'
    and started_at >= cast(cast($from as date) as timestamptz)
    and started_at < cast(cast($to as date) + 1 as timestamptz)
),

protected as (
  select regexp_replace(unnest(cast(json($protected_numbers) as varchar[])), '[^0-9]', '', 'g') as digits
),

judged as (
  select
    inbound_calls.*,
    case
      when digits in (select digits from protected) then 'protected_number'
      when digits = '' then 'caller_id_empty'
      when regexp_full_match(digits, '0+') then 'caller_id_all_zeros'
      when length(digits) < $min_digits then 'caller_id_too_short'
      when length(digits) > $max_digits then 'caller_id_too_long'
    end as reason
  from inbound_calls
),

final as (
  select
    anomaly_id('caller_id_spoof', 'call', call_id, day, reason) as anomaly_id,
    'caller_id_spoof' as rule,
    case when reason = 'protected_number' then 'high' else 'medium' end as severity,
    'call' as entity_type,
    call_id as entity_id,
    day,
    reason as metric,
    length(digits) as value,
    null::double as baseline,
    1 as score,
    -- A long number is a possible customer's: only its last 4 digits are kept.
    json_object('variant', reason, 'call', call_id, 'day', day, 'length', length(digits),
      'digits', case when reason = 'caller_id_too_long' then right(digits, 4) else digits end,
      'min_digits', $min_digits, 'max_digits', $max_digits) as explanation_args,
    [call_id] as evidence
  from judged
  where reason is not null
)

select * from final
