/**
 * A finding's sentence, written from its facts (the `explanation_args` a rule stores) with
 * the rule's template in reports/shared/explanations.json, in the reader's language. The
 * reports write it in theirs; the tests and the English pages read the same English.
 *
 * A template's placeholders: `{name}` the value as it is; `{name:format}` the value
 * formatted (count, decimal1, decimal2, share, seconds: as the reports format numbers;
 * measure: in the unit of the finding's `metric`; measure_name: the metric's name; phrase:
 * the phrase `<name>.<value>`; list: the items joined the language's way (the label
 * fmt.list_separator, as the tables join lists), each one its
 * phrase `<name>.<item>` when there is one; ordinal: 1st, 第 1); `{name?}` the clause
 * `<rule>.<name>` when the value is there, else nothing. A missing value reads "(none)".
 * `variant` picks the template `<rule>.<variant>`; a finding stored before findings kept
 * their facts has only `legacy`, its English sentence, shown as it is.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../files/project-root.ts';
import type { Lang, Translator } from '../reports/i18n.ts';
import { formatValue } from '../reports/format-value.ts';
import type { Format } from '../reports/report-layout.ts';

type Texts = Record<string, Record<Lang, string>>;

interface ExplanationTable {
  templates: Texts;
  clauses: Texts;
  phrases: Texts;
}

export type ExplanationArgs = Record<string, unknown>;

let table: ExplanationTable | undefined;

export function explanationTable(): ExplanationTable {
  table ??= JSON.parse(readFileSync(projectPath('reports', 'shared', 'explanations.json'), 'utf8')) as ExplanationTable;
  return table;
}

/** The unit each metric's values are shown in. */
const MEASURE_FORMATS: Record<string, Format> = {
  calls: 'decimal1',
  conversion: 'share',
  agent_hangup_rate: 'share',
  talk_ratio: 'share',
  aht: 'seconds',
  csat: 'decimal2',
};

const NUMBER_FORMATS = new Set<string>(['count', 'decimal1', 'decimal2', 'share', 'seconds']);

const PLACEHOLDER = /\{(\w+)(\?)?(?::(\w+))?\}/g;

/** The sentence of a finding of `rule` with these facts (JSON text or parsed), in tr's language. */
export function explain(rule: string, stored: ExplanationArgs | string | null | undefined, tr: Translator): string {
  const args: ExplanationArgs = typeof stored === 'string' ? (JSON.parse(stored) as ExplanationArgs) : (stored ?? {});
  if (typeof args.legacy === 'string') return args.legacy;
  const key = typeof args.variant === 'string' ? `${rule}.${args.variant}` : rule;
  const template = explanationTable().templates[key];
  if (!template) throw new Error(`no explanation template "${key}" in reports/shared/explanations.json`);
  return fill(rule, template[tr.lang], args, tr);
}

function fill(rule: string, text: string, args: ExplanationArgs, tr: Translator): string {
  return text.replace(PLACEHOLDER, (_whole, name: string, optional: string | undefined, format: string | undefined) => {
    const value = args[name];
    const missing = value === null || value === undefined;
    if (optional) return missing ? '' : fill(rule, textOf('clauses', `${rule}.${name}`, tr), args, tr);
    if (missing) return phrase('none', tr);
    return formatted(rule, name, value, format, args, tr);
  });
}

function formatted(
  rule: string,
  name: string,
  value: unknown,
  format: string | undefined,
  args: ExplanationArgs,
  tr: Translator,
): string {
  if (format === undefined) return String(value);
  if (NUMBER_FORMATS.has(format)) return formatValue(value, format as Format, tr);
  switch (format) {
    case 'measure':
      return formatValue(value, MEASURE_FORMATS[String(args.metric)] ?? 'decimal1', tr);
    case 'measure_name':
      return phrase(`measure.${String(value)}`, tr);
    case 'phrase':
      return fill(rule, textOf('phrases', `${name}.${String(value)}`, tr), args, tr);
    case 'list':
      return (Array.isArray(value) ? value : [value])
        .map((item) => (item === null ? phrase('none', tr) : itemText(name, item, tr)))
        .join(tr.t('fmt.list_separator'));
    case 'ordinal': {
      const n = Number(value);
      const form = new Intl.PluralRules(tr.lang, { type: 'ordinal' }).select(n);
      return phrase(`ordinal.${form}`, tr).replace('{n}', String(n));
    }
  }
  throw new Error(`explanation placeholder {${name}:${format}} has an unknown format`);
}

/** A list item: its phrase `<list>.<item>` (a code with a name), else the item as it is (an id). */
function itemText(list: string, item: unknown, tr: Translator): string {
  const texts = explanationTable().phrases[`${list}.${String(item)}`];
  return texts ? texts[tr.lang] : String(item);
}

function phrase(key: string, tr: Translator): string {
  return textOf('phrases', key, tr);
}

function textOf(part: keyof ExplanationTable, key: string, tr: Translator): string {
  const text = explanationTable()[part][key]?.[tr.lang];
  if (text === undefined)
    throw new Error(`no ${tr.lang} text for ${part} "${key}" in reports/shared/explanations.json`);
  return text;
}
