/**
 * Writes the benchmark history once into bench/data/ (git-ignored): CALLS calls over DAYS
 * days, 95% of them connected, with 20 speech segments per connected call (so 1M calls
 * give 19M segments), as CSV. Made with DuckDB SQL
 * (a JS row loop would take longer than the loads it feeds).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';

export const BENCH_DIR = join(import.meta.dirname, 'data');
export const BENCH_END_DAY = '2026-11-21';

export async function makeBenchData(calls = 1_000_000, days = 60): Promise<string> {
  const dir = join(BENCH_DIR, `calls-${calls}-v2`);
  if (existsSync(join(dir, 'segments.csv'))) return dir;
  mkdirSync(dir, { recursive: true });
  const db = await Database.open(':memory:', { timezone: 'Asia/Shanghai' });
  try {
    await db.exec(`create table c as
      select
        'C' || lpad(i::varchar, 8, '0') as call_id,
        case when i % 3 = 0 then 'inbound' else 'outbound' end as direction,
        'A' || lpad((i % 400)::varchar, 3, '0') as agent_id,
        case when i % 3 = 0 then 'q' || (i % 4) end as queue,
        case when i % 3 <> 0 then 'camp' || (i % 5) end as campaign_id,
        'cust' || (i % 200000) as customer_id,
        '138' || lpad((i % 100000000)::varchar, 8, '0') as customer_number,
        case when i % 3 = 0 then '139' || lpad((i * 7 % 100000000)::varchar, 8, '0') end as caller_id,
        timestamp '${BENCH_END_DAY} 08:00:00' - to_days(${days} - 1 - (i % ${days})) + to_seconds((i * 37) % 46800) as started_at,
        (i % 20) < 19 as connected,
        20 + (i * 13) % 600 as connected_s,
        i % 7 as wait_s,
        i
      from range(${calls}) t(i)`);
    await db.exec(`copy (
      select call_id, direction, agent_id, queue, campaign_id, customer_id, customer_number, caller_id,
        strftime(started_at, '%Y-%m-%d %H:%M:%S') as started_at,
        case when connected then strftime(started_at + to_seconds(wait_s), '%Y-%m-%d %H:%M:%S') end as answered_at,
        strftime(started_at + to_seconds(wait_s + case when connected then connected_s else 20 end), '%Y-%m-%d %H:%M:%S') as ended_at,
        case when connected then i % 30 else 0 end as hold_s,
        case when connected then i % 45 else 0 end as acw_s,
        case when connected then (['agent', 'customer', 'customer'])[1 + i % 3] end as disconnect_party,
        (i % 50 = 0) as transferred,
        case when direction = 'inbound' then (case when connected then 'resolved' end)
             else (case when not connected then 'no_answer' when i % 11 = 0 then 'sale' else 'not_interested' end) end as disposition,
        (['A', 'B', 'C'])[1 + i % 3] as lead_grade,
        (['general', 'general', 'vip'])[1 + i % 3] as customer_tier,
        case when direction = 'outbound' and connected and i % 11 = 0 then 100 + i % 400 end as sale_amount
      from c order by i) to '${join(dir, 'calls.csv')}' (header)`);
    // About 20 alternating turns per connected call, each within the connected time.
    await db.exec(`copy (
      select call_id,
        case when k % 2 = 0 then 'agent' else 'customer' end as speaker,
        (k * connected_s * 1000 / 20)::bigint as start_ms,
        ((k + 1) * connected_s * 1000 / 20 - 200)::bigint as end_ms
      from c, range(20) r(k)
      where connected
      order by i, k) to '${join(dir, 'segments.csv')}' (header)`);
  } finally {
    db.close();
  }
  return dir;
}
