/**
 * Report labels in English (default) and Simplified Chinese, from one dictionary file
 * (reports/shared/labels.json: key -> {en, zh-CN}), so a missing translation shows up
 * side by side with its English text.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../files/project-root.ts';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export type Dictionary = Record<string, Record<Lang, string>>;

export interface Translator {
  lang: Lang;
  /** The label for key, with {name} placeholders filled from vars; an unknown key is an error. */
  t(key: string, vars?: Record<string, string | number>): string;
  has(key: string): boolean;
  /** The currency code shown on money figures (config `currency`), if known. */
  currency?: string;
}

let dictionary: Dictionary | undefined;

export function loadDictionary(): Dictionary {
  dictionary ??= JSON.parse(readFileSync(projectPath('reports', 'shared', 'labels.json'), 'utf8')) as Dictionary;
  return dictionary;
}

export function translator(lang: Lang): Translator {
  const entries = loadDictionary();
  return {
    lang,
    has: (key) => key in entries,
    t(key, vars) {
      const text = entries[key]?.[lang];
      if (text === undefined)
        throw new Error(`report label "${key}" has no ${lang} text in reports/shared/labels.json`);
      return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
    },
  };
}

/** Marker for a translatable string inside a chart spec: "t:axis.day". */
const LABEL_REF = /^t:([\w.-]+)$/;

/** A copy of a chart spec with every "t:key" string replaced by its label. */
export function translateSpec<T>(spec: T, tr: Translator): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = LABEL_REF.exec(value);
      return match ? tr.t(match[1]!) : value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(spec) as T;
}

/** Every "t:key" reference in a spec (for the test that each one has both languages). */
export function labelRefs(spec: unknown): string[] {
  const refs: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = LABEL_REF.exec(value);
      if (match) refs.push(match[1]!);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(spec);
  return refs;
}
