/**
 * The landscape's finding in plain words, every number read from the committed file: the best
 * fixed activation, the usual functions beside it, whether the seeds can tell the leaders apart,
 * and where that agrees with the paper's reported findings and where it does not.
 */
import type { LandscapeFile } from '../../core/landscapeFile';
import type { CellSummary } from '../../core/landscapeStats';
import { fmt3 } from '../../charts/axes/format';
import { landscapeFacts, paperStudies } from './landscapeFacts';
import common from '../../app/common.module.css';
import styles from './landscapePanel.module.css';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** "87.0 % ± 1.1" (± the sd across seeds, in percentage points), and how many seeds it is when some diverged. */
export function accText(c: CellSummary): string {
  const a = c.accuracy;
  if (!a) return 'diverged';
  const text = a.sd === null ? pct(a.mean) : `${pct(a.mean)} ± ${(a.sd * 100).toFixed(1)}`;
  return c.diverged > 0 ? `${text} (${c.finished} of ${c.finished + c.diverged} seeds; the others diverged)` : text;
}

export const cellName = (c: CellSummary) => `n = ${fmt3(c.n)}, s = ${fmt3(c.s)}`;

export function LandscapeFinding({ file, cells }: { file: LandscapeFile; cells: readonly CellSummary[] }) {
  const f = landscapeFacts(file, cells);
  if (!f) return <p data-testid="landscape-finding">Every run of this landscape diverged: there is no best cell to report.</p>;
  const { best, runnerUp, unstable } = f;
  const seeds = file.seeds.length;
  const paper = paperStudies(file.task);
  return (
    <div className={`${common.prose} ${styles.landscapeFinding}`} data-testid="landscape-finding">
      <p>
        <strong>What this map measured.</strong> With the activation held fixed for {file.steps} training steps, the best
        cell for this task is <strong data-testid="landscape-best-text">{cellName(best)}</strong>: {accText(best)} test
        accuracy (mean ± sd over {seeds} seeds), where guessing gets {pct(f.chanceAccuracy)}.{' '}
        {f.landmarks.length > 0 && (
          <>
            The usual functions:{' '}
            {f.landmarks.map((l, i) => (
              <span key={l.name}>
                {i > 0 ? (i === f.landmarks.length - 1 ? ' and ' : ', ') : ''}
                {l.name} {accText(l.cell)}
              </span>
            ))}
            .{' '}
          </>
        )}
        {runnerUp &&
          (f.separated ? (
            <>It leads the next best cell ({cellName(runnerUp)}, {accText(runnerUp)}) by more than the seeds’ spread.</>
          ) : (
            <>
              The next best cell ({cellName(runnerUp)}, {accText(runnerUp)}) is within the seeds’ spread of it: these seeds
              cannot tell the two apart.
            </>
          ))}{' '}
        {unstable && (
          <>
            The cell {cellName(unstable)} scores higher, {accText(unstable)}: a setting where training can blow up is not a safe
            choice, so the best cell is the best of those where every seed trained.
          </>
        )}
      </p>
      <p>
        <strong>Against the paper.</strong>{' '}
        {f.bestIsUsual ? (
          <>Here the best cell is one of the usual functions, unlike the paper’s finding that the best activations lie away from them.</>
        ) : f.beatsUsual ? (
          <>As the paper reports, the best fixed activation is not one of the usual functions: it beats softplus and sigmoid by more than the seeds’ spread.</>
        ) : (
          <>The best cell is not softplus or sigmoid, but its lead over them is within the seeds’ spread, so this map neither confirms nor contradicts the paper’s finding that the best activations lie away from the usual functions.</>
        )}{' '}
        {paper ? (
          best.s === 0 ? (
            <>It does not saturate (s = 0), in line with the non-saturating optima the paper reports for its memory tasks.</>
          ) : (
            <>It saturates (s = {fmt3(best.s)}), unlike the non-saturating optima the paper reports for its memory tasks.</>
          )
        ) : best.s === 0 ? (
          <>The paper does not train this task; its best cell here does not saturate.</>
        ) : (
          <>The paper does not train this task; here the best cell saturates (s = {fmt3(best.s)}), which the paper’s memory tasks did not favour.</>
        )}{' '}
        {f.atGainEdge === 'max' && <>The best cell has the largest gain on the grid, so a larger gain might do better still: this grid cannot say.</>}
      </p>
      <p className={common.mutedText}>
        These are short runs of a small network (N = {file.settings.hidden}, {file.steps} steps, on this page’s own code), far
        from the paper’s training budgets: compare shapes and rankings, not the numbers.
      </p>
    </div>
  );
}
