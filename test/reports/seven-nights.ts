/**
 * Seven nights of the sample centre, as cron would run them: `callq nightly --input
 * sample-data --date D` for 2026-11-15 .. 2026-11-21 into one database, then a count of the
 * rows the last night's anomalies page lists (one per case) against the daily findings of
 * those seven days (rows of `anomalies`), which is what the page listed before cases.
 *   npx tsx test/reports/seven-nights.ts [OUT]   (OUT kept: its <day>/ folders hold the reports)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { Database } from '../../src/db/database.ts';
import { addDays } from '../../src/days/calendar-day.ts';
import { ruleFacts } from '../../src/anomalies/rule-catalogue.ts';
import { parseConfig } from '../../src/config/load-config.ts';

const FIRST = '2026-11-15';
const NIGHTS = 7;
const root = resolve(import.meta.dirname, '..', '..');
const keep = process.argv[2];
const out = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'callq-seven-nights-'));
mkdirSync(out, { recursive: true });
const db = join(out, 'callq.duckdb');
const config = join(root, 'sample-data', 'callq.config.json');

try {
  const days = Array.from({ length: NIGHTS }, (_, i) => addDays(FIRST, i));
  for (const day of days) {
    const code = await main([
      'node',
      'callq',
      '--quiet',
      '--db',
      db,
      '--config',
      config,
      'nightly',
      '--input',
      join(root, 'sample-data'),
      '--out',
      out,
      '--date',
      day,
    ]);
    if (code !== 0) throw new Error(`nightly ${day} exited ${code}`);
  }
  const last = days.at(-1)!;
  const page = readFileSync(join(out, last, 'anomalies.html'), 'utf8');
  const listed = page.match(/<tr id="c-\d+"/g)?.length ?? 0;
  const handle = await Database.open(db, { readOnly: true });
  try {
    const count = async (sql: string) => Number(await handle.scalar(sql, { first: FIRST, last }));
    const findings = await count(
      'select count(*) from anomalies where day between cast($first as date) and cast($last as date)',
    );
    const keys = await count(
      'select count(distinct (rule, entity_type, entity_id)) from anomalies where day between cast($first as date) and cast($last as date)',
    );
    const metrics = await handle.query<{ rule: string; metric: string }>(
      'select distinct rule, metric from anomalies order by all',
    );
    const facts = ruleFacts(parseConfig(JSON.parse(readFileSync(config, 'utf8'))));
    const unknown = metrics.filter(
      ({ rule, metric }) => !(facts as Record<string, { metrics: Record<string, unknown> }>)[rule]?.metrics[metric],
    );
    process.stdout.write(
      `${[
        `nights: ${days[0]} .. ${last}`,
        `daily findings (rows of anomalies) on those days: ${findings}`,
        `rule and subject pairs among them: ${keys}`,
        `cases listed on ${last}/anomalies.html: ${listed}`,
        `metrics without a unit in the rule catalogue: ${unknown.length === 0 ? 'none' : unknown.map((m) => `${m.rule}/${m.metric}`).join(', ')}`,
        keep ? `reports in ${out}` : '',
      ]
        .filter(Boolean)
        .join('\n')}\n`,
    );
  } finally {
    handle.close();
  }
} finally {
  if (!keep) rmSync(out, { recursive: true, force: true });
}
