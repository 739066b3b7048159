/**
 * The Compare section's finding, from the reader's comparison: who leads in test accuracy at the
 * latest common step, whether the lead is beyond the spread over seeds, and whether learned
 * activations beat fixed ones here, as the paper reports they can.
 */
import { useMemo } from 'react';
import type { RunView } from '../../state/runTypes';
import { summarise, type SummaryRow } from '../compare/summary';
import { useRunEntries, useRuns } from '../useRun';
import narrative from './narrative.module.css';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const LEARNED = new Set(['homogeneous', 'heterogeneous']);
const FIXED = new Set(['static-relu', 'static-sigmoid', 'static-softplus', 'static-here', 'tanh', 'relu']);

/** The best of some rows by mean test accuracy. */
function top(rows: readonly SummaryRow[]): SummaryRow | undefined {
  return rows.filter((r) => r.acc.count > 0).reduce<SummaryRow | undefined>((b, r) => (!b || r.acc.mean > b.acc.mean ? r : b), undefined);
}

/** a leads b by more than either's sd over seeds (with one seed: any lead counts, and the text says so). */
export function leads(a: SummaryRow, b: SummaryRow): boolean {
  return a.acc.mean - b.acc.mean > Math.max(a.acc.sd, b.acc.sd);
}

export function CompareFinding() {
  const entries = useRunEntries('compare');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 1, name: 'compare-finding' });
  const step = views.length ? Math.min(...views.map((v: RunView) => v.step)) : 0;
  const rows = summarise(entries, views, step, 0.8).filter((r) => r.acc.count > 0);
  if (rows.length < 2) return null;
  const sorted = [...rows].sort((a, b) => b.acc.mean - a.acc.mean);
  const learned = top(rows.filter((r) => LEARNED.has(r.preset)));
  const fixed = top(rows.filter((r) => FIXED.has(r.preset)));
  const seeds = Math.min(...rows.map((r) => r.runs));
  return (
    <p className={narrative.finding} data-testid="compare-finding">
      <strong>Your comparison.</strong> At step {step}, test accuracy:{' '}
      {sorted.map((r, i) => (
        <span key={r.preset}>
          {i > 0 ? '; ' : ''}
          {r.label} {pct(r.acc.mean)}
          {r.acc.count > 1 ? ` ± ${(r.acc.sd * 100).toFixed(1)}` : ''}
        </span>
      ))}
      .{' '}
      {learned && fixed && (
        <>
          {leads(learned, fixed)
            ? `A learned activation leads the best fixed one${seeds > 1 ? ' by more than the spread over seeds' : ''}: as the paper reports, adapting the activation can speed up learning.`
            : leads(fixed, learned)
              ? `The best fixed activation leads the learned ones${seeds > 1 ? ' by more than the spread over seeds' : ''}: here adapting the activation did not help, unlike what the paper reports.`
              : 'Learned and fixed activations are level here (within the spread over seeds): this comparison neither shows nor rules out the speed-up the paper reports.'}{' '}
          {seeds === 1 ? 'With one seed per setting the gap may be luck: raise “seeds per setting” to see the spread.' : ''}
        </>
      )}
    </p>
  );
}
