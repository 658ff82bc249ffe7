/** The file formats `callq export` and `nightly --export` write (a module of its own, so the CLI's options can name them without loading apache-arrow). */
export const EXPORT_FORMATS = ['csv', 'parquet', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
