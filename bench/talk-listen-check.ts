/**
 * Before the talk-listen bench times anything: callq's step and the nodejs-polars peer must
 * agree exactly on the bench files, on every call and every measure. Its own process (run.ts
 * runs it; a mismatch stops the bench): tsx bench/talk-listen-check.ts DATA
 * The peer's result goes through a Parquet file beside the data, read back by DuckDB.
 * Prints how many calls agree, or the first calls that differ (and exits 1).
 */
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';
import { sqlString } from '../src/db/sql.ts';
import { TALK_LISTEN_COLUMNS, talkListenInputs, talkListenStep } from './talk-listen.ts';
import { polarsTalkListen } from './talk-listen-polars.ts';

const dataDir = process.argv[2]!;
const peerFile = join(dataDir, 'polars-talk-listen.parquet');
(await polarsTalkListen(dataDir)).writeParquet(peerFile);

const db = await Database.open(':memory:', { memoryLimit: '6GB' });
await talkListenInputs(db, dataDir);
await talkListenStep(db);
await db.exec(`create temp view polars as select * from read_parquet(${sqlString(peerFile)})`);
const differs = TALK_LISTEN_COLUMNS.map((c) => `callq.${c} is distinct from polars.${c}`).join(' or ');
const [counts] = await db.query<{ calls: string; differing: string }>(`
  select count(*) as calls, count(*) filter (where callq.call_id is null or polars.call_id is null or ${differs}) as differing
  from int_talk_listen callq full join polars using (call_id)`);
if (Number(counts!.differing) > 0) {
  const first = await db.query(`
    select call_id, ${TALK_LISTEN_COLUMNS.flatMap((c) => [`callq.${c} as "callq ${c}"`, `polars.${c} as "polars ${c}"`]).join(', ')}
    from int_talk_listen callq full join polars using (call_id)
    where callq.call_id is null or polars.call_id is null or ${differs}
    order by call_id
    limit 5`);
  console.error(
    `talk-listen: callq and nodejs-polars differ on ${counts!.differing} of ${counts!.calls} calls; the first:`,
  );
  for (const row of first) console.error(row);
  process.exit(1);
}
console.log(
  `talk-listen: callq and nodejs-polars agree on all ${Number(counts!.calls).toLocaleString('en')} calls, every measure`,
);
db.close();
