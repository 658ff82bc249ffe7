/** The memory limit and spill folder of the config reach DuckDB. */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';

describe('Database.open', () => {
  it('sets memory_limit and temp_directory', async () => {
    const tmp = tempDir('callq-spill-');
    const db = await Database.open(':memory:', { memoryLimit: '1GB', tempDirectory: tmp.path('spill') });
    try {
      // DuckDB reports the limit in its own units: 1GB = 1000 MiB… shown as 953.6 MiB.
      expect(await db.scalar("select current_setting('memory_limit')")).toBe('953.6 MiB');
      expect(await db.scalar("select current_setting('temp_directory')")).toBe(tmp.path('spill'));
    } finally {
      db.close();
      tmp.cleanup();
    }
  });

  it('defaults to a 4GB limit and refuses a size it cannot read', () => {
    expect(parseConfig({}).memory_limit).toBe('4GB');
    expect(() => parseConfig({ memory_limit: 'lots' })).toThrow(/memory_limit.*expected a size such as '4GB'/);
  });
});
