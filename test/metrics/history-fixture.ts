/**
 * A small multi-day history for the incremental and model-check tests, generated with SQL
 * into source tables (src_*), from which `loadThrough(day)` upserts into the canonical
 * tables what would be known at the end of that local day: calls started by then with their
 * segments, surveys answered, audits done, and complaints opened, with only the responses,
 * resolutions and follow-ups that had happened. Local times in the session zone.
 * 12 days (2026-11-01 .. 2026-11-12), 6 agents in 2 teams, 30 calls a day.
 */
import type { Database } from '../../src/db/database.ts';

export const FIRST_DAY = '2026-11-01';
export const LAST_DAY = '2026-11-12';

export async function createHistory(db: Database): Promise<void> {
  await db.exec(`
    create temp table src_agents as
    select 'a' || i as agent_id, case when i < 3 then 'tA' else 'tB' end as team
    from range(6) as agents(i);

    create temp table src_calls as
    with numbered as (
      select
        i,
        i // 30 as d,
        i % 30 as j,
        case when i % 3 = 0 then 'outbound' else 'inbound' end as direction,
        i % 7 <> 0 as connected,
        60 + (i * 37) % 300 as connected_s
      from range(360) as calls(i)
    ),
    timed as (
      select
        *,
        -- 08:00 to 17:40 local, and the last call of each day at 23:50 local
        timestamp '2026-11-01 08:00:00' + to_days(d::integer)
          + case when j = 29 then to_minutes(950) else to_minutes((j * 20)::integer) end as started_local
      from numbered
    )
    select
      'c' || i as call_id,
      direction,
      case when connected or direction = 'outbound' then 'a' || (i % 6) end as agent_id,
      case when direction = 'inbound' then 'q' || (i % 2) end as queue,
      case when direction = 'outbound' then 'camp1' end as campaign_id,
      'cust' || (i % 40) as customer_id,
      started_local::varchar as started_at,
      case when connected then (started_local + to_seconds((i % 25)::integer))::varchar end as answered_at,
      case
        when connected then started_local + to_seconds((i % 25 + connected_s)::integer)
        else started_local + to_seconds(case when i % 2 = 0 then 3 else 30 end)
      end::varchar as ended_at,
      case when connected then i % 20 else 0 end as hold_s,
      case when connected then i % 30 else 0 end as acw_s,
      case when connected then case when i % 2 = 0 then 'agent' else 'customer' end end as disconnect_party,
      case
        when direction = 'inbound' then case when connected then 'resolved' end
        when not connected then 'no_answer'
        when i % 5 = 0 then 'sale'
        when i % 5 = 1 then 'interested'
        else 'not_interested'
      end as disposition,
      case when direction = 'outbound' and connected and i % 5 = 0 then 100 + i % 50 end as sale_amount
    from timed;

    create temp view src_connected_calls as
    select
      *,
      cast(substr(call_id, 2) as integer) as i,
      (epoch(cast(ended_at as timestamp)) - epoch(cast(answered_at as timestamp)))::integer as connected_s
    from src_calls
    where answered_at is not null;

    -- Six segments a connected call, overlapping by 300 ms, the last running 5 s past the end.
    create temp table src_segments as
    select
      call_id,
      case when k % 2 = 0 then 'agent' else 'customer' end as speaker,
      greatest(0, k * connected_s * 1000 // 6 - 300) as start_ms,
      (k + 1) * connected_s * 1000 // 6 + case when k = 5 then 5000 else 0 end as end_ms
    from src_connected_calls, range(6) as pieces(k);

    create temp table src_surveys as
    select
      's' || call_id as survey_id,
      call_id,
      (cast(ended_at as timestamp) + to_hours((i % 3 * 12)::integer))::varchar as responded_at,
      1 + i % 5 as csat,
      i % 11 as nps
    from src_connected_calls
    where i % 4 = 0;

    create temp table src_audit_items as
    select * from (values
      ('f', 'open', 'opening', 1.0, 5.0, false),
      ('f', 'close', 'closing', 2.0, 10.0, false),
      ('f', 'rules', 'compliance', 1.0, 1.0, true)
    ) as items(form_id, item_id, section, weight, max_points, critical);

    create temp table src_audits as
    select
      'au' || d || '_' || a as audit_id,
      'f' as form_id,
      'a' || a as agent_id,
      'r' || (a % 2) as auditor_id,
      (timestamp '2026-11-01 15:00:00' + to_days(d::integer))::varchar as audited_at,
      case when d % 4 = 0 then 'cal' || d end as calibration_id,
      item_id,
      case item_id
        when 'open' then case when (d + a) % 5 = 0 then null else (d + a) % 6 end
        when 'close' then (d * 3 + a) % 11
        else case when (d + a) % 9 = 0 then 0 else 1 end
      end::double as points
    from range(12) as days(d), range(6) as agents(a), (values ('open'), ('close'), ('rules')) as items(item_id)
    where (d + a) % 3 = 0;

    create temp table src_complaints as
    with raised as (
      select
        'k' || call_id as complaint_id,
        customer_id,
        call_id,
        agent_id,
        i,
        cast(ended_at as timestamp) + to_hours(1) as opened_local
      from src_connected_calls
      where i % 13 = 0
    ),
    resolved as (
      select
        *,
        case
          when i % 4 = 0 then null
          when i % 26 = 0 then opened_local + to_hours(200)
          else opened_local + to_hours((i % 97)::integer)
        end as resolved_local
      from raised
    )
    select
      complaint_id,
      customer_id,
      call_id,
      agent_id,
      (['high', 'medium', 'low'])[1 + i % 3] as severity,
      opened_local::varchar as opened_at,
      (opened_local + to_hours((i % 5)::integer))::varchar as first_response_at,
      resolved_local::varchar as resolved_at,
      case when i % 2 = 0 then (resolved_local + to_hours(2))::varchar end as follow_up_at,
      i % 6 = 0 as escalated,
      case when i % 5 = 0 then 1 else 0 end as reopened_count
    from resolved;
  `);
}

/** Moves loaded data (the sample data) into src_* tables, for loadThrough to replay. */
export async function sourcesFromCanonical(db: Database): Promise<void> {
  for (const table of ['agents', 'audit_items', 'calls', 'segments', 'surveys', 'audits', 'complaints']) {
    await db.exec(`create temp table src_${table} as select * exclude (load_id, source_line) from ${table}`);
  }
}

/**
 * Upserts into the canonical tables, from the src_* tables, what was known at the end of
 * local `day`.
 */
export async function loadThrough(db: Database, day: string): Promise<void> {
  await db.exec('set variable fixture_day_end = cast(cast($1 as date) + 1 as timestamptz)', [day]);
  await db.exec(`
    delete from agents;
    insert into agents by name select *, 0 as load_id, 0 as source_line from src_agents;
    delete from audit_items;
    insert into audit_items by name select *, 0 as load_id, 0 as source_line from src_audit_items;

    delete from calls;
    insert into calls by name
    select *, 0 as load_id, 0 as source_line
    from src_calls where cast(started_at as timestamptz) < getvariable('fixture_day_end');

    delete from segments;
    insert into segments by name
    select *, 0 as load_id, 0 as source_line from src_segments where call_id in (select call_id from calls);

    delete from surveys;
    insert into surveys by name
    select *, 0 as load_id, 0 as source_line
    from src_surveys where cast(responded_at as timestamptz) < getvariable('fixture_day_end');

    delete from audits;
    insert into audits by name
    select *, 0 as load_id, 0 as source_line
    from src_audits where cast(audited_at as timestamptz) < getvariable('fixture_day_end');

    delete from complaints;
    insert into complaints by name
    select
      * replace (
        case when cast(first_response_at as timestamptz) < getvariable('fixture_day_end') then first_response_at end as first_response_at,
        case when cast(resolved_at as timestamptz) < getvariable('fixture_day_end') then resolved_at end as resolved_at,
        case when cast(follow_up_at as timestamptz) < getvariable('fixture_day_end') then follow_up_at end as follow_up_at
      ),
      0 as load_id,
      0 as source_line
    from src_complaints where cast(opened_at as timestamptz) < getvariable('fixture_day_end');
  `);
}
