/**
 * `callq query NAME|SQL`: print a table (by name) or the result of one SQL statement. The
 * database is opened read-only, so the desk can query it beside other readers and a query
 * can change nothing; `--write` opens it for one statement that does.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { lazyAction } from '../lazy-action.ts';

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('print a table by name (e.g. agent_daily) or the result of a SQL query')
    .argument('<name-or-sql>', 'a table name or a SQL query')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--limit <n>', 'at most this many rows when a table is named', (v) => Number.parseInt(v, 10))
    .option('--write', 'open the database for writing (the statement may change it)')
    .action(lazyAction(() => import('../actions/query.ts')));
}
