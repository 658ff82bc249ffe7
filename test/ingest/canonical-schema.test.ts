import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'callq-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('storage of columns of distinct values', () => {
  // Compression applies to a database file only (an in-memory one stores every column plain).
  it('call ids and customer numbers are stored with FSST whatever their values; other text as DuckDB chooses', async () => {
    const db = await Database.open(join(dir, 'schema.duckdb'), { timezone: 'UTC' });
    try {
      await ensureSchema(db);
      // One value repeated on every row: DuckDB alone would store such a column as a
      // dictionary (or a constant), as it does for queue here.
      await db.exec(`insert into calls (call_id, direction, queue, customer_number, caller_id, started_at, ended_at, load_id, source_line)
        select 'C1', 'inbound', 'sales', '13800000000', '13800000000', timestamptz '2026-11-20 10:00:00+00', timestamptz '2026-11-20 10:05:00+00', 1, i
        from range(200000) t(i)`);
      await db.exec(
        `insert into missed_offers select 'C1', 'A1', timestamptz '2026-11-20 10:00:00+00', 15000, 1, i from range(200000) t(i)`,
      );
      await db.exec(
        `insert into contact_versions select 'K1', timestamptz '2026-11-20 10:00:00+00', 1 from range(200000)`,
      );
      await db.exec('checkpoint');
      const stored = async (table: string) =>
        Object.fromEntries(
          (
            await db.query<{ column_name: string; methods: string }>(
              `select column_name, string_agg(distinct compression, ',' order by compression) as methods
               from pragma_storage_info('${table}') where segment_type = 'VARCHAR' group by column_name`,
            )
          ).map((r) => [r.column_name, r.methods]),
        );
      const calls = await stored('calls');
      expect(calls.call_id).toBe('FSST');
      expect(calls.customer_number).toBe('FSST');
      expect(calls.caller_id).toBe('FSST');
      expect(calls.queue).not.toContain('FSST');
      expect((await stored('missed_offers')).call_id).toBe('FSST');
      expect((await stored('contact_versions')).contact_id).toBe('FSST');
    } finally {
      db.close();
    }
  });
});
