/** Pure helpers of the benchmark harness: no I/O, so they can be unit-tested. */

/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `ours / theirs` as `0.84×`; `–` when either side was not measured. */
export function formatRatio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || theirs === 0) return '–';
  return `${(ours / theirs).toFixed(2)}×`;
}

/** Whether `ratio` meets a `≤ limit` target, as a table mark. */
export function targetMark(ratio: number | undefined, limit: number): string {
  if (ratio === undefined) return '–';
  return ratio <= limit ? 'met' : 'MISSED';
}

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const isNumeric = (cell: string) => /^[\d.,–×%+-]+( ?(ms|MB|µs|s|×))?$/.test(cell);
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (isNumeric(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
