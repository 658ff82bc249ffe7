-- int_call_fcr: first-contact resolution of the calls whose day is in [marts_from, marts_to].
-- grain: one row per call in that range (fcr null for calls it does not apply to).
-- from: int_calls_measured; parameter repeat_window_days (bound variable).
-- An answered inbound call with a known customer is resolved at first contact when the same
-- customer places no other inbound call (answered or not) within repeat_window_days after
-- it. Only a call's first leg is a contact: a transfer's later legs neither count nor repeat, the window measured in local calendar days from started_at. Calls whose window has not
-- ended by the latest call start in the data are censored: fcr null, not guessed. Two calls
-- of one customer at the same instant are ordered by call_id.
-- unique: call_id
-- not null: call_id, day

with calls as (
  select * from int_calls_measured
),

data_end as (
  select max(started_at) as latest_start from calls
),

inbound_contacts as (
  select
    call_id,
    started_at,
    lead(started_at) over (
      partition by customer_key
      order by started_at, call_id
    ) as next_contact_at
  from calls
  where direction = 'inbound'
    and first_leg
    and customer_key is not null
),

final as (
  select
    calls.call_id,
    calls.day,
    case
      when not calls.answered or inbound_contacts.call_id is null then null
      when calls.started_at + to_days(getvariable('repeat_window_days')) > data_end.latest_start then null
      else inbound_contacts.next_contact_at is null
        or inbound_contacts.next_contact_at > calls.started_at + to_days(getvariable('repeat_window_days'))
    end as fcr
  from calls
  cross join data_end
  left join inbound_contacts using (call_id)
  where calls.day between getvariable('marts_from') and getvariable('marts_to')
)

select * from final
