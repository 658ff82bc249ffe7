/**
 * One chart: a Vega-Lite spec with named datasets attached (and its "t:" labels and "p:"
 * config values filled in), compiled and rendered to
 * static SVG in Node (so it shows without JavaScript, in print and in mail), plus the same
 * spec for vega-embed to make interactive in the browser. Randomness is seeded so the SVG
 * is identical on every run; warnings from vega-lite and vega are collected, not printed.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { Translator } from './i18n.ts';
import { translateSpec } from './i18n.ts';
import { readVegaConfig } from './report-files.ts';
import { bindSpecParams } from './spec-params.ts';

export type Datasets = Record<string, Record<string, unknown>[]>;

export interface RenderedChart {
  /** Static SVG (vega escapes every text it writes). */
  svg: string;
  /** The translated Vega-Lite spec with its data and theme, for vega-embed in the browser. */
  spec: Record<string, unknown>;
  warnings: string[];
}

const SEED = 20261121;

// vega re-exports these from vega-statistics, but its typings leave them out.
const { setRandom, randomLCG } = vega as unknown as {
  setRandom(random: () => number): void;
  randomLCG(seed: number): () => number;
};

/**
 * idPrefix keeps the SVG's internal ids (gradients, clip paths) unique within the page: every
 * chart starts counting at 0, and a reference to a duplicate id would draw another chart's.
 */
export async function renderChart(
  spec: Record<string, unknown>,
  datasets: Datasets,
  tr: Translator,
  idPrefix: string,
  params: Record<string, number> = {},
): Promise<RenderedChart> {
  const translated = bindSpecParams(translateSpec(spec, tr), params);
  const full: Record<string, unknown> = {
    ...translated,
    config: { ...readVegaConfig(), ...(translated.config as Record<string, unknown> | undefined) },
    datasets,
  };
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  // compile works on a copy: vega-lite normalises the spec in place.
  const compiled = vegaLite.compile(structuredClone(full) as unknown as vegaLite.TopLevelSpec, { logger });
  setRandom(randomLCG(SEED));
  // Clip-path and gradient ids count up per process; restart them so a re-run writes the same SVG.
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger });
  try {
    const svg = scopeIds(await view.toSVG(), idPrefix);
    return { svg, spec: full, warnings };
  } finally {
    view.finalize();
  }
}

function collectingLogger(warnings: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const note = (kind: string) =>
    function (this: vega.LoggerInterface, ...args: unknown[]) {
      warnings.push(`${kind}: ${args.map(String).join(' ')}`);
      return this;
    };
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error: note('error'),
    warn: note('warning'),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Prefixes id="x" and url(#x) inside tags only (text from data sits between tags, escaped). */
function scopeIds(svg: string, prefix: string): string {
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag.replace(/ id="([^"]+)"/g, ` id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`),
  );
}
