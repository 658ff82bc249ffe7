/**
 * Incremental equals full on the bundled sample data (sample-data/, made by
 * `npm run sample-data`): a one-day compute after a full one changes nothing, and computing
 * the last days one by one as their data arrives ends where a full compute does.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { discoverFiles } from '../../src/ingest/discover-files.ts';
import { loadFiles } from '../../src/ingest/load-files.ts';
import type { Database } from '../../src/db/database.ts';
import { withDb } from '../util/with-db.ts';
import { compute } from './metrics-fixture.ts';
import { addDays } from '../../src/days/calendar-day.ts';
import { loadThrough, sourcesFromCanonical } from './history-fixture.ts';
import { differences, noDifferences, snapshot } from './table-snapshots.ts';

const SAMPLE_DIR = join(import.meta.dirname, '../../sample-data');
const hasSample = existsSync(join(SAMPLE_DIR, 'calls.csv'));
const sampleConfig = () => loadConfig(join(SAMPLE_DIR, 'callq.config.json'));

async function loadSample(db: Database): Promise<string> {
  await loadFiles(db, discoverFiles(SAMPLE_DIR).files, { maxRejectShare: 1 });
  return String(await db.scalar('select max(cast(started_at as date))::varchar from calls'));
}

describe.skipIf(!hasSample)('full compute on the sample data', () => {
  it('gives identical tables twice, every column bit for bit', async () => {
    const config = sampleConfig();
    await withDb(async (db) => {
      await loadSample(db);
      await compute(db, { config });
      await snapshot(db);
      for (let run = 0; run < 2; run++) {
        await compute(db, { config });
        expect(await differences(db, { rounded: false }), `run ${run + 2}`).toEqual(noDifferences);
      }
    }, String(config.timezone));
  }, 180_000);
});

describe.skipIf(!hasSample)('incremental compute on the sample data', () => {
  it('changes nothing when run for a day after a full compute', async () => {
    const config = sampleConfig();
    await withDb(async (db) => {
      const lastDay = await loadSample(db);
      await compute(db, { config });
      await snapshot(db);
      for (const day of [addDays(lastDay, -10), lastDay]) {
        await compute(db, { config, date: day });
        expect(await differences(db), day).toEqual(noDifferences);
      }
    }, String(config.timezone));
  });

  it('computing the last days as they arrive ends where a full compute does', async () => {
    const config = sampleConfig();
    await withDb(async (db) => {
      const lastDay = await loadSample(db);
      await sourcesFromCanonical(db);
      await loadThrough(db, addDays(lastDay, -3));
      await compute(db, { config });
      for (let day = addDays(lastDay, -2); day <= lastDay; day = addDays(day, 1)) {
        await loadThrough(db, day);
        await compute(db, { config, date: day });
      }
      await snapshot(db);
      await compute(db, { config });
      expect(await differences(db)).toEqual(noDifferences);
    }, String(config.timezone));
  });
});
