/** The hover card of one landscape cell: where it is and its spread across seeds, both metrics. */
import type { CellSummary, Spread } from '../../core/landscapeStats';
import { fmt3 } from '../axes/format';
import type { Metric } from './heatGeometry';
import styles from './heatMap.module.css';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** "36.1 % ± 1.5 (34.5–37.6)": mean ± sd across seeds, then the range. */
export function spreadText(sp: Spread | null, kind: Metric): string {
  if (!sp) return 'every run diverged';
  const f = kind === 'accuracy' ? pct : fmt3;
  const sd = sp.sd === null ? '' : kind === 'accuracy' ? ` ± ${(sp.sd * 100).toFixed(1)}` : ` ± ${fmt3(sp.sd)}`;
  const range = sp.min === sp.max ? '' : ` (${f(sp.min)} – ${f(sp.max)})`;
  return `${f(sp.mean)}${sd}${range}`;
}

const TIP_W = 230;

export function CellTip({ cell, metric, x, y, flip, width }: { cell: CellSummary; metric: Metric; x: number; y: number; flip: boolean; width: number }) {
  const left = Math.max(0, Math.min(width - TIP_W, x - TIP_W / 2));
  const runs = cell.finished + cell.diverged;
  const rows: [Metric, string][] = [
    ['accuracy', 'test accuracy'],
    ['loss', 'test loss'],
  ];
  return (
    <div className={`${styles.tip}${flip ? ` ${styles.tipBelow}` : ''}`} style={{ left, top: y, width: TIP_W }} data-export="skip" data-testid="landscape-tip" role="status">
      <strong>
        n = {fmt3(cell.n)}, s = {fmt3(cell.s)}
      </strong>
      {rows.map(([k, label]) => (
        <div key={k} className={k === metric ? styles.tipMain : undefined} data-testid={`landscape-tip-${k}`}>
          {label}: {spreadText(k === 'accuracy' ? cell.accuracy : cell.loss, k)}
        </div>
      ))}
      <div className={styles.tipNote}>
        mean ± sd over {cell.finished} seed{cell.finished === 1 ? '' : 's'} (range)
        {cell.diverged ? `; ${cell.diverged} of ${runs} runs diverged` : ''}
      </div>
    </div>
  );
}
