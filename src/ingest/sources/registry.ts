/** Every source adapter by name (`callq load --source NAME`), and recognising a file by its content. */
import { amazonConnectCtr } from './amazon-connect-ctr.ts';
import { asteriskCdr } from './asterisk-cdr.ts';
import { asteriskQueueLog } from './asterisk-queue-log.ts';
import { contactLens } from './contact-lens.ts';
import type { SourceAdapter, SourceName } from './source-adapter.ts';

const ADAPTERS: readonly SourceAdapter[] = [asteriskQueueLog, asteriskCdr, amazonConnectCtr, contactLens];

export function sourceAdapter(name: SourceName): SourceAdapter {
  const adapter = ADAPTERS.find((a) => a.name === name);
  if (!adapter) throw new Error(`no reader for source ${name} yet`);
  return adapter;
}

export function sourceAdapters(): readonly SourceAdapter[] {
  return ADAPTERS;
}

/** The adapters whose format the start of a file has (at most one, for a recognised file). */
export function recogniseSource(head: string): SourceAdapter[] {
  return ADAPTERS.filter((a) => a.recognise(head));
}
