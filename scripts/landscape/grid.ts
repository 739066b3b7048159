/**
 * The sweep's jobs: every (n, s, seed) of the grid in one fixed order (n, then s, then seed), and
 * the deterministic share of them a shard computes.
 */

export interface Job {
  n: number;
  s: number;
  seed: number;
}

export interface Grid {
  n: number[];
  s: number[];
}

/** The default grid: gains over five octaves, saturation in quarters. */
export const DEFAULT_GRID: Grid = { n: [0.5, 1, 2, 4, 8, 16], s: [0, 0.25, 0.5, 0.75, 1] };
export const DEFAULT_SEED_COUNT = 3;
/** Seeds 1..k: seed 1 is the page's default, so its cells are what a reader gets there. */
export const seedList = (count: number): number[] => Array.from({ length: count }, (_, i) => i + 1);

export function allJobs(grid: Grid, seeds: readonly number[]): Job[] {
  return grid.n.flatMap((n) => grid.s.flatMap((s) => seeds.map((seed) => ({ n, s, seed }))));
}

/**
 * Shard `index` (1-based) of `count`: every count-th job starting at index − 1. Interleaving gives
 * every shard the same mix of cheap and costly cells; the union of all shards is every job once.
 */
export function shardJobs(jobs: readonly Job[], index: number, count: number): Job[] {
  return jobs.filter((_, k) => k % count === index - 1);
}

/** Parses "i/k" with 1 ≤ i ≤ k. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard takes i/k with 1 ≤ i ≤ k (shards are numbered from 1), got '${text}'`);
  return { index, count };
}

/** Parses a comma-separated list of numbers, sorted and without repeats. */
export function parseNumberList(flag: string, text: string, ok: (x: number) => boolean, range: string): number[] {
  const xs = text.split(',').map((t) => t.trim());
  const out = xs.map(Number);
  const bad = xs.find((t, i) => t === '' || !Number.isFinite(out[i]) || !ok(out[i]));
  if (bad !== undefined) throw new Error(`${flag}: '${bad}' is not ${range}`);
  return [...new Set(out)].sort((a, b) => a - b);
}
