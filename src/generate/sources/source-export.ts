/** What a writer of one phone system's export makes of the generated centre. */
import type { Generated } from '../generate-dataset.ts';

/** The centre as the writers read it: its rows and the config they were generated for. */
export type GeneratedCentre = Pick<Generated, 'data' | 'config'>;

export interface SourceFile {
  /** File name inside `<out>/sources/<source>/`. */
  name: string;
  text: string;
}

export interface SourceExport {
  files: SourceFile[];
  /** Calls the export holds (for contact-lens: calls with a transcript). */
  calls: number;
}
