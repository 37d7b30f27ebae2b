/** Caps of the tabular importer: anything larger is refused before or while reading. */

/** Largest input file (50 MiB). */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** Most rows read from one table. */
export const MAX_ROWS = 1_000_000;
/** Most columns a table may use. */
export const MAX_COLUMNS = 200;
/** Longest cell kept (characters); longer cells are cut with a warning. */
export const MAX_CELL_CHARS = 10_000;
