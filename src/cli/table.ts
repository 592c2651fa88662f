/** Plain-text tables for terminal output: columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** 272474 -> "272,474". */
export function grouped(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/** A count too large to read digit by digit, as "7.21e16" (exact below a million). */
export function scientific(n: bigint): string {
  if (n < 1_000_000n) return grouped(n);
  const digits = n.toString();
  return `${digits[0]}.${digits.slice(1, 3)}e${digits.length - 1}`;
}
