-- days_touched_by_loads: the local days whose figures the given loads can change.
-- grain: one row per day (every_day true on a row of its own when a load changes all days).
-- from: calls, segments, surveys, audits, complaints, shifts, agents, audit_items, and the
--   load ids in variable touched_loads.
-- A late file reaches whatever day its rows belong to: calls by their start, segments and
-- surveys by their call's start, audits by their audit day, complaints by the day they were
-- opened (a later resolution changes that day's rates), shifts by their date. Agents (teams)
-- and the audit form change every day.

with loads as (
  select unnest(getvariable('touched_loads')) as load_id
),

call_days as (
  select call_id, cast(started_at as date) as day, load_id
  from calls
),

touched as (
  select day from call_days where load_id in (select load_id from loads)
  union
  select call_days.day from segments join call_days using (call_id) where segments.load_id in (select load_id from loads)
  union
  select call_days.day from surveys join call_days using (call_id) where surveys.load_id in (select load_id from loads)
  union
  select cast(audited_at as date) from audits where load_id in (select load_id from loads)
  union
  select cast(opened_at as date) from complaints where load_id in (select load_id from loads)
  union
  select shift_date from shifts where load_id in (select load_id from loads)
),

every_day as (
  select exists (
    select 1 from agents where load_id in (select load_id from loads)
    union all
    select 1 from audit_items where load_id in (select load_id from loads)
  ) as every_day
),

final as (
  select day, false as every_day from touched
  union all
  select null, true from every_day where every_day
)

select * from final
