/**
 * Dynamics of a run's weights: the Lyapunov entry of the analyses registry on a tiny model (cpu
 * backend), the probe inputs entry, and gradient propagation and mutual information of given
 * weights through the dynamics client and host.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { gradientFlow } from '../../src/core/gradientFlow';
import { combineProbeFlows, probeFlow } from '../../src/core/gradientFlowParts';
import { lyapunovSpectrum, natsToBits, networkMap, lyapunovOfMap } from '../../src/core/lyapunov';
import { runProbes } from '../../src/core/netFloat64';
import { createRng } from '../../src/core/rng';
import { stateInputMI } from '../../src/core/stateInputMI';
import { createTask } from '../../src/core/tasks/index';
import { LYAPUNOV_EVERY_MS, runAnalyses } from '../../src/engine/analyses';
import { createDynamicsClient } from '../../src/engine/dynamicsClient';
import { createDynamicsHost } from '../../src/engine/dynamicsHost';
import type { DynamicsCommand, DynamicsMessage, FlowRequest } from '../../src/engine/dynamicsProtocol';
import { LYAPUNOV_K, lyapunovOf, lyapunovSteps } from '../../src/engine/lyapunovAnalysis';
import type { Checkpoint } from '../../src/engine/protocol';
import { buildModel } from '../../src/engine/runModel';
import { RunHistory } from '../../src/state/runHistory';
import { Recorder, makeTrainer, smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

describe('λ₁ in the analyses registry', () => {
  it('equals core’s spectrum of the model’s weights, in bits per step', async () => {
    const config = smallConfig({ mode: 'heterogeneous', hidden: 8, n0: 6, s0: 0.4 });
    const task = createTask(config.task, { seed: config.seed, delay: config.delay });
    const model = buildModel(config, task);
    // Make the network chaotic-ish and the neurons different, so the comparison means something.
    model.params.V.assign(tf.mul(model.params.V, 2.5));
    model.params.b.assign(tf.tensor1d([-0.3, 0.2, -0.1, 0.4, 0, -0.2, 0.1, 0.3]));
    model.params.n!.assign(tf.tensor1d([6, 5, 7, 6.5, 4, 8, 6, 5.5]));
    const est = await lyapunovOf(model);
    const steps = lyapunovSteps(8, LYAPUNOV_K);
    expect(est.steps).toBe(steps);
    expect(est.bits.length).toBe(LYAPUNOV_K);
    const V = await model.params.V.data();
    const b = await model.params.b.data();
    const n = await model.params.n!.data();
    const s = await model.params.s!.data();
    const nats = lyapunovSpectrum({ V, b, n, s }, { k: LYAPUNOV_K, steps, burnIn: est.burnIn, seed: 1 });
    expect(Array.from(est.bits)).toEqual(nats.map(natsToBits));
    expect(est.bits[0]).toBeGreaterThanOrEqual(est.bits[1]);
    expect(est.ms).toBeGreaterThanOrEqual(0);
    // The same weights, the same estimate (fixed seed): differences across training are the weights'.
    expect(Array.from((await lyapunovOf(model)).bits)).toEqual(Array.from(est.bits));
  });

  it('weights too large to follow give a missing estimate, not an error (the run is diverging, the backend is fine)', async () => {
    const config = smallConfig({ mode: 'static', hidden: 6, n0: 4, s0: 0 });
    const model = buildModel(config, createTask(config.task, { seed: config.seed, delay: config.delay }));
    // Huge but finite (float32): the state grows past the float64 range within the burn-in.
    model.params.V.assign(tf.mul(model.params.V, 1e30));
    const est = await lyapunovOf(model);
    expect(Array.from(est.bits).every(Number.isNaN)).toBe(true);
    expect(est.error).toMatch(/non-finite|float64/);
  });

  it('a diverging run ends diverged, with λ₁ missing rather than the backend blamed', async () => {
    const rec = new Recorder();
    const t = makeTrainer(smallConfig({ lr: 100, clip: 0, constrain: false, mode: 'homogeneous', n0: 4 }), rec);
    await t.init();
    await t.play();
    await until(() => t.status !== 'running', 60_000);
    expect(t.status).toBe('diverged');
    expect(rec.log.some((r) => r.msg.type === 'error' || r.msg.type === 'backendFallback')).toBe(false);
    await t.dispose();
  });

  it('tanh and ReLU runs use their own activation', async () => {
    const config = smallConfig({ mode: 'tanh', hidden: 6 });
    const model = buildModel(config, createTask(config.task, { seed: config.seed, delay: config.delay }));
    const est = await lyapunovOf(model);
    const V = await model.params.V.data();
    const act = { value: (a: number) => Math.tanh(a), slope: (a: number) => 1 - Math.tanh(a) ** 2 };
    const want = lyapunovOfMap(networkMap({ V, b: new Float32Array(6), n: 1, s: 0 }, act), { k: 3, steps: est.steps, burnIn: est.burnIn, seed: 1 });
    expect(Array.from(est.bits)).toEqual(want.map(natsToBits));
  });

  it('scales its steps with the network: a few milliseconds at most sizes, bounded at both ends', () => {
    expect(lyapunovSteps(8, 3)).toBe(600);
    expect(lyapunovSteps(64, 3)).toBe(600);
    expect(lyapunovSteps(128, 3)).toBeLessThan(600);
    expect(lyapunovSteps(400, 3)).toBe(100);
  });

  it('rides on the first snapshot, with the probe inputs', async () => {
    const rec = new Recorder();
    const t = makeTrainer(smallConfig(), rec);
    await t.init();
    await new Promise((ok) => setTimeout(ok, 150));
    const first = rec.snapshots()[0].s;
    expect(first.analyses.lyapunov?.step).toBe(0);
    expect(first.analyses.lyapunov?.value.bits.length).toBe(3);
    const probe = first.analyses.probe!.value;
    const task = createTask('copy', { seed: 7, delay: 3 });
    expect(probe.x).toEqual(task.probeSet().x);
    expect([probe.probes, probe.steps, probe.inputs]).toEqual([task.probeSet().batch, task.probeSet().steps, task.probeSet().inputs]);
    await t.dispose();
  });

  it('runs every LYAPUNOV_EVERY_MS; the probe inputs once per build', async () => {
    const config = smallConfig();
    const task = createTask(config.task, { seed: config.seed, delay: config.delay });
    const model = buildModel(config, task);
    const last = new Map();
    const ran = async (now: number) => Object.keys(await runAnalyses(model, task.probeSet(), 0, now, last)).sort();
    expect(await ran(0)).toEqual(['lyapunov', 'portrait', 'preact', 'probe']);
    expect(await ran(LYAPUNOV_EVERY_MS - 1)).toEqual(['portrait', 'preact']);
    expect(await ran(LYAPUNOV_EVERY_MS)).toEqual(['lyapunov', 'portrait', 'preact']);
    expect(await ran(1e9)).toEqual(['lyapunov', 'portrait', 'preact']);
    // A reset forgets when entries ran: the new build sends its probe inputs again.
    last.clear();
    expect(await ran(1e9 + 1)).toContain('probe');
  });
});

/** The dynamics host in-process behind the client, messages crossing asynchronously. */
function client() {
  return createDynamicsClient({
    createWorker: () => {
      const w = {
        onmessage: null as ((e: MessageEvent<DynamicsMessage>) => void) | null,
        onerror: null,
        host: createDynamicsHost({ sliceMs: 0, post: (msg) => setTimeout(() => w.onmessage?.({ data: msg } as MessageEvent<DynamicsMessage>), 0) }),
        postMessage: (cmd: DynamicsCommand) => setTimeout(() => w.host.handle(cmd), 0),
        terminate() {},
      };
      return w as unknown as Worker;
    },
  });
}

function drivenNet(N: number, I: number, P: number, T: number) {
  const r = createRng(5);
  return {
    U: new Float32Array(I * N).map(() => r.normal()),
    V: new Float32Array(N * N).map(() => (1.5 / Math.sqrt(N)) * r.normal()),
    b: new Float32Array(N).map(() => 0.1 * r.normal()),
    n: 4,
    s: new Float32Array(N).map(() => r.next()),
    x: new Float32Array(P * T * I).map(() => r.normal()),
    probes: P,
    steps: T,
  };
}

describe('dynamics of given weights on probe inputs', () => {
  it('gradient propagation one probe at a time equals the computation over all probes', () => {
    const req = drivenNet(6, 2, 5, 9);
    const whole = gradientFlow(req, req.x, 5, 9, { maxLag: 7 });
    const parts = Array.from({ length: 5 }, (_, p) => probeFlow(req, req.x, p, 9, 2, { maxLag: 7 }));
    const joined = combineProbeFlows(parts);
    expect(joined.lags).toEqual(whole.lags);
    expect(joined.probes).toBe(5);
    for (const key of ['meanLog', 'q10', 'q50', 'q90'] as const) joined[key].forEach((v, i) => expect(v).toBeCloseTo(whole[key][i], 12));
    expect(joined.stepNorm).toBeCloseTo(whole.stepNorm, 12);
    expect(() => combineProbeFlows([whole])).toThrow(/one probe/);
  });

  it('through the client: flow with progress per probe, and MI equal to core’s', async () => {
    const c = client();
    const req: FlowRequest = { ...drivenNet(5, 1, 4, 20), maxLag: 12 };
    const progress: number[] = [];
    const flow = await c.flow(req, (p) => progress.push(p.done)).done;
    expect(flow?.lags).toHaveLength(13);
    expect(progress).toEqual([1, 2, 3]);
    expect(flow!.meanLog[12]).toBeCloseTo(gradientFlow(req, req.x, 4, 20, { maxLag: 12 }).meanLog[12], 12);
    const mi = await c.probeMi({ ...req, window: 3, warmup: 4 }).done;
    const run = runProbes(req, req.x, 4, 20);
    const want = stateInputMI(run.h, req.x, { P: 4, T: 20, N: 5, I: 1 }, { window: 3, from: 4 });
    expect(mi).toEqual(want);
    expect(mi!.samples).toBe(4 * 16);
    await expect(c.flow({ ...req, probes: 3 }).done).rejects.toThrow(/x has 80 values/);
  });
});

describe('the run history keeps the latest weights', () => {
  it('one checkpoint, by reference, outside the view; cleared with the history', () => {
    const h = new RunHistory('r');
    const ck = (step: number): Checkpoint => ({ runId: 'r', step, tensors: [{ name: 'V', shape: [1, 1], values: new Float32Array([step]) }] });
    const a = ck(10);
    const b = ck(20);
    h.addMessage({ type: 'checkpoint', runId: 'r', checkpoint: a });
    h.addMessage({ type: 'checkpoint', runId: 'r', checkpoint: b });
    expect(h.latestCheckpoint).toBe(b);
    expect(h.view().checkpointStep).toBe(20);
    expect(Object.values(h.view())).not.toContain(b);
    h.clear();
    expect(h.latestCheckpoint).toBeNull();
  });
});
