/** Limits on an import file (docs/decisions/030). Plain constants: the browser checks the size too. */
export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 10_000,
  maxColumns: 200,
  /** An XLSX of 10,000 rows inflates to ~5 MB; 50 MB leaves room for styles and pictures, not for a bomb. */
  maxUncompressed: 50 * 1024 * 1024,
  maxZipEntries: 500,
} as const;
