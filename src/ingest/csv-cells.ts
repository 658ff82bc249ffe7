/**
 * The cells of one CSV line, as RFC 4180 writes them: a cell may be quoted, and a quote inside
 * a quoted cell is doubled. For the lines callq reads itself (a header, a first row that says
 * which layout a file has); DuckDB reads the rest.
 */
export function csvCells(line: string, delimiter = ','): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/**
 * A column named twice in a header (names compared as callq matches them: trimmed, any case),
 * or null: DuckDB would rename the second copy and callq would read the first without a word.
 */
export function duplicatedColumn(header: readonly string[]): { name: string; first: number; second: number } | null {
  const seen = new Map<string, number>();
  for (const [i, name] of header.entries()) {
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) return { name: name.trim(), first: first + 1, second: i + 1 };
    seen.set(key, i);
  }
  return null;
}
