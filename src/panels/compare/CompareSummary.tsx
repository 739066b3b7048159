/**
 * The comparison at a step the reader picks (by default the step every run has reached): loss,
 * test accuracy, steps to a target accuracy, and where n and s stood.
 */
import { useState } from 'react';
import { fmt3 } from '../../charts/axes/format';
import type { RunEntry } from '../../state/runController';
import type { RunView } from '../../state/runTypes';
import { summarise, type Stat } from './summary';
import text from '../../app/common.module.css';
import parts from '../../charts/shared/chartParts.module.css';
import styles from './comparePanel.module.css';

const pm = (s: Stat | null, f: (v: number) => string) => (!s || !s.count ? '—' : s.count > 1 && s.sd > 0 ? `${f(s.mean)} ± ${f(s.sd)}` : f(s.mean));
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function CompareSummary({ entries, views }: { entries: readonly RunEntry[]; views: readonly RunView[] }) {
  const common = views.length ? Math.min(...views.map((v) => v.step)) : 0;
  const [picked, setPicked] = useState<number | null>(null);
  const [target, setTarget] = useState(0.8);
  const step = picked === null ? common : Math.min(picked, common);
  const rows = summarise(entries, views, step, target);
  if (!entries.length) return null;
  return (
    <div className={styles.compareSummary} data-testid="compare-summary" data-step={step}>
      <div className={styles.compareSummaryControls}>
        <label>
          at step{' '}
          <input type="number" min={0} max={common} value={step} onChange={(e) => setPicked(Number(e.target.value))} data-testid="compare-summary-step" />
        </label>
        <button type="button" className={text.linkButton} onClick={() => setPicked(null)} disabled={picked === null}>
          latest common step ({common})
        </button>
        <label>
          target accuracy{' '}
          <select value={target} onChange={(e) => setTarget(Number(e.target.value))} data-testid="compare-summary-target">
            {[0.5, 0.6, 0.7, 0.8, 0.9, 0.95].map((t) => (
              <option key={t} value={t}>
                {Math.round(t * 100)} %
              </option>
            ))}
          </select>
        </label>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">activation</th>
            <th scope="col">training loss (smoothed)</th>
            <th scope="col">test accuracy</th>
            <th scope="col">first step at {Math.round(target * 100)} %</th>
            <th scope="col">n</th>
            <th scope="col">s</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const got = r.reached.filter((x): x is number => x !== null);
            return (
              <tr key={r.preset} data-testid={`compare-summary-${r.preset}`}>
                <th scope="row">
                  <span className={parts.swatch} style={{ background: r.colour }} /> {r.label}
                  {r.runs > 1 ? ` (${r.runs} seeds)` : ''}
                </th>
                <td data-testid="summary-loss">{pm(r.loss, fmt3)}</td>
                <td data-testid="summary-acc">{pm(r.acc, pct)}</td>
                <td>{got.length === 0 ? 'not reached' : got.length < r.reached.length ? `${got.length} of ${r.reached.length} runs, by ${Math.max(...got)}` : r.runs > 1 ? `${Math.min(...got)}–${Math.max(...got)}` : got[0]}</td>
                <td>{pm(r.n, fmt3)}</td>
                <td>{pm(r.s, fmt3)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
