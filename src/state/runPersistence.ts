/**
 * The Train section's run survives a page reload: a copy in IndexedDB (idb-keyval) in the run
 * file's format, its arrays stored as typed arrays. It is written when the run stops (pause, a
 * finished step) and, while it trains, at most every AUTOSAVE_MS, each time from one checkpoint
 * with the history as it stood when that arrived. Writes wait for idle time and run one at a
 * time, so the page never stalls on them. On load the saved run comes back paused at its step
 * with its history. A new run that has not trained yet (a reset) drops the copy; clearing drops
 * it and stops saving the run on the page. Framework-free: panels/train/runFiles.ts wires it in.
 */
import { clear, createStore, get, set, type UseStore } from 'idb-keyval';
import type { WorkerMessage } from '../engine/protocol';
import { exportHistory } from './historyState';
import { settledCapture, settledCheckpoint, type RunCapture } from './runCapture';
import type { RunController } from './runController';
import { parseRunObject, serializeRun, type LoadedRun } from './runFile';
import type { RunStore } from './runStore';

/** Least time between two writes while the run trains. */
export const AUTOSAVE_MS = 5000;
/** Longer than the worker's least gap between snapshots (100 ms). */
const SNAPSHOT_WAIT_MS = 250;
const KEY = 'train';

export interface SavedSummary {
  /** The step the saved run stands at (page axis). */
  step: number;
  savedAt: string;
}

export interface PersistenceDeps {
  runs: RunController;
  store: RunStore;
  /** Builds a restored run as the Train section's run; returns its id. */
  restore(run: LoadedRun): string;
  storage?: UseStore;
  /** Runs `fn` when the page is idle (default: requestIdleCallback, else a timeout). */
  idle?: (fn: () => void) => void;
  now?: () => number;
}

export interface RunPersistence {
  /** What this browser holds (null: nothing). */
  saved(): SavedSummary | null;
  /** Why a saved run could not be restored (null when it could, or there is none). */
  problem(): string | null;
  /** Whether this browser's storage has been read (until then, what is saved is not known). */
  ready(): boolean;
  /** Reads the saved run and restores it when the page has no Train run yet. */
  start(): Promise<void>;
  /** Forgets every saved run; the run on the page stays but is no longer saved. */
  clearSavedRuns(): Promise<void>;
  /** Writes what waits for its turn now; resolves when every write has landed. */
  flush(): Promise<void>;
  subscribe(fn: () => void): () => void;
  stop(): void;
}

const whenIdle = (fn: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 1000 });
  else setTimeout(fn, 0);
};

export function createRunPersistence(deps: PersistenceDeps): RunPersistence {
  const { runs, store } = deps;
  const idle = deps.idle ?? whenIdle;
  const now = deps.now ?? (() => Date.now());
  let storage: UseStore | undefined = deps.storage;
  const db = () => (storage ??= createStore('adaptive-activation-explorable', 'runs'));
  const listeners = new Set<() => void>();
  let summary: SavedSummary | null = null;
  let problem: string | null = null;
  /** One IndexedDB operation at a time, in order. */
  let chain: Promise<void> = Promise.resolve();
  let pending: RunCapture | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  /** The run whose copy is saved, the run the reader cleared, the Train run last seen. */
  let savedRunId: string | undefined;
  let clearedRunId: string | undefined;
  let seenRunId: string | undefined;
  let restoring = false;
  let ready = false;
  /** The last capture offered; `settled`: taken with the run stopped at its checkpoint's step. */
  let lastCaptured = { runId: '', step: -1, settled: false };
  const unsubscribe: (() => void)[] = [];

  const notify = () => {
    for (const fn of [...listeners]) fn();
  };
  const enqueue = (op: () => Promise<void>) => {
    chain = chain.then(op).catch((e: unknown) => {
      // Storage may be full or unavailable (private windows): the page works on without it.
      problem = `saving in this browser failed: ${e instanceof Error ? e.message : String(e)}`;
      notify();
    });
  };
  const trainId = () => runs.group('train')[0]?.runId;

  const write = () => {
    timer = undefined;
    const c = pending;
    pending = null;
    if (!c) return;
    // Still the Train run, and not cleared (checked again after each wait).
    const current = () => c.entry.runId !== clearedRunId && c.entry.runId === trainId();
    if (!current()) return;
    lastWrite = now();
    enqueue(async () => {
      await new Promise<void>((ok) => idle(ok));
      if (!current()) return;
      const savedAt = new Date();
      // Arrays go in as they are: IndexedDB copies them in one go, no base64 on the main thread.
      const value = serializeRun(c.entry, c.history, c.checkpoint, { binary: true, savedAt });
      // IndexedDB's copy in an idle period of its own: with the serializing, one task took 54 ms.
      await new Promise<void>((ok) => idle(ok));
      if (!current()) return;
      await set(KEY, value, db());
      savedRunId = c.entry.runId;
      summary = { step: c.checkpoint.step + c.history.stepOffset, savedAt: savedAt.toISOString() };
      problem = null;
      notify();
    });
  };

  /** Keeps the newest capture; writes it now when the run has stopped, else when AUTOSAVE_MS have passed. */
  const offer = (c: RunCapture, settled: boolean) => {
    lastCaptured = { runId: c.entry.runId, step: c.checkpoint.step, settled };
    pending = c;
    if (timer !== undefined) clearTimeout(timer);
    // A training run's capture waits for the next snapshot at least (it may make it exact).
    const wait = settled ? 0 : Math.max(SNAPSHOT_WAIT_MS, lastWrite + AUTOSAVE_MS - now());
    timer = setTimeout(write, wait);
  };

  /**
   * While training: a checkpoint with the history as it stands when the checkpoint arrives, a few
   * steps behind it; replaced by an exact capture when the next snapshot ends right at its step.
   */
  const onMessage = (msg: WorkerMessage) => {
    if (msg.runId !== trainId() || msg.runId === clearedRunId) return;
    const entry = runs.entry(msg.runId);
    const h = store.run(msg.runId);
    if (!entry || h.status !== 'running') return;
    if (msg.type === 'checkpoint') offer({ entry, history: exportHistory(h), checkpoint: msg.checkpoint }, false);
    else if (msg.type === 'snapshot' && pending?.entry.runId === msg.runId && msg.snapshot.step === pending.checkpoint.step && h.step === pending.checkpoint.step + h.stepOffset) {
      pending = { ...pending, history: exportHistory(h) };
    }
  };

  /** A stopped run at its checkpoint's step: saved as it stands. */
  const onStore = () => {
    const id = trainId();
    if (!id || id === clearedRunId) return;
    const ck = settledCheckpoint(runs, store, id);
    // A capture taken while training at this same step may lack its last steps: take it again.
    if (!ck || (lastCaptured.runId === id && lastCaptured.step === ck.step && lastCaptured.settled)) return;
    const c = settledCapture(runs, store, id);
    if (c) offer(c, true);
  };

  let client: ReturnType<RunController['client']> = null;
  const onRuns = () => {
    const c = runs.client();
    if (c && c !== client) {
      client = c;
      unsubscribe.push(c.subscribe(onMessage));
    }
    const id = trainId();
    if (id === seenRunId) return;
    seenRunId = id;
    // A new run replaced the saved one (reset, new settings): the copy no longer shows the page's run.
    if (!restoring && id && savedRunId && id !== savedRunId) {
      savedRunId = undefined;
      summary = null;
      enqueue(() => clear(db()));
      notify();
    }
  };

  /** Restores the saved run, if there is one this page can read and the page has no Train run yet. */
  const read = async (): Promise<void> => {
    let data: unknown;
    try {
      data = await get(KEY, db());
    } catch (e) {
      problem = `this browser’s storage could not be read: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (data === undefined) return;
    const r = parseRunObject(data);
    if (!r.ok) {
      problem = `the run saved in this browser could not be restored: ${r.error}`;
      return;
    }
    summary = { step: r.run.checkpoint.step + r.run.history.stepOffset, savedAt: r.run.savedAt };
    // The reader started training before storage answered: that run stays (and replaces the copy).
    if (trainId()) return;
    restoring = true;
    try {
      savedRunId = deps.restore(r.run);
      lastCaptured = { runId: savedRunId, step: r.run.checkpoint.step, settled: true };
    } finally {
      restoring = false;
    }
    onRuns();
  };

  return {
    saved: () => summary,
    problem: () => problem,
    ready: () => ready,
    async start() {
      unsubscribe.push(runs.subscribe(onRuns), store.subscribe(onStore));
      try {
        await read();
      } finally {
        ready = true;
        notify();
      }
    },
    async clearSavedRuns() {
      clearedRunId = trainId();
      pending = null;
      if (timer !== undefined) clearTimeout(timer);
      savedRunId = undefined;
      summary = null;
      problem = null;
      enqueue(() => clear(db()));
      notify();
      await chain;
    },
    async flush() {
      if (timer !== undefined) {
        clearTimeout(timer);
        write();
      }
      // Waits for writes enqueued while waiting, too.
      for (let c = chain; ; c = chain) {
        await c;
        if (c === chain) return;
      }
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      for (const off of unsubscribe.splice(0)) off();
    },
  };
}
