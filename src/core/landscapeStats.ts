/**
 * What the landscape heat map draws from a file: per (n, s) cell, the mean and spread of the test
 * loss and accuracy across seeds, and the best cell. Diverged runs have no numbers: they are
 * counted, not averaged.
 */
import { deviation, max, mean, min } from 'd3';
import type { LandscapeFile } from './landscapeFile';

export interface Spread {
  mean: number;
  /** Sample standard deviation across seeds; null with fewer than two finished runs. */
  sd: number | null;
  min: number;
  max: number;
}

export interface CellSummary {
  n: number;
  s: number;
  /** Positions in grid.n and grid.s. */
  i: number;
  j: number;
  /** Runs that finished, and runs that diverged. */
  finished: number;
  diverged: number;
  /** Null when every run of the cell diverged. */
  loss: Spread | null;
  accuracy: Spread | null;
}

function spread(xs: number[]): Spread | null {
  if (xs.length === 0) return null;
  return { mean: mean(xs) as number, sd: deviation(xs) ?? null, min: min(xs) as number, max: max(xs) as number };
}

/** One summary per grid cell, n-major in grid order (index i·|grid.s| + j). */
export function summarizeCells(file: LandscapeFile): CellSummary[] {
  const out: CellSummary[] = [];
  file.grid.n.forEach((n, i) =>
    file.grid.s.forEach((s, j) => {
      const runs = file.cells.filter((c) => c.n === n && c.s === s);
      const done = runs.flatMap((c) => (c.loss !== null && c.accuracy !== null ? [{ loss: c.loss, accuracy: c.accuracy }] : []));
      out.push({
        n,
        s,
        i,
        j,
        finished: done.length,
        diverged: runs.length - done.length,
        loss: spread(done.map((d) => d.loss)),
        accuracy: spread(done.map((d) => d.accuracy)),
      });
    }),
  );
  return out;
}

/** The summary of the cell at (n, s), if that point is on the grid. */
export function cellAt(cells: readonly CellSummary[], n: number, s: number): CellSummary | undefined {
  return cells.find((c) => c.n === n && c.s === s);
}

/**
 * The best cell: highest mean accuracy (ties: lower mean loss), or lowest mean loss with
 * by = 'loss'. Cells where any run diverged are passed over while another cell has none.
 */
export function bestCell(cells: readonly CellSummary[], by: 'accuracy' | 'loss' = 'accuracy'): CellSummary | undefined {
  const scored = cells.filter((c) => c.loss && c.accuracy);
  const clean = scored.filter((c) => c.diverged === 0);
  const pool = clean.length ? clean : scored;
  const better = (a: CellSummary, b: CellSummary): boolean => {
    const [la, lb, aa, ab] = [a.loss?.mean ?? Infinity, b.loss?.mean ?? Infinity, a.accuracy?.mean ?? -Infinity, b.accuracy?.mean ?? -Infinity];
    if (by === 'loss') return la < lb || (la === lb && aa > ab);
    return aa > ab || (aa === ab && la < lb);
  };
  return pool.reduce<CellSummary | undefined>((best, c) => (!best || better(c, best) ? c : best), undefined);
}
