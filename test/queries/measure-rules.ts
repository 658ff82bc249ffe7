/**
 * One definition per measure, as a rule over queries/: the columns named after a measure of
 * src/metrics/measures.ts that a file computes outside the measure's own file, and the
 * restatements known today (test/queries/measure-definitions.test.ts runs it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlFilesUnder } from '../../src/db/sql-files.ts';
import { MEASURES, type Measure } from '../../src/metrics/measures.ts';
import { parseSql, selectItems } from '../../scripts/sql-tree.ts';
import { isPassedOn, isTally } from './measure-expressions.ts';

/**
 * Files that still compute a measure outside its file, pinned by file and measure (the
 * list only shrinks: the check fails on a pinned entry that is gone). Each says why.
 */
export const KNOWN_RESTATEMENTS: Readonly<Record<string, readonly string[]>> = {};

/** Columns named like a measure that mean something else: the anomalies table's `score`. */
const OTHER_MEANINGS: Readonly<Record<string, (file: string) => boolean>> = {
  score: (file) => file.startsWith('anomalies/') || file === 'reports/anomalies/case_list.sql',
};

const callsMacro = (expression: string, macro: string | undefined) =>
  macro !== undefined && new RegExp(String.raw`^(?:\d+\s*\*\s*)?${macro}\s*\(`, 'i').test(expression);

/** The measures computed outside their file, as "<file>:<line>: <measure> = <expression>". */
export function restatements(
  queriesDir: string,
  measures: readonly Measure[] = MEASURES,
  known: Readonly<Record<string, readonly string[]>> = KNOWN_RESTATEMENTS,
): string[] {
  const byName = new Map(measures.map((m) => [m.name, m]));
  const problems: string[] = [];
  for (const file of sqlFilesUnder(queriesDir)) {
    const pinned = new Set(known[file] ?? []);
    const seen = new Set<string>();
    for (const item of selectItems(parseSql(readFileSync(join(queriesDir, file), 'utf8')))) {
      const measure = byName.get(item.name);
      if (measure === undefined || OTHER_MEANINGS[item.name]?.(file)) continue;
      if (file === measure.definedIn || file === measure.rowsIn) continue;
      if (isPassedOn(item.expression) || isTally(item.expression) || callsMacro(item.expression, measure.macro))
        continue;
      seen.add(item.name);
      if (pinned.has(item.name)) continue;
      problems.push(`${file}:${item.line}: ${item.name} = ${item.expression}`);
    }
    for (const gone of pinned) {
      if (!seen.has(gone))
        problems.push(`${file}: ${gone} is pinned in KNOWN_RESTATEMENTS but no longer computed: drop it`);
    }
  }
  return problems;
}
