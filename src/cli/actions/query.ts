/** What `callq query` does (its options: commands/query.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { UsageError } from '../../errors/usage-error.ts';
import { formatRows, type OutputFormat } from '../format-rows.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface QueryOptions {
  format: OutputFormat;
  limit?: number;
  write?: boolean;
}

export default async function query(nameOrSql: string, opts: QueryOptions, command: Command): Promise<void> {
  await withContext(
    command,
    async ({ db }) => {
      const sql = IDENTIFIER.test(nameOrSql)
        ? `select * from "${nameOrSql}"${opts.limit ? ` limit ${opts.limit}` : ''}`
        : nameOrSql;
      const statements = (await db.raw.extractStatements(sql)).count;
      if (statements !== 1) throw new UsageError(`query runs one SQL statement; this text has ${statements}`);
      const { columns, rows } = await db.queryWithColumns(sql);
      process.stdout.write(formatRows(columns, rows, opts.format));
    },
    { readOnly: !opts.write },
  );
}
