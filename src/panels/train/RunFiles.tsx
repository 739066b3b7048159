/**
 * Run files in the Train section's control box: save the run as a file, load one (file picker, or
 * a file dropped anywhere on the Train section), the message when a file cannot be loaded, and
 * what this browser keeps of the run across reloads, with a way to clear it.
 */
import { memo, useCallback, useEffect, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import { savable } from '../../state/runCapture';
import type { RunView } from '../../state/runTypes';
import { useRunValue } from '../useRun';
import { loadRunText, pagePersistence, saveTrainRun } from './runFiles';
import { useTrainEntry } from './trainRun';
import common from '../../app/common.module.css';
import controls from '../controls/controls.module.css';
import styles from './runFiles.module.css';
import { formatCount } from '../../core/formatCount';

/** Larger than any run file the page writes (a 256-neuron psMNIST-28 run is a few MB). */
const MAX_BYTES = 64 * 1024 * 1024;

const stepOf = (v: RunView | null) => v?.step ?? 0;
const saveState = (v: RunView | null) => (v && v.step > 0 && savable(v.status) ? 'ready' : v && !savable(v.status) ? 'stopped' : 'empty');

/** What the last save or load came to; a 'loaded' note shows while its run stands where it was loaded. */
type Outcome = { kind: 'loadError' | 'saveError'; text: string } | { kind: 'loaded'; text: string; runId: string; step: number } | null;

async function readAndLoad(file: File): Promise<Outcome> {
  if (file.size > MAX_BYTES) return { kind: 'loadError', text: `Could not load “${file.name}”: at ${(file.size / 1e6).toFixed(0)} MB it is too large to be a run file.` };
  const r = loadRunText(await file.text());
  if (!r.ok) return { kind: 'loadError', text: `Could not load “${file.name}”: ${r.error}.` };
  return { kind: 'loaded', text: `Loaded “${file.name}”: the run stands at step ${formatCount(r.step)}. Press play to train on.`, runId: r.runId, step: r.step };
}

/** Files dropped anywhere on the Train section load as a run; the section shows it will take them. */
function useDropTarget(anchor: RefObject<HTMLElement | null>, onFile: (f: File) => void): void {
  useEffect(() => {
    const zone = anchor.current?.closest<HTMLElement>('[data-testid=train-panel]');
    if (!zone) return;
    const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      zone.classList.add(styles.runDropActive);
    };
    const leave = (e: DragEvent) => {
      if (!zone.contains(e.relatedTarget as Node | null)) zone.classList.remove(styles.runDropActive);
    };
    const drop = (e: DragEvent) => {
      zone.classList.remove(styles.runDropActive);
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      onFile(file);
    };
    zone.addEventListener('dragover', over);
    zone.addEventListener('dragleave', leave);
    zone.addEventListener('drop', drop);
    return () => {
      zone.removeEventListener('dragover', over);
      zone.removeEventListener('dragleave', leave);
      zone.removeEventListener('drop', drop);
    };
  }, [anchor, onFile]);
}

/**
 * Re-renders when the saved copy changes, as an ordinary update: a store subscription would render
 * synchronously inside the IndexedDB callback, beside the training figures' own frames.
 */
function usePersistence() {
  const p = pagePersistence();
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((n) => n + 1);
    const off = p.subscribe(bump);
    // Catches up with a change between the first render and this subscription.
    bump();
    return off;
  }, [p]);
  return p;
}

/** Re-renders when what is saved changes, not with every update of the run's buttons above it. */
const SavedLine = memo(function SavedLine() {
  const p = usePersistence();
  const saved = p.saved();
  const problem = p.problem();
  const ready = p.ready();
  const clear = () => void p.clearSavedRuns();
  // Until storage has answered, nothing is known about what it holds.
  if (!ready) return null;
  if (!saved && !problem) {
    return (
      <p className={`${styles.runSaved} ${common.mutedText}`} data-testid="run-saved">
        Nothing saved in this browser yet: a run is kept here as it trains.
      </p>
    );
  }
  return (
    <p className={styles.runSaved} data-testid="run-saved">
      {problem ? <span className={styles.runSavedProblem}>{problem}.</span> : <span>Saved in this browser: run at step {saved ? formatCount(saved.step) : ''}.</span>}{' '}
      <button type="button" className={common.linkButton} onClick={clear} data-testid="run-clear-saved">
        Clear saved runs
      </button>
    </p>
  );
});

export function RunFiles() {
  const entry = useTrainEntry();
  const state = useRunValue(entry?.runId ?? null, saveState, { name: 'run-files' });
  // Only for the 'loaded' note: a slow clock is enough.
  const step = useRunValue(entry?.runId ?? null, stepOf, { hz: 2, name: 'run-files' });
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const anchor = useRef<HTMLDivElement>(null);

  const load = useCallback((file: File) => {
    void readAndLoad(file).then(setOutcome);
  }, []);
  useDropTarget(anchor, load);

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so that choosing the same file again loads it again.
    e.target.value = '';
    if (file) load(file);
  };
  const save = () => {
    setSaving(true);
    setOutcome(null);
    saveTrainRun()
      .catch((err: unknown) => setOutcome({ kind: 'saveError', text: `Could not save the run: ${err instanceof Error ? err.message : String(err)}.` }))
      .finally(() => setSaving(false));
  };
  const saveTitle = state === 'stopped' ? 'A diverged or stopped run cannot be saved: lower the learning rate and resume, or reset.' : state === 'empty' ? 'Train a few steps first.' : 'Download this run (settings, weights, optimizer state and history) as a JSON file.';

  return (
    <div className={styles.runFiles} ref={anchor}>
      <div className={`${controls.trainButtons} ${styles.buttons}`} role="group" aria-label="run files">
        <button type="button" onClick={save} disabled={state !== 'ready' || saving} title={saveTitle} data-testid="run-save">
          {saving ? 'Saving…' : '⤓ Save run'}
        </button>
        <label className={styles.runLoad} title="Open a run file saved by this page (or drop it on this section).">
          <input type="file" accept=".json,application/json" onChange={onPick} data-testid="run-load-input" />
          <span aria-hidden="true">⤒</span>Load run…
        </label>
      </div>
      {outcome && outcome.kind !== 'loaded' && (
        <div className={`${controls.notice} ${controls.warn} ${styles.runFilesError}`}>
          <p role="alert" data-testid={outcome.kind === 'loadError' ? 'run-load-error' : 'run-save-error'}>
            {outcome.text}
            {outcome.kind === 'loadError' && ' The run on the page is unchanged.'}
          </p>
          <button type="button" className={common.linkButton} onClick={() => setOutcome(null)}>
            Dismiss
          </button>
        </div>
      )}
      {outcome?.kind === 'loaded' && outcome.runId === entry?.runId && outcome.step === step && (
        <p className={styles.runLoaded} role="status" data-testid="run-load-note">
          {outcome.text}
        </p>
      )}
      <SavedLine />
    </div>
  );
}
