/** Rows of the benchmark table, summary statistics, and the plain-text table itself. */

export interface Row {
  metric: string;
  value: string;
  /** Human-readable target, or '—' when the figure is informational. */
  target: string;
  /** null when there is no target to meet. */
  ok: boolean | null;
}

export function info(metric: string, value: string): Row {
  return { metric, value, target: '—', ok: null };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Decimal units (1 MB = 10^6 bytes), so "150 MB" in a target means what it says. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1e3).toFixed(1)} kB`;
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function thousands(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['metric', 'value', 'target', 'ok?'];
  const cells = rows.map((r) => [r.metric, r.value, r.target, r.ok === null ? '' : r.ok ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]): string => `| ${c.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
