/**
 * Writes a generated centre to a folder: one file per input table named after it, the
 * config the data needs (its time zone and the centre's numbers, checked with the
 * config schema) and the labels of the injected anomalies.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load-config.ts';
import { TABLE_NAMES } from '../ingest/contracts.ts';
import { csvText } from './csv-text.ts';
import { formatDay } from './local-time.ts';
import type { Dataset, Label } from './model.ts';
import { writeParquet } from './parquet-file.ts';
import { columnsOf, tableRows } from './table-rows.ts';
import type { GenerateOptions } from './world.ts';

const LABELS_FILE = 'anomaly_labels.csv';
const CONFIG_FILE = 'callq.config.json';

export interface WrittenFile {
  name: string;
  rows: number;
}

export async function writeDataset(
  dir: string,
  data: Dataset,
  labels: readonly Label[],
  options: GenerateOptions,
  config: Record<string, unknown>,
): Promise<WrittenFile[]> {
  mkdirSync(dir, { recursive: true });
  const written: WrittenFile[] = [];
  for (const table of TABLE_NAMES) {
    const format = options.formats[table];
    const name = `${table}.${format}`;
    // A table written in the other format before would be loaded twice: remove it.
    rmSync(join(dir, `${table}.${format === 'csv' ? 'parquet' : 'csv'}`), { force: true });
    const csv = csvText(columnsOf(table), tableRows(table, data));
    if (format === 'csv') writeFileSync(join(dir, name), csv.text);
    else await writeParquet(table, csv.text, join(dir, name));
    written.push({ name, rows: csv.rows });
  }
  parseConfig(config, CONFIG_FILE);
  writeFileSync(join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  const labelRows = labels.map((l) => [l.rule, l.entity_type, l.entity_id, l.day === null ? null : formatDay(l.day)]);
  writeFileSync(join(dir, LABELS_FILE), csvText(['rule', 'entity_type', 'entity_id', 'day'], labelRows).text);
  written.push({ name: LABELS_FILE, rows: labels.length });
  return written;
}
