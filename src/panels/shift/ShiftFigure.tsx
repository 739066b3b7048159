/** The shift experiment's recovery curves, from its runs' test evaluations (also #embed=shift). */
import { memo, useMemo, useRef } from 'react';
import { RecoveryChart, type RecoveryLine } from '../../charts/shift/RecoveryChart';
import { useAppState } from '../../app/useAppState';
import { useTrainEntry } from '../train/trainRun';
import { csvSettings } from '../train/csvSettings';
import { useOnScreen } from '../train/useOnScreen';
import { useRun, useRunEntries, useRuns } from '../useRun';
import { shiftOutcome } from './shiftSummary';
import slot from '../../app/figureSlot.module.css';

export const ShiftFigure = memo(function ShiftFigure() {
  const ref = useRef<HTMLElement>(null);
  const active = useOnScreen(ref);
  const base = useTrainEntry();
  const baseView = useRun(base?.runId ?? null, { hz: 2, active, name: 'shift-base' });
  const entries = useRunEntries('shift');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 4, active, name: 'shift' });
  const rsteps = useAppState((s) => s.rsteps);
  const outcome = shiftOutcome(baseView, entries, views, rsteps);
  const start = outcome?.start ?? 0;
  const lines: RecoveryLine[] = entries.map((e, i) => ({
    key: e.tag ?? e.runId,
    label: e.label,
    colour: e.colour,
    points: (views[i]?.tests ?? []).map((t) => ({ ...t, step: t.step - start })),
  }));
  const caption = outcome
    ? `From step ${start} of the trained run; test accuracy on the changed inputs, ${entries.find((e) => e.tag === 'all') ? 'every way' : 'each way'} with a fresh optimizer.`
    : 'Run the experiment to draw the curves.';
  return (
    <figure className={slot.figureSlot} data-testid="figure-shift" ref={ref}>
      <RecoveryChart lines={lines} before={outcome?.before ?? NaN} steps={rsteps} caption={caption} settings={{ ...csvSettings(base?.config, start), shift: entries[0]?.config.shift ? JSON.stringify(entries[0].config.shift) : '' }} />
    </figure>
  );
});
