import { describe, expect, it } from 'vitest';
import { createRunStore, LIMITS, type FrameScheduler } from '../../src/state/runStore';
import { ANALYSIS_RETENTION } from '../../src/state/analyses';
import type { ProbePortrait, Snapshot, WorkerMessage } from '../../src/engine/protocol';
import type { TaskInfo } from '../../src/core/taskTypes';

/** An MNIST task whose class prior is not uniform: its chance loss is not ln 10. */
const TASK: TaskInfo = { id: 'rows', title: 'rows', inputs: 28, steps: 28, classes: 10, readout: 'last', chanceLoss: 2.3011, chanceAcc: 0.1135 };

/** A scheduler the test drives by hand: callbacks run on flush(). */
function manualFrames(): { schedule: FrameScheduler; flush: () => void; pending: () => number } {
  let queue: (() => void)[] = [];
  return {
    schedule: (fn) => queue.push(fn),
    flush: () => {
      const q = queue;
      queue = [];
      q.forEach((f) => f());
    },
    pending: () => queue.length,
  };
}

function portrait(step: number): ProbePortrait {
  return {
    probes: 2,
    steps: 3,
    dims: 3,
    proj: Float32Array.from({ length: 18 }, (_, i) => i + step),
    labels: Int32Array.from([0, 1]),
    explained: Float32Array.from([0.6, 0.3, 0.1]),
  };
}

/** A snapshot covering worker steps from+1 … to, loss decaying with a spike at `spikeAt`. */
function snap(runId: string, from: number, to: number, opts: { hidden?: number; spikeAt?: number; test?: boolean; portrait?: boolean } = {}): WorkerMessage {
  const k = to - from;
  const steps = Int32Array.from({ length: k }, (_, i) => from + 1 + i);
  const losses = Float32Array.from(steps, (s) => (s === opts.spikeAt ? 99 : 2 * Math.exp(-s / 30000) + 0.01 * Math.sin(s)));
  const accs = Float32Array.from(steps, (s) => 1 - Math.exp(-s / 30000));
  const h = opts.hidden ?? 1;
  const snapshot: Snapshot = {
    runId,
    step: to,
    steps,
    losses,
    accs,
    tests: opts.test ? [{ step: to, loss: losses[k - 1], acc: accs[k - 1] }] : [],
    n: Float32Array.from({ length: h }, (_, i) => 1 + to / 1e5 + i * 0.01),
    s: Float32Array.from({ length: h }, () => 0.1),
    stepsPerSec: 500,
    backend: 'wasm',
    tensors: 42,
    lr: 0.003,
    analyses: opts.portrait ? { portrait: { step: to, value: portrait(to) } } : {},
  };
  return { type: 'snapshot', runId, snapshot };
}

describe('run store', () => {
  it('stays bounded through 100,000 steps and keeps first, last and the spike', () => {
    const f = manualFrames();
    const store = createRunStore(f.schedule);
    for (let s = 0; s < 100_000; s += 50) store.ingest(snap('a', s, s + 50, { hidden: 64, spikeAt: 45_678, test: s % 500 === 0, portrait: s % 1000 === 0 }));
    const r = store.run('a');
    const p = r.loss.points();
    expect(p.length).toBeLessThanOrEqual(LIMITS.seriesPoints);
    expect(r.lossSmooth.points().length).toBeLessThanOrEqual(LIMITS.seriesPoints);
    expect(r.acc.points().length).toBeLessThanOrEqual(LIMITS.seriesPoints);
    expect(p.x[0]).toBe(1);
    expect(p.x[p.length - 1]).toBe(100_000);
    expect(Array.from(p.x)).toContain(45_678);
    expect(Math.max(...p.y)).toBe(99);
    // The smoothed curve does not jump to the spike.
    expect(Math.max(...r.lossSmooth.points().y.subarray(100))).toBeLessThan(10);
    expect(r.tests.size).toBeLessThanOrEqual(LIMITS.tests + 1);
    expect(r.frames.size).toBeLessThanOrEqual(LIMITS.frames + 1);
    expect(r.trail.size).toBeLessThanOrEqual(LIMITS.trail + 1);
    expect(r.analyses.portrait.size).toBeLessThanOrEqual(ANALYSIS_RETENTION.portrait + 1);
    expect(r.perNeuron).toBe(true);
    expect(r.current?.n.length).toBe(64);
    expect(r.initial?.n[0]).toBeCloseTo(1 + 50 / 1e5, 6);
    expect(r.step).toBe(100_000);
    // 2,000 snapshots within one frame: one notification.
    let heard = 0;
    store.subscribe(() => heard++);
    f.flush();
    expect(heard).toBe(1);
  });

  it('keeps a bounded (n, s) trajectory for shared parameters', () => {
    const store = createRunStore(manualFrames().schedule);
    for (let s = 0; s < 100_000; s += 10) store.ingest(snap('h', s, s + 10));
    const r = store.run('h');
    expect(r.perNeuron).toBe(false);
    const t = r.trajectory.all();
    expect(t.length).toBeLessThanOrEqual(LIMITS.trajectory + 1);
    expect(t[0].step).toBe(10);
    expect(t[t.length - 1].value.n).toBeCloseTo(2, 5);
  });

  it('notifies at most once per frame and again after the next change', () => {
    const f = manualFrames();
    const store = createRunStore(f.schedule);
    let heard = 0;
    const off = store.subscribe(() => heard++);
    store.ingest(snap('x', 0, 5));
    store.ingest(snap('x', 5, 10));
    expect(f.pending()).toBe(1);
    f.flush();
    expect(heard).toBe(1);
    store.ingest(snap('x', 10, 15));
    f.flush();
    expect(heard).toBe(2);
    off();
    store.ingest(snap('x', 15, 20));
    f.flush();
    expect(heard).toBe(2);
  });

  it('follows status transitions, backend reports, fallbacks, errors and checkpoints', () => {
    const store = createRunStore(manualFrames().schedule);
    const r = store.run('s');
    expect(r.status).toBe('idle');
    store.ingest({ type: 'ready', runId: 's', tensors: 12, backend: { active: 'webgpu', reasons: [{ backend: 'webgpu', outcome: 'chosen', detail: 'passed' }] }, task: TASK });
    expect(r.backendName).toBe('webgpu');
    store.ingest({ type: 'status', runId: 's', status: 'running', step: 0 });
    expect(r.status).toBe('running');
    store.ingest(snap('s', 0, 100));
    store.ingest({ type: 'backendFallback', runId: 's', from: 'webgpu', to: 'wasm', reason: 'device lost', failedStep: 100, resumeStep: 90, cause: 'device lost' });
    expect(r.backendName).toBe('wasm');
    expect(r.fallbacks).toEqual([{ from: 'webgpu', to: 'wasm', reason: 'device lost', failedStep: 100, resumeStep: 90, cause: 'device lost' }]);
    store.ingest({ type: 'status', runId: 's', status: 'diverged', reason: 'loss is NaN at step 101', step: 101 });
    expect(r.status).toBe('diverged');
    expect(r.reason).toMatch(/NaN/);
    store.ingest({ type: 'status', runId: 's', status: 'paused', step: 101 });
    expect(r.status).toBe('paused');
    expect(r.reason).toBeUndefined();
    store.ingest({ type: 'checkpoint', runId: 's', checkpoint: { runId: 's', step: 100, tensors: [] } });
    expect(r.checkpointStep).toBe(100);
    for (let i = 0; i < 20; i++) store.ingest({ type: 'error', runId: 's', message: `boom ${i}` });
    expect(r.errors.length).toBe(LIMITS.messages);
    expect(r.errors[r.errors.length - 1]).toBe('boom 19');
    store.clear('s');
    expect(r.status).toBe('idle');
    expect(r.loss.rawCount).toBe(0);
    expect(r.errors).toEqual([]);
  });

  it('continues the step axis when a restarted worker starts counting again', () => {
    const store = createRunStore(manualFrames().schedule);
    store.ingest(snap('r', 0, 950));
    // A fresh worker restored from the checkpoint at 900 reports 901…1000.
    store.ingest(snap('r', 900, 1000));
    const r = store.run('r');
    const x = r.loss.points().x;
    for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThan(x[i - 1]);
    expect(r.step).toBe(1050);
    // A worker started from scratch reports 1…10 again.
    store.ingest(snap('r', 0, 10));
    expect(r.step).toBe(1060);
    expect(r.loss.rawCount).toBe(1060);
  });

  it('keeps runs apart', () => {
    const store = createRunStore(manualFrames().schedule);
    store.ingest(snap('a', 0, 10));
    store.ingest(snap('b', 0, 20));
    expect(store.run('a').step).toBe(10);
    expect(store.run('b').step).toBe(20);
  });

  it("keeps the task the worker built (the chance baseline) until the history is cleared", () => {
    const store = createRunStore(manualFrames().schedule);
    const r = store.run('t');
    expect(r.task).toBeNull();
    const report = { active: 'wasm' as const, reasons: [] };
    store.ingest({ type: 'ready', runId: 't', tensors: 3, backend: report, task: TASK });
    expect(r.task).toEqual(TASK);
    expect(r.task?.chanceLoss).not.toBeCloseTo(Math.log(10), 3);
    // Messages for another run do not touch it.
    store.ingest({ type: 'ready', runId: 'u', tensors: 3, backend: report, task: { ...TASK, id: 'copy', chanceLoss: Math.log(8), chanceAcc: 0.125 } });
    expect(r.task?.id).toBe('rows');
    expect(store.run('u').task?.chanceAcc).toBe(0.125);
    store.clear('t');
    expect(r.task).toBeNull();
  });

  it('keeps the restart notice while later statuses come and go, and puts fallback steps on the page axis', () => {
    const store = createRunStore(manualFrames().schedule);
    const r = store.run('c');
    store.ingest(snap('c', 0, 950));
    store.ingest({ type: 'restarted', runId: 'c', step: 900, reason: 'the training worker crashed (boom) and was restarted at step 900; history kept' });
    store.ingest({ type: 'status', runId: 'c', status: 'running', step: 900 });
    expect(r.restart).toEqual({ step: 900, reason: 'the training worker crashed (boom) and was restarted at step 900; history kept' });
    expect(r.status).toBe('running');
    // The worker counts from 0 again (not restored): the axis shifts, and so do the fallback steps.
    store.ingest(snap('c', 0, 10));
    expect(r.stepOffset).toBe(950);
    store.ingest({ type: 'backendFallback', runId: 'c', from: 'webgpu', to: 'wasm', reason: 'x', failedStep: 12, resumeStep: 8, cause: 'device lost' });
    expect(r.fallbacks.at(-1)).toMatchObject({ failedStep: 962, resumeStep: 958 });
    store.clear('c');
    expect(r.restart).toBeNull();
    expect(r.fallbacks).toEqual([]);
  });

  it('keeps the worker\'s own step numbers when snapshots count steps done (step = last index + 1)', () => {
    const store = createRunStore(manualFrames().schedule);
    const r = store.run('w');
    // As the trainer posts them: an empty snapshot at 0 (after the first evaluation), then chunks.
    const chunk = (from: number, to: number): WorkerMessage => {
      const m = snap('w', from - 1, to - 1) as Extract<WorkerMessage, { type: 'snapshot' }>;
      return { ...m, snapshot: { ...m.snapshot, step: to } };
    };
    const empty = (step: number): WorkerMessage => {
      const m = chunk(step, step) as Extract<WorkerMessage, { type: 'snapshot' }>;
      return { ...m, snapshot: { ...m.snapshot, steps: new Int32Array(0), losses: new Float32Array(0), accs: new Float32Array(0) } };
    };
    store.ingest(empty(0));
    for (let k = 0; k < 10; k++) store.ingest(chunk(8 * k, 8 * k + 8));
    store.ingest(empty(80));
    expect(r.stepOffset).toBe(0);
    expect(r.step).toBe(80);
    expect(Array.from(r.loss.points().x)).toEqual(Array.from({ length: 80 }, (_, i) => i));
    // A restored worker's first (empty) snapshot at its checkpoint step does not shift the axis.
    store.ingest(empty(72));
    store.ingest(chunk(80, 88));
    expect(r.stepOffset).toBe(0);
    expect(r.step).toBe(88);
  });
});
