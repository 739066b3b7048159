/**
 * The Train section's run across page reloads, in node: IndexedDB from fake-indexeddb, the real
 * client, run controller and store around an in-process training host on the cpu backend. Each
 * "page" is a fresh controller, store and persistence over the same database.
 */
import 'fake-indexeddb/auto';
import { createStore, get, set } from 'idb-keyval';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTrainerClient } from '../../src/engine/client';
import { exportHistory } from '../../src/state/historyState';
import { createRunController, type RunController } from '../../src/state/runController';
import { createRunPersistence, type RunPersistence } from '../../src/state/runPersistence';
import { restoreRun } from '../../src/state/runRestore';
import { createRunStore, type RunStore } from '../../src/state/runStore';
import { inProcessWorker } from './inProcessWorker';
import { smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

const LOOK = { label: 'this run', colour: '--accent' };
let db = 0;

interface Page {
  runs: RunController;
  store: RunStore;
  saved: RunPersistence;
  /** Losses the page's store received, by step. */
  losses(runId: string): Map<number, number>;
}

const pages: Page[] = [];
let storage = createStore('test-0', 'runs');

/** A page load: everything fresh but the database. */
async function openPage(): Promise<Page> {
  const store = createRunStore((fn) => setTimeout(fn, 0));
  const losses = new Map<string, Map<number, number>>();
  const runs = createRunController(() => {
    const c = createTrainerClient({ createWorker: inProcessWorker, baseUrl: '' });
    c.subscribe((m) => {
      if (m.type !== 'snapshot') return;
      const l = losses.get(m.runId) ?? new Map<number, number>();
      m.snapshot.steps.forEach((s, i) => l.set(s, m.snapshot.losses[i]));
      losses.set(m.runId, l);
    });
    return c;
  }, store);
  const saved = createRunPersistence({ runs, store, storage, idle: (fn) => setTimeout(fn, 0), restore: (run) => restoreRun(runs, store, run, 'train', LOOK) });
  const page = { runs, store, saved, losses: (id: string) => losses.get(id) ?? new Map<number, number>() };
  pages.push(page);
  await saved.start();
  return page;
}

function trainId(p: Page): string | undefined {
  return p.runs.group('train')[0]?.runId;
}

afterEach(() => {
  for (const p of pages.splice(0)) {
    p.saved.stop();
    for (const e of p.runs.entries()) p.runs.client()?.send({ type: 'dispose', runId: e.runId });
    p.runs.client()?.terminate();
  }
  storage = createStore(`test-${++db}`, 'runs');
});

describe('saved runs', () => {
  it('a reload brings the run back paused at its step with its history, and it trains on exactly', async () => {
    const a = await openPage();
    expect(trainId(a)).toBeUndefined();
    const [id] = a.runs.replace('train', [{ config: smallConfig(), ...LOOK }]);
    a.runs.command(id, 'step', 30);
    await until(() => a.saved.saved()?.step === 30);
    await a.saved.flush();
    const before = a.store.run(id).view();
    // The original carries on 5 more steps, for comparison.
    a.runs.command(id, 'step', 5);
    await until(() => a.store.run(id).step === 35);
    await until(() => a.saved.saved()?.step === 35);
    await a.saved.flush();

    const b = await openPage();
    const rid = trainId(b) as string;
    expect(rid).toBeDefined();
    expect(b.saved.saved()?.step).toBe(35);
    await until(() => b.store.run(rid).backend !== null);
    const v = b.store.run(rid).view();
    expect(v.status).toBe('paused');
    expect(v.step).toBe(35);
    expect(v.loss.length).toBe(35);
    expect(Array.from(v.loss.y.subarray(0, 30))).toEqual(Array.from(before.loss.y));
    expect(b.runs.entry(rid)?.config).toEqual(smallConfig());

    // Both go on 5 steps: the same losses, bit for bit.
    a.runs.command(id, 'step', 5);
    b.runs.command(rid, 'step', 5);
    await until(() => a.store.run(id).step === 40 && b.store.run(rid).step === 40);
    const next = (p: Page, runId: string) => [...p.losses(runId)].filter(([s]) => s >= 35).sort((x, y) => x[0] - y[0]);
    expect(next(b, rid)).toHaveLength(5);
    expect(next(b, rid)).toEqual(next(a, id));
  });

  it('clearing forgets the saved run: the next page starts empty', async () => {
    const a = await openPage();
    const [id] = a.runs.replace('train', [{ config: smallConfig(), ...LOOK }]);
    a.runs.command(id, 'step', 12);
    await until(() => a.saved.saved()?.step === 12);
    await a.saved.flush();
    expect(await get('train', storage)).toBeDefined();

    await a.saved.clearSavedRuns();
    expect(a.saved.saved()).toBeNull();
    expect(await get('train', storage)).toBeUndefined();
    // The run on the page stays, but is not saved again.
    a.runs.command(id, 'step', 3);
    await until(() => a.store.run(id).step === 15 && a.runs.client()?.checkpoint(id)?.step === 15);
    await new Promise((ok) => setTimeout(ok, 100));
    await a.saved.flush();
    expect(await get('train', storage)).toBeUndefined();

    const b = await openPage();
    expect(trainId(b)).toBeUndefined();
    expect(b.saved.saved()).toBeNull();
  });

  it('a new run that has not trained yet drops the copy; a training run is saved as it trains', async () => {
    const a = await openPage();
    const [id] = a.runs.replace('train', [{ config: smallConfig(), ...LOOK }]);
    a.runs.command(id, 'step', 8);
    await until(() => a.saved.saved()?.step === 8);
    await a.saved.flush();
    const [fresh] = a.runs.replace('train', [{ config: smallConfig({ seed: 9 }), ...LOOK }]);
    await a.saved.flush();
    expect(a.saved.saved()).toBeNull();
    expect(await get('train', storage)).toBeUndefined();

    // Training: a checkpoint every 3 s reaches the copy, with the history as it stood then.
    a.runs.command(fresh, 'play');
    await until(() => (a.saved.saved()?.step ?? 0) > 0, 30_000);
    a.runs.command(fresh, 'pause');
    // Once the run has stopped (its last checkpoint at its last step), the copy is the run exactly there.
    const stopped = () => a.store.run(fresh).status === 'paused' && a.runs.client()?.checkpoint(fresh)?.step === a.store.run(fresh).step;
    await until(() => stopped());
    const end = a.store.run(fresh).step;
    // The stored history reaches that step (one written while training may stop a few steps short).
    for (const t0 = Date.now(); ((await get('train', storage)) as { history?: { step: number } } | undefined)?.history?.step !== end; ) {
      if (Date.now() - t0 > 20_000) throw new Error('the stopped run was not saved');
      await new Promise((ok) => setTimeout(ok, 20));
    }
    expect(a.saved.saved()?.step).toBe(end);
    const b = await openPage();
    const rid = trainId(b) as string;
    expect(b.store.run(rid).step).toBe(a.store.run(fresh).step);
    expect(exportHistory(b.store.run(rid)).series.loss).toEqual(exportHistory(a.store.run(fresh)).series.loss);
  });

  it('a saved copy this page cannot read is reported, not restored', async () => {
    await set('train', { format: 'adaptive-activation-run', version: 99 }, storage);
    const b = await openPage();
    expect(trainId(b)).toBeUndefined();
    expect(b.saved.problem()).toBe('the run saved in this browser could not be restored: the file’s version 99 is newer than this page reads (1); open it with a newer copy of the page');
    await b.saved.clearSavedRuns();
    expect(b.saved.problem()).toBeNull();
    expect(await get('train', storage)).toBeUndefined();
  });
});
