/**
 * Page size of the databases the workbench creates (its own module: the staging writer thread uses
 * it without loading the store). Imports append millions of rows: with 16 KiB pages SQLite makes a
 * quarter of the writes and reads it makes with the default 4 KiB (a system call per page, in the
 * WAL one per frame), which took about a fifth off an import's merge (src/main/ingest/README.md,
 * Benchmark). An existing database keeps the page size it was created with.
 */
export const PAGE_SIZE = 16_384;
