/**
 * Section "Shift": the inputs change after training (their statistics, not their meaning), the
 * trained network's accuracy drops, and four ways of answering it train side by side from the same
 * weights on the same data: do nothing, re-adapt only n and s, only the biases, or everything.
 * What the reader's own run shows is said in words from their numbers.
 */
import { useMemo } from 'react';
import { useAppState } from '../app/useAppState';
import { taskShape } from '../core/tasks/shape';
import { describeShift } from '../core/shift';
import { appStore } from '../state/store';
import { SchemaControl } from './train/SchemaControl';
import { useRun, useRunEntries, useRuns } from './useRun';
import { useTrainEntry } from './train/trainRun';
import { ShiftFigure } from './shift/ShiftFigure';
import { ShiftButtons } from './shift/ShiftButtons';
import { shiftOf } from './shift/shiftRuns';
import { shiftOutcome, shiftSentence } from './shift/shiftSummary';
import common from '../app/common.module.css';
import controls from './controls/controls.module.css';

function ShiftSettings() {
  const kind = useAppState((s) => s.shift);
  const amp = useAppState((s) => s.amp);
  const freq = useAppState((s) => s.freq);
  const phase = useAppState((s) => s.phase);
  const drive = useAppState((s) => s.drive);
  const rsteps = useAppState((s) => s.rsteps);
  const set = appStore().set;
  return (
    <div className={controls.trainSettings}>
      <SchemaControl name="shift" value={kind} onChange={(v) => set({ shift: v })} />
      {kind === 'sine' && <SchemaControl name="amp" value={amp} onChange={(v, k) => set({ amp: v }, k)} />}
      {kind === 'sine' && <SchemaControl name="freq" value={freq} onChange={(v, k) => set({ freq: v }, k)} />}
      {kind === 'sine' && <SchemaControl name="phase" value={phase} onChange={(v, k) => set({ phase: v }, k)} />}
      {kind === 'drive' && <SchemaControl name="drive" value={drive} onChange={(v, k) => set({ drive: v }, k)} />}
      <SchemaControl name="rsteps" value={rsteps} onChange={(v, k) => set({ rsteps: v }, k)} />
    </div>
  );
}

export default function ShiftPanel() {
  const base = useTrainEntry();
  const baseView = useRun(base?.runId ?? null, { hz: 2, name: 'shift-base' });
  const entries = useRunEntries('shift');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 4, name: 'shift-status' });
  const kind = useAppState((s) => s.shift);
  const amp = useAppState((s) => s.amp);
  const freq = useAppState((s) => s.freq);
  const phase = useAppState((s) => s.phase);
  const drive = useAppState((s) => s.drive);
  const task = useAppState((s) => s.task);
  const rsteps = useAppState((s) => s.rsteps);
  const delay = useAppState((s) => s.delay);
  const steps = taskShape(task, delay).steps;
  const outcome = shiftOutcome(baseView, entries, views, rsteps);
  return (
    <div data-testid="shift-section">
      <p className={common.lede}>
        A trained network meets inputs whose statistics have changed: louder, softer, pulsing, or pushed by a constant. Its
        accuracy drops. Can it recover by changing only how its neurons respond — n and s — while every weight stays
        frozen? Four answers train side by side from the same weights on the same data: do nothing, re-adapt only n and s,
        re-adapt only the biases (a control with about as many free numbers), re-train everything.
      </p>
      <div className={controls.trainTop}>
        <div className={controls.trainControlBox}>
          <ShiftButtons />
          <ShiftSettings />
          <p className={common.mutedText} data-testid="shift-what">
            Change: {describeShift(shiftOf({ shift: kind, amp, freq, phase, drive }, steps))}, on the Train section’s network ({base ? `${base.config.mode}, step ${baseView?.step ?? 0}` : 'not trained yet'}).
          </p>
        </div>
        <div className={controls.trainStatus}>
          {outcome ? (
            <p data-testid="shift-summary">{shiftSentence(outcome)}</p>
          ) : (
            <p className={common.mutedText}>{base ? 'Run the experiment to see what your network does.' : 'Train a network in the Train section first: the experiment starts from its latest weights.'}</p>
          )}
        </div>
      </div>
      <ShiftFigure />
    </div>
  );
}
