/** Small statistics and timing helpers shared by the benchmark's parts. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile with linear interpolation between the closest ranks (p95: q = 0.95). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Milliseconds from a high-resolution clock. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs a full GC when the process was started with --expose-gc; otherwise does nothing. */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export const MB = 1024 * 1024;

export function rssMb(): number {
  return process.memoryUsage().rss / MB;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
