/**
 * Reads the report definitions under reports/: one layout per report (reports/<name>.json),
 * Vega-Lite specs (reports/<name>/<chart>.vl.json) and the shared chart theme.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../files/project-root.ts';
import { layoutSchema, usedQueries, type ReportLayout } from './report-layout.ts';

export const REPORTS_DIR = projectPath('reports/');

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read report file ${path}: ${(error as Error).message}`);
  }
}

/** Every report layout, in navigation order. */
export function readLayouts(dir = REPORTS_DIR): ReportLayout[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => readLayout(join(dir, file)))
    .sort((a, b) => a.order - b.order);
}

export function readLayout(path: string): ReportLayout {
  const parsed = layoutSchema.safeParse(readJson(path));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`bad report layout ${path}: ${problems.join('; ')}`);
  }
  const layout = { ...parsed.data, name: parsed.data.file.replace(/\.html$/, '') };
  const undeclared = usedQueries(layout).filter((q) => !(q in layout.queries));
  if (undeclared.length > 0) throw new Error(`bad report layout ${path}: undeclared queries ${undeclared.join(', ')}`);
  return layout;
}

/** A Vega-Lite spec by its path under reports/. */
export function readChartSpec(specPath: string): Record<string, unknown> {
  return readJson(join(REPORTS_DIR, specPath)) as Record<string, unknown>;
}

/** Every *.vl.json under reports/, as paths relative to it. */
export function listChartSpecs(): string[] {
  return readdirSync(REPORTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.vl.json'))
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** The Vega-Lite `config` every chart shares (fonts, colours, sizes). */
export function readVegaConfig(): Record<string, unknown> {
  return readJson(join(REPORTS_DIR, 'shared', 'vega-config.json')) as Record<string, unknown>;
}
