/**
 * What a landscape file says, as facts a sentence can quote: the best cell, its runner-up and
 * whether the seeds can tell them apart, the usual functions' cells, and how that compares with
 * what the paper reports in words (no number of the paper is used). Pure.
 */
import { greatest } from 'd3-array';
import type { LandscapeFile } from '../../core/landscapeFile';
import { bestCell, cellAt, type CellSummary } from '../../core/landscapeStats';
import type { TaskId } from '../../state/schema';

export interface Landmark {
  name: string;
  cell: CellSummary;
}

export interface LandscapeFacts {
  best: CellSummary;
  /** The next best cell by the same rule: among cells where every seed trained, when the best is one. */
  runnerUp: CellSummary | undefined;
  /**
   * A cell whose finished seeds score above the best cell, but where some seeds diverged: the map
   * shows it brightest, so the text says why it is not the best.
   */
  unstable: CellSummary | undefined;
  /** The best cell leads the runner-up by more than either's standard deviation across seeds. */
  separated: boolean;
  /** Softplus, sigmoid and the grid's high-gain corners, where the grid has them. */
  landmarks: Landmark[];
  /** The best cell is one of the usual functions' cells (softplus or sigmoid). */
  bestIsUsual: boolean;
  /** The best cell sits on the grid's largest (or smallest) gain: the optimum may lie beyond. */
  atGainEdge: 'max' | 'min' | null;
  /** Cells that beat every usual function's cell by more than the seeds' spread. */
  beatsUsual: boolean;
  chanceAccuracy: number;
}

const accMean = (c: CellSummary | undefined) => c?.accuracy?.mean ?? -Infinity;
const accSd = (c: CellSummary | undefined) => c?.accuracy?.sd ?? 0;

/** a is ahead of b by more than the larger of their standard deviations across seeds. */
export function clearlyAhead(a: CellSummary, b: CellSummary | undefined): boolean {
  if (!b) return true;
  return accMean(a) - accMean(b) > Math.max(accSd(a), accSd(b));
}

export function landscapeFacts(file: LandscapeFile, cells: readonly CellSummary[]): LandscapeFacts | null {
  const best = bestCell(cells, 'accuracy');
  if (!best) return null;
  const others = cells.filter((c) => c !== best && c.accuracy && (best.diverged > 0 || c.diverged === 0));
  const runnerUp = greatest(others, accMean);
  const unstable = greatest(
    cells.filter((c) => c.diverged > 0 && c.accuracy && accMean(c) > accMean(best)),
    accMean,
  );
  const nMax = file.grid.n[file.grid.n.length - 1];
  const nMin = file.grid.n[0];
  const sMax = file.grid.s[file.grid.s.length - 1];
  const named: [string, number, number][] = [
    ['softplus', 1, 0],
    ['sigmoid', 1, 1],
    [`ReLU-like (n = ${nMax}, s = 0)`, nMax, 0],
    [`step-like (n = ${nMax}, s = ${sMax})`, nMax, sMax],
  ];
  const landmarks = named.flatMap(([name, n, s]) => {
    const cell = cellAt(cells, n, s);
    return cell && cell.accuracy ? [{ name, cell }] : [];
  });
  const usual = landmarks.filter((l) => l.name === 'softplus' || l.name === 'sigmoid');
  return {
    best,
    runnerUp,
    unstable,
    separated: clearlyAhead(best, runnerUp),
    landmarks,
    bestIsUsual: usual.some((l) => l.cell === best),
    atGainEdge: best.n === nMax ? 'max' : best.n === nMin ? 'min' : null,
    beatsUsual: usual.length > 0 && usual.every((l) => l.cell !== best && clearlyAhead(best, l.cell)),
    chanceAccuracy: file.test.chanceAccuracy,
  };
}

/** Tasks the paper trains in some form (psMNIST and copy); the others are this explorable's. */
export function paperStudies(task: TaskId): boolean {
  return task === 'ps14' || task === 'ps28' || task === 'copy';
}

/** Whether the best cells of several tasks differ (task-specific activations). */
export function distinctBest(bests: readonly { task: TaskId; best: CellSummary }[]): boolean {
  return new Set(bests.map((b) => `${b.best.n},${b.best.s}`)).size > 1;
}
