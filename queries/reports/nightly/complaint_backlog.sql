-- complaint_backlog: complaints still open at the end of the report day, by age band.
-- grain: one row per age band. from: center_daily.
with center as (
  select * from center_daily
  where day = $day
),

band_rows as (
  unpivot (
    select backlog_lt_1d, backlog_1_3d, backlog_3_7d, backlog_ge_7d from center
  )
  on backlog_lt_1d, backlog_1_3d, backlog_3_7d, backlog_ge_7d
  into name age_band value complaints
),

final as (
  select
    age_band,
    complaints,
    list_position(['backlog_lt_1d', 'backlog_1_3d', 'backlog_3_7d', 'backlog_ge_7d'], age_band) as band_order
  from band_rows
)

select * from final
order by band_order
