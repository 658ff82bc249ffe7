/**
 * `callq generate --source NAME`: the generated centre also written as a phone system's own
 * export, into `<out>/sources/<NAME>/`, for `callq load --source NAME`. The canonical files
 * are untouched; docs/sources/generate-round-trip.md says what each format cannot carry.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_NAMES, type SourceName } from '../../ingest/sources/source-adapter.ts';
import { amazonConnectCtrExport } from './amazon-connect-ctr.ts';
import { asteriskCdrExport } from './asterisk-cdr.ts';
import { queueLogExport } from './asterisk-queue-log.ts';
import { contactLensExport } from './contact-lens.ts';
import type { GeneratedCentre, SourceExport } from './source-export.ts';

const WRITERS: Record<SourceName, (centre: GeneratedCentre) => SourceExport> = {
  'asterisk-queue-log': queueLogExport,
  'asterisk-cdr': asteriskCdrExport,
  'amazon-connect-ctr': amazonConnectCtrExport,
  'contact-lens': contactLensExport,
};

export interface WrittenSource {
  /** The folder, relative to the output folder. */
  dir: string;
  files: number;
  calls: number;
}

/** Writes each source's export, replacing what an earlier run left in its folder. */
export function writeSourceExports(
  outDir: string,
  centre: GeneratedCentre,
  sources: readonly SourceName[],
): WrittenSource[] {
  return SOURCE_NAMES.filter((name) => sources.includes(name)).map((name) => {
    const dir = join('sources', name);
    const { files, calls } = WRITERS[name](centre);
    rmSync(join(outDir, dir), { recursive: true, force: true });
    mkdirSync(join(outDir, dir), { recursive: true });
    for (const file of files) writeFileSync(join(outDir, dir, file.name), file.text);
    return { dir, files: files.length, calls };
  });
}
