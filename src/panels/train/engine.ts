/**
 * The page's one training engine: the worker client, wired into the run store, and the id of the
 * current run. A reset or a new configuration starts a new run id, so messages still in flight
 * for the old run cannot land in the new history. The worker is only started when the reader
 * first trains, to keep the first paint light.
 */
import { createTrainerClient, type TrainerClient } from '../../engine/client';
import type { RunConfig } from '../../engine/protocol';
import type { AppState } from '../../state/schema';
import { runStore } from '../../state/runStore';

/** The settings that define a run (lr and speed can change during one). */
export function runConfig(st: AppState): RunConfig {
  return {
    task: st.task,
    mode: st.mode,
    hidden: st.hidden,
    batch: st.batch,
    lr: st.lr,
    clip: st.clip,
    seed: st.seed,
    n0: st.n,
    s0: st.s,
    constrain: st.constrain,
    delay: st.delay,
    backend: st.backend,
    speed: st.speed,
  };
}

/** Keys whose change needs a new run; lr and speed are sent to the running one. */
export const RESTART_KEYS = ['task', 'mode', 'hidden', 'batch', 'clip', 'seed', 'n0', 's0', 'constrain', 'delay', 'backend'] as const;

export function changedKeys(a: RunConfig | null, b: RunConfig): (typeof RESTART_KEYS)[number][] {
  if (!a) return [];
  return RESTART_KEYS.filter((k) => a[k] !== b[k]);
}

interface EngineState {
  client: TrainerClient | null;
  runId: string;
  config: RunConfig | null;
}

const state: EngineState = { client: null, runId: 'run-0', config: null };
let counter = 0;
const listeners = new Set<() => void>();
let version = 0;

function changed() {
  version++;
  for (const fn of [...listeners]) fn();
}

export function engineVersion(): number {
  return version;
}

export function subscribeEngine(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function currentRunId(): string {
  return state.runId;
}

/** The configuration the current run was built with (null: none yet). */
export function currentConfig(): RunConfig | null {
  return state.config;
}

export function engineStarted(): boolean {
  return state.client !== null;
}

function client(): TrainerClient {
  if (!state.client) {
    const c = createTrainerClient();
    c.subscribe((msg) => runStore().ingest(msg));
    state.client = c;
  }
  return state.client;
}

/** Builds a fresh run with `config` (dropping the previous one) and returns its id. */
export function startRun(config: RunConfig): string {
  const c = client();
  const old = state.config ? state.runId : null;
  if (old) {
    c.send({ type: 'dispose', runId: old });
    runStore().forget(old);
  }
  counter++;
  state.runId = `run-${counter}`;
  state.config = { ...config };
  c.send({ type: 'configure', runId: state.runId, config: { ...config } });
  changed();
  return state.runId;
}

/** Ensures a run exists (built from `config` if none), then sends `cmd` to it. */
export function command(config: RunConfig, cmd: 'play' | 'pause' | 'step' | 'evaluate', count = 1): void {
  if (!state.config) startRun(config);
  const runId = state.runId;
  const c = client();
  if (cmd === 'step') c.send({ type: 'step', runId, count });
  else c.send({ type: cmd, runId });
}

export function setLr(lr: number): void {
  if (!state.config || state.config.lr === lr) return;
  state.config.lr = lr;
  client().send({ type: 'setLr', runId: state.runId, lr });
}

export function setSpeed(speed: number): void {
  if (!state.config || state.config.speed === speed) return;
  state.config.speed = speed;
  client().send({ type: 'setSpeed', runId: state.runId, speed });
}
