/**
 * `callq query NAME|SQL`: print a table (by name) or the result of one SQL statement. The
 * database is opened read-only, so the desk can query it beside other readers and a query
 * can change nothing; `--write` opens it for one statement that does.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { formatRows, type OutputFormat } from '../format-rows.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('print a table by name (e.g. agent_daily) or the result of a SQL query')
    .argument('<name-or-sql>', 'a table name or a SQL query')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--limit <n>', 'at most this many rows when a table is named', (v) => Number.parseInt(v, 10))
    .option('--write', 'open the database for writing (the statement may change it)')
    .action(async (nameOrSql: string, opts: { format: OutputFormat; limit?: number; write?: boolean }, command: Command) => {
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
    });
}
