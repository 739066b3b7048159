/**
 * The trainer in node on the cpu backend: snapshot cadence and contents, divergence, checkpoint
 * round trips, and independent runs in one host.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { EngineHost } from '../../src/engine/host';
import type { Checkpoint, WorkerMessage } from '../../src/engine/protocol';
import { Recorder, makeTrainer, smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

describe('snapshots', () => {
  it('carry contiguous steps, test points, the analyses and a flat tensor count', async () => {
    const rec = new Recorder();
    const t = makeTrainer(smallConfig({ mode: 'heterogeneous' }), rec);
    await t.init();
    await t.play();
    await until(() => t.step >= 400);
    await t.pause();
    // The last snapshot comes at most SNAPSHOT_MIN_MS after the pause: wait for the step it names.
    await until(() => rec.snapshots().at(-1)?.s.step === t.step);
    const snaps = rec.snapshots();
    expect(snaps.length).toBeGreaterThan(3);
    // Every step once, in order, with a loss and an accuracy.
    const steps = snaps.flatMap(({ s }) => [...s.steps]);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i));
    expect(steps.length).toBe(t.step);
    for (const { s } of snaps) {
      expect(s.losses.length).toBe(s.steps.length);
      expect(s.accs.length).toBe(s.steps.length);
      expect(s.n.length).toBe(8); // heterogeneous: one gain per neuron
      expect(s.s.length).toBe(8);
      expect(s.backend).toBe('cpu');
      expect(s.lr).toBe(0.01);
    }
    // The first snapshot carries the evaluation at step 0 with the analyses of step 0: portrait and histogram.
    const first = snaps[0].s;
    expect(first.tests[0].step).toBe(0);
    expect(first.tests[0].loss).toBeGreaterThan(1);
    expect(first.tests[0].loss).toBeLessThan(6);
    expect(first.analyses.portrait?.step).toBe(0);
    expect(first.analyses.preact?.step).toBe(0);
    const p = first.analyses.portrait!.value;
    expect(p.dims).toBe(3);
    expect(p.proj.length).toBe(p.probes * p.steps * 3);
    expect(p.labels.length).toBe(p.probes);
    expect(p.explained[0]).toBeGreaterThanOrEqual(p.explained[1]);
    const h = first.analyses.preact!.value;
    expect(h.edges.length).toBe(h.counts.length + 1);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(p.probes * p.steps * 8);
    // After the first step (Adam's moments appear) the count stays put.
    const counts = snaps.slice(1).map(({ s }) => s.tensors);
    expect(Math.max(...counts) - Math.min(...counts)).toBe(0);
    await t.dispose();
  });

  it('count the tensors after the steps even when a checkpoint posts the first snapshot of a run', async () => {
    const rec = new Recorder();
    // A clock where each reading is a second later: every chunk is one step and ends on a checkpoint,
    // whose snapshot goes out before the chunk's own (as on a slow backend).
    let clock = 0;
    const t = makeTrainer(smallConfig(), rec, 'r', { now: () => (clock += 1000) });
    await t.init();
    const atInit = rec.snapshots()[0].s.tensors;
    await t.stepBy(3);
    await until(() => rec.snapshots().at(-1)?.s.step === 3);
    const counts = rec.snapshots().filter(({ s }) => s.steps.length > 0).map(({ s }) => s.tensors);
    expect(counts.length).toBeGreaterThan(0);
    // Adam's moments appear with the first step: every snapshot with steps counts them.
    expect(counts[0]).toBeGreaterThan(atInit);
    expect(new Set(counts).size).toBe(1);
    await t.dispose();
  });

  it('pause stops steps; step k runs exactly k', async () => {
    const rec = new Recorder();
    const t = makeTrainer(smallConfig(), rec);
    await t.init();
    await t.play();
    await until(() => t.step >= 10);
    await t.pause();
    // An evaluation queues behind the chunk in progress: once it is done, no step may follow.
    await t.evaluate();
    const atPause = t.step;
    await t.evaluate();
    expect(t.step).toBe(atPause);
    expect(t.status).toBe('paused');
    await t.stepBy(25);
    await until(() => t.step >= atPause + 25);
    await t.evaluate();
    expect(t.step).toBe(atPause + 25);
    await t.dispose();
  });
});

describe('divergence', () => {
  it('pauses with a readable reason, keeps history, and setLr restores healthy weights', async () => {
    const rec = new Recorder();
    const t = makeTrainer(smallConfig({ lr: 100, clip: 0, constrain: false, hidden: 16 }), rec);
    await t.init();
    await t.play();
    await until(() => t.status === 'diverged', 60_000);
    const st = rec.statuses().at(-1)!;
    expect(st.status).toBe('diverged');
    expect(st.reason).toMatch(/(loss|weights) (became (NaN|infinite|NaN or infinite)|exploded to \S+ \(over 100 times the \S+ of guessing\)) (at|by) step \d+ with learning rate 100: .*lower the learning rate or reset/);
    const posted = [...rec.losses().values()];
    expect(posted.every(Number.isFinite)).toBe(true);
    const divergedAt = t.step;
    await t.setLr(0.001);
    expect(t.status).toBe('paused');
    expect(rec.statuses().at(-1)!.reason).toMatch(/restored from step \d+/);
    await t.stepBy(5);
    await until(() => t.step === divergedAt + 5 && rec.losses().has(divergedAt + 4));
    const after = [...rec.losses()].filter(([s]) => s >= divergedAt).map(([, l]) => l);
    expect(after.length).toBe(5);
    expect(after.every(Number.isFinite)).toBe(true);
    const snaps = rec.snapshots();
    expect(snaps.at(-1)!.s.lr).toBe(0.001);
    await t.dispose();
  });
});

describe('checkpoints', () => {
  it('restoring a checkpoint gives the same next losses as carrying on', async () => {
    const rec = new Recorder();
    const a = makeTrainer(smallConfig(), rec, 'a');
    await a.init();
    await a.stepBy(30);
    await until(() => a.step === 30 && rec.log.some((r) => r.msg.type === 'checkpoint' && r.msg.checkpoint.step === 30));
    const ck = rec.log.flatMap((r) => (r.msg.type === 'checkpoint' ? [r.msg.checkpoint] : [])).at(-1) as Checkpoint;
    expect(ck.tensors.map((x) => x.name)).toEqual(expect.arrayContaining(['U', 'V', 'b', 'Wo', 'bo', 'n', 's', 'opt/iter', 'opt/m0', 'opt/v0']));
    await a.stepBy(5);
    await until(() => a.step === 35 && rec.losses('a').has(34));
    const rec2 = new Recorder();
    const b = makeTrainer(smallConfig(), rec2, 'b');
    await b.init(ck);
    expect(b.step).toBe(30);
    await b.stepBy(5);
    await until(() => b.step === 35 && rec2.losses('b').has(34));
    const la = rec.losses('a');
    const lb = rec2.losses('b');
    for (let s = 30; s < 35; s++) expect(lb.get(s)).toBeCloseTo(la.get(s) as number, 5);
    await a.dispose();
    await b.dispose();
  });
});

describe('host', () => {
  it('keeps runs keyed by runId apart', async () => {
    const before = tf.memory().numTensors;
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    const config = smallConfig();
    await host.handle({ type: 'configure', runId: 'a', config });
    await host.handle({ type: 'configure', runId: 'b', config });
    expect(log.filter((m) => m.type === 'ready').map((m) => m.runId)).toEqual(['a', 'b']);
    await host.handle({ type: 'play', runId: 'a' });
    await host.handle({ type: 'step', runId: 'b', count: 12 });
    await until(() => host.run('b')!.step === 12 && host.run('a')!.step > 40);
    await host.handle({ type: 'reset', runId: 'a' });
    await host.handle({ type: 'setLr', runId: 'a', lr: 0.05 });
    // Commands run in order: once b's evaluation is posted, everything before it has happened.
    await host.handle({ type: 'evaluate', runId: 'b' });
    await until(() => log.some((m) => m.type === 'snapshot' && m.runId === 'b' && m.snapshot.tests.some((x) => x.step === 12)));
    expect(host.run('b')!.step).toBe(12);
    expect(host.run('b')!.config.lr).toBe(0.01);
    const lossesOf = (id: string) => log.flatMap((m) => (m.type === 'snapshot' && m.runId === id ? [...m.snapshot.losses] : []));
    // b trained alone on the same seed as a's first steps: identical losses.
    const b = lossesOf('b');
    expect(b.length).toBe(12);
    expect(lossesOf('a').slice(0, 12)).toEqual(b);
    await host.handle({ type: 'step', runId: 'zzz', count: 1 });
    expect(log.at(-1)).toMatchObject({ type: 'error', runId: 'zzz' });
    await host.handle({ type: 'dispose', runId: 'a' });
    await host.handle({ type: 'dispose', runId: 'b' });
    // Everything the runs made is gone (the self-check's cpu reference keeps nothing either).
    expect(tf.memory().numTensors).toBe(before);
  });
});
