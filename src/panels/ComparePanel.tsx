/**
 * Section "Compare": the paper's central comparison, on the reader's machine. Two to four
 * activations train side by side on the same task, seed, data order and initial weights, in
 * lockstep, each for the same number of steps; one chart and one pad show them in their own
 * colours, and a table compares them at any step. The whole comparison lives in the URL.
 */
import { useMemo } from 'react';
import { useAppState } from '../app/useAppState';
import { SchemaControl } from './train/SchemaControl';
import { appStore } from '../state/store';
import { SCHEMA } from '../state/schema';
import { useRunEntries, useRuns } from './useRun';
import { CompareButtons } from './compare/CompareButtons';
import { CompareFigure, ComparePad } from './compare/CompareFigure';
import { CompareRuns } from './compare/CompareRuns';
import { CompareSummary } from './compare/CompareSummary';
import { PresetPicker } from './compare/PresetPicker';
import { CompareFinding } from './narrative/CompareFinding';
import common from '../app/common.module.css';
import controls from './controls/controls.module.css';
import styles from './compare/comparePanel.module.css';

function CompareSettings() {
  const cseeds = useAppState((s) => s.cseeds);
  const csteps = useAppState((s) => s.csteps);
  const task = useAppState((s) => SCHEMA.task.labels[s.task]);
  const hidden = useAppState((s) => s.hidden);
  const batch = useAppState((s) => s.batch);
  const lr = useAppState((s) => s.lr);
  const seed = useAppState((s) => s.seed);
  return (
    <div>
      <PresetPicker />
      <div className={controls.trainSettings}>
        <SchemaControl name="cseeds" value={cseeds} onChange={(v, kind) => appStore().set({ cseeds: v }, kind)} />
        <SchemaControl name="csteps" value={csteps} onChange={(v, kind) => appStore().set({ csteps: v }, kind)} />
      </div>
      <p className={common.mutedText} data-testid="compare-shared">
        Shared by every run: {task}, N = {hidden}, batch {batch}, learning rate {lr}, seed {seed}
        {cseeds > 1 ? `–${seed + cseeds - 1}` : ''}. Change them in the Train section; learned runs start from the family section’s n and s.
      </p>
    </div>
  );
}

export default function ComparePanel() {
  const entries = useRunEntries('compare');
  const ids = useMemo(() => entries.map((e) => e.runId), [entries]);
  const views = useRuns(ids, { hz: 4, name: 'compare-status' });
  return (
    <div data-testid="compare-section">
      <p className={common.lede}>
        Does learning the activation help? Train a fixed activation, a shared learned one and a per-neuron one side by side:
        same task, same seed, same data order, same initial weights wherever the shapes match. The runs take turns on your
        machine, step for step, and all stop at the same step.
      </p>
      <div className={controls.trainTop}>
        <div className={controls.trainControlBox}>
          <CompareButtons />
          <CompareSettings />
        </div>
        <div className={controls.trainStatus}>
          <CompareRuns entries={entries} views={views} />
        </div>
      </div>
      <div className={styles.compareFigures}>
        <CompareFigure controls={false} />
        <ComparePad />
      </div>
      <CompareSummary entries={entries} views={views} />
      <CompareFinding />
    </div>
  );
}
