/**
 * The run settings derived from the schema's declarations, and the one subscription that carries
 * live settings to the runs: controls, back/forward and pasted links alike.
 */
import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../src/engine/protocol';
import { LIVE_KEYS, RESET_KEYS, liveChanges, pendingKeys, runConfig, stateFromConfig } from '../../src/state/runConfig';
import { createRunController } from '../../src/state/runController';
import { createRunStore } from '../../src/state/runStore';
import { defaultState } from '../../src/state/schema';
import { syncSettings } from '../../src/state/settingsSync';
import { createStore, type HashEnv } from '../../src/state/store';
import { WorkerFactory } from './fakeWorker';
import { createTrainerClient } from '../../src/engine/client';

/** Every RunConfig key, once: a new run setting must be declared in the schema. */
const CONFIG_KEYS: (keyof RunConfig)[] = ['task', 'mode', 'hidden', 'batch', 'lr', 'clip', 'seed', 'n0', 's0', 'constrain', 'init', 'actLr', 'logGain', 'delay', 'backend', 'speed'];

function fakeHash(): HashEnv & { go(hash: string): void } {
  let hash = '';
  const fns = new Set<() => void>();
  return {
    getHash: () => hash,
    replaceHash: (h) => (hash = h),
    pushHash: (h) => (hash = h),
    onNavigate: (fn) => {
      fns.add(fn);
      return () => fns.delete(fn);
    },
    now: () => 0,
    setTimer: () => 0,
    clearTimer: () => undefined,
    go(h) {
      hash = h;
      for (const fn of fns) fn();
    },
  };
}

describe('run settings from the schema', () => {
  it('cover every RunConfig key exactly once; lr and speed are live, the rest need a new run', () => {
    expect([...LIVE_KEYS, ...RESET_KEYS].sort()).toEqual([...CONFIG_KEYS].sort());
    expect([...LIVE_KEYS].sort()).toEqual(['lr', 'speed']);
    const cfg = runConfig({ ...defaultState(), n: 7, s: 0.25, lr: 0.01 });
    expect(cfg).toMatchObject({ n0: 7, s0: 0.25, lr: 0.01, task: 'rows', init: 'explorable' });
    expect(Object.keys(cfg).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(stateFromConfig(cfg)).toMatchObject({ n: 7, s: 0.25, lr: 0.01 });
  });

  it('say what differs: reset keys pending, live keys to send', () => {
    const a = runConfig(defaultState());
    const b = { ...a, hidden: 32, lr: 0.1 };
    expect(pendingKeys(a, b)).toEqual(['hidden']);
    expect(liveChanges(a, b)).toEqual({ lr: 0.1 });
    expect(pendingKeys(null, b)).toEqual([]);
  });
});

describe('one subscription from the page to the runs', () => {
  it('sends a live change (a control, back/forward, a pasted link) to the running run, once, and never a reset change', () => {
    const env = fakeHash();
    const page = createStore(env);
    const factory = new WorkerFactory();
    const runs = createRunController(() => createTrainerClient({ createWorker: factory.create, baseUrl: 'x' }), createRunStore(() => undefined));
    syncSettings(page, runs);
    const [id] = runs.replace('train', [{ config: runConfig(page.get()), label: 'run', colour: '--accent' }]);
    const sent = () => factory.live.commands().filter((c) => c.type === 'setLr' || c.type === 'setSpeed');

    page.set({ lr: 0.01 });
    expect(sent()).toEqual([{ type: 'setLr', runId: id, lr: 0.01 }]);
    page.set({ lr: 0.01 }, 'commit');
    expect(sent().length).toBe(1);
    page.set({ hidden: 8 });
    expect(sent().length).toBe(1);
    // Back to a link with another rate, then a pasted link with another speed.
    env.go('#lr=0.002');
    env.go('#lr=0.002&speed=50');
    expect(sent()).toEqual([
      { type: 'setLr', runId: id, lr: 0.01 },
      { type: 'setLr', runId: id, lr: 0.002 },
      { type: 'setSpeed', runId: id, speed: 50 },
    ]);
    expect(runs.entry(id)?.config).toMatchObject({ lr: 0.002, speed: 50, hidden: 64 });
  });
});
