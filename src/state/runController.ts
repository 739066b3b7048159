/**
 * Every training run on the page, keyed by runId: what each was built from, where it shows (the
 * Train section's run, or a comparison's), its label and colour. It creates and disposes runs in
 * the worker (through the client) and files their messages in the run store. A run is never
 * changed into another: a reset or new settings make a new run id, so messages still in flight
 * for the old one cannot land in the new history. Framework-free; the worker client is injected
 * and created only when the first run is, to keep the first paint light.
 */
import type { TrainerClient } from '../engine/client';
import type { Checkpoint, RunConfig } from '../engine/protocol';
import type { RunStore } from './runStore';
import type { PresetId } from './schema';

export type RunGroup = 'train' | 'compare' | 'shift';

export interface RunEntry {
  runId: string;
  group: RunGroup;
  /** As built, with live settings (lr, speed) kept up to date (a new entry each time). */
  config: RunConfig;
  label: string;
  /** The run's colour as CSS (e.g. var(--run-homogeneous)): the same in every figure. */
  colour: string;
  preset?: PresetId;
  /** Which of a comparison's seeds for its preset (0-based). */
  replicate: number;
  /** Play stops at this step (comparisons); undefined: until paused. */
  until?: number;
  /** The caller's own key for the run (a shift experiment's strategy). */
  tag?: string;
}

export interface RunSpec {
  config: RunConfig;
  label: string;
  colour: string;
  preset?: PresetId;
  replicate?: number;
  until?: number;
  tag?: string;
  /** Weights and optimizer state to start from (a loaded run file, a shift experiment). */
  restore?: Checkpoint;
}

export type RunCommand = 'play' | 'pause' | 'step' | 'evaluate';

export interface RunController {
  /** All runs, in creation order; a new array after every change. */
  entries(): readonly RunEntry[];
  entry(runId: string): RunEntry | undefined;
  /** The runs of a group, in order: the same array until the group changes. */
  group(group: RunGroup): readonly RunEntry[];
  /** Disposes the group's runs and builds `specs` in their place; returns the new ids. */
  replace(group: RunGroup, specs: readonly RunSpec[]): string[];
  command(runId: string, cmd: RunCommand, count?: number): void;
  /** Sends lr / speed to a run, only when they differ from what it has. */
  setLive(runId: string, changes: Partial<Pick<RunConfig, 'lr' | 'speed'>>): void;
  /** Moves a run's last step; a playing run carries on to the new one. */
  setUntil(runId: string, until: number | undefined): void;
  /** The run's latest checkpoint (weights and optimizer state), as the worker last sent it. */
  checkpoint(runId: string): Checkpoint | undefined;
  /** The worker client, once a run has been built (diagnostics, tests). */
  client(): TrainerClient | null;
  version(): number;
  subscribe(fn: () => void): () => void;
}

export function createRunController(makeClient: () => TrainerClient, store: RunStore): RunController {
  let client: TrainerClient | null = null;
  let entries: readonly RunEntry[] = [];
  let counter = 0;
  let version = 0;
  const listeners = new Set<() => void>();
  const groups = new Map<RunGroup, { version: number; list: readonly RunEntry[] }>();
  /** One checkpoint per run, the newest: what a shift experiment or a run file starts from. */
  const checkpoints = new Map<string, Checkpoint>();

  const changed = () => {
    version++;
    for (const fn of [...listeners]) fn();
  };
  /** Entries are never mutated: a change makes a new entry (and a new list). */
  const update = (runId: string, patch: Partial<RunEntry>) => {
    entries = entries.map((x) => (x.runId === runId ? { ...x, ...patch } : x));
    changed();
  };
  const worker = (): TrainerClient => {
    if (!client) {
      client = makeClient();
      client.subscribe((msg) => {
        if (msg.type === 'checkpoint' && entries.some((e) => e.runId === msg.runId)) checkpoints.set(msg.runId, msg.checkpoint);
        store.ingest(msg);
      });
    }
    return client;
  };

  return {
    entries: () => entries,
    entry: (runId) => entries.find((e) => e.runId === runId),
    group: (group) => {
      const hit = groups.get(group);
      if (hit && hit.version === version) return hit.list;
      const list = entries.filter((e) => e.group === group);
      // Unchanged members keep the old array, so views subscribed to a group do not re-render.
      const same = hit && hit.list.length === list.length && hit.list.every((e, i) => e === list[i]);
      groups.set(group, { version, list: same ? hit.list : list });
      return same ? hit.list : list;
    },
    replace(group, specs) {
      const c = worker();
      for (const old of entries.filter((e) => e.group === group)) {
        c.send({ type: 'dispose', runId: old.runId });
        store.forget(old.runId);
        checkpoints.delete(old.runId);
      }
      // Runs compared side by side (a comparison, a shift experiment) advance in lockstep, each set apart.
      const lockstep = group === 'train' ? undefined : `${group}-${counter + 1}`;
      const made: RunEntry[] = specs.map((sp) => ({
        runId: `${group}-${++counter}`,
        group,
        config: { ...sp.config },
        label: sp.label,
        colour: sp.colour,
        preset: sp.preset,
        replicate: sp.replicate ?? 0,
        until: sp.until,
        tag: sp.tag,
      }));
      for (const [i, e] of made.entries()) {
        const restore = specs[i].restore;
        c.send({ type: 'configure', runId: e.runId, config: { ...e.config }, ...(restore ? { restore } : {}), ...(lockstep ? { lockstep } : {}) });
      }
      entries = [...entries.filter((e) => e.group !== group), ...made];
      changed();
      return made.map((e) => e.runId);
    },
    command(runId, cmd, count = 1) {
      const e = entries.find((x) => x.runId === runId);
      if (!e) return;
      const c = worker();
      if (cmd === 'step') c.send({ type: 'step', runId, count });
      else if (cmd === 'play') c.send(e.until === undefined ? { type: 'play', runId } : { type: 'play', runId, until: e.until });
      else c.send({ type: cmd, runId });
    },
    setLive(runId, changes) {
      const e = entries.find((x) => x.runId === runId);
      if (!e) return;
      const c = worker();
      const config = { ...e.config };
      if (changes.lr !== undefined && changes.lr !== config.lr) {
        config.lr = changes.lr;
        c.send({ type: 'setLr', runId, lr: changes.lr });
      }
      if (changes.speed !== undefined && changes.speed !== config.speed) {
        config.speed = changes.speed;
        c.send({ type: 'setSpeed', runId, speed: changes.speed });
      }
      if (config.lr !== e.config.lr || config.speed !== e.config.speed) update(runId, { config });
    },
    setUntil(runId, until) {
      const e = entries.find((x) => x.runId === runId);
      if (!e || e.until === until) return;
      update(runId, { until });
      // Play again with the new budget: the worker keeps a running run running, paused runs stay put.
      if (store.run(runId).status === 'running') worker().send(until === undefined ? { type: 'play', runId } : { type: 'play', runId, until });
    },
    checkpoint: (runId) => checkpoints.get(runId),
    client: () => client,
    version: () => version,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
