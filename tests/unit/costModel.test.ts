/**
 * The cost model: estimates grow with the network as they must, a setting too large for memory is
 * refused by the host with a reason instead of failing step after step, and the trainer tells its
 * host how long each chunk will block.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateStepMs, formatDuration, stepFlops } from '../../src/core/costModel';
import { bpttMemory, bpttShapeOf, bpttTooLarge } from '../../src/engine/bpttMemory';
import { taskShape } from '../../src/core/tasks/shape';
import { createTask } from '../../src/core/tasks/index';
import { EngineHost } from '../../src/engine/host';
import type { WorkerMessage } from '../../src/engine/protocol';
import { Recorder, makeTrainer, smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

const base = { hidden: 64, batch: 32, mode: 'homogeneous' as const };

describe('estimates', () => {
  it('task shapes match the tasks the worker builds', () => {
    for (const [id, delay] of [['copy', 20], ['copy', 200], ['flipflop', 20]] as const) {
      const info = createTask(id, { seed: 1, delay }).info;
      expect(taskShape(id, delay)).toEqual({ steps: info.steps, inputs: info.inputs, classes: info.classes, readout: info.readout });
    }
    expect(taskShape('ps28', 20)).toMatchObject({ steps: 784, inputs: 1, classes: 10, readout: 'last' });
    expect(taskShape('rows', 20)).toMatchObject({ steps: 28, inputs: 28 });
  });

  it('grow with steps, batch and width; flops are 3 × 2·B·(I·N + N²) per time step for a last-step read-out', () => {
    const rows = taskShape('rows', 20);
    expect(stepFlops(rows, base)).toBe(3 * 28 * 2 * 32 * (28 * 64 + 64 * 64));
    const ms = (shape = rows, cfg = base) => estimateStepMs(shape, cfg, 'wasm');
    expect(ms(taskShape('ps28', 20))).toBeGreaterThan(ms(taskShape('ps14', 20)));
    expect(ms(rows, { ...base, hidden: 256 })).toBeGreaterThan(ms());
    expect(ms(rows, { ...base, batch: 256 })).toBeGreaterThan(ms());
    // The engine benchmark's rows on this kind of machine: wasm 8.4 ms, cpu 66 ms per step.
    expect(ms()).toBeGreaterThan(4);
    expect(ms()).toBeLessThan(17);
    expect(estimateStepMs(rows, base, 'cpu')).toBeGreaterThan(33);
    expect(estimateStepMs(rows, base, 'cpu')).toBeLessThan(132);
    expect(estimateStepMs(rows, base, 'wasm', 2)).toBeCloseTo(2 * ms(), 9);
    // webgl's per-step kernels: 34.2 ms on rows and 163.1 ms on psMNIST-14 in the same run.
    expect(estimateStepMs(rows, base, 'webgl')).toBeGreaterThan(17);
    expect(estimateStepMs(rows, base, 'webgl')).toBeLessThan(68);
    expect(estimateStepMs(taskShape('ps14', 20), base, 'webgl')).toBeGreaterThan(82);
    expect(estimateStepMs(taskShape('ps14', 20), base, 'webgl')).toBeLessThan(326);
  });

  it('refuses ps28 with 256 neurons and 256 sequences for memory, and accepts the defaults', () => {
    const ps28 = taskShape('ps28', 20);
    const heavy = bpttShapeOf(ps28, { hidden: 256, batch: 256, mode: 'homogeneous' });
    expect(bpttMemory(heavy, 'wasm').ok).toBe(false);
    expect(bpttTooLarge(heavy, 'wasm')).toMatch(/^784 steps × batch 256 × 256 hidden units keeps about \d+ MB for backpropagation through time on wasm, over its limit of 2048 MB/);
    expect(bpttTooLarge(bpttShapeOf(ps28, base), 'wasm')).toBeUndefined();
    expect(bpttTooLarge(bpttShapeOf(taskShape('rows', 20), { ...base, hidden: 256, batch: 256 }), 'wasm')).toBeUndefined();
  });

  it('formats durations for a reader', () => {
    expect([formatDuration(12.4), formatDuration(3400), formatDuration(150_000), formatDuration(4_680_000)]).toEqual(['12 ms', '3.4 s', '2.5 min', '1.3 h']);
  });
});

describe('in the engine', () => {
  it('the host refuses a setting too large for memory with the reason, and builds nothing', async () => {
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    await host.handle({ type: 'configure', runId: 'big', config: smallConfig({ delay: 200, hidden: 256, batch: 256 }) });
    expect(log.map((m) => m.type)).toEqual(['status']);
    expect(log[0]).toMatchObject({ type: 'status', status: 'failed', step: 0 });
    expect((log[0] as { reason: string }).reason).toMatch(/^this run cannot start: 221 steps × batch 256 × 256 hidden units keeps about \d+ MB for backpropagation through time on cpu/);
    expect(host.run('big')).toBeUndefined();
  });

  it('the trainer announces how long each chunk and each evaluation will block', async () => {
    const rec = new Recorder();
    const busy: number[] = [];
    const t = makeTrainer(smallConfig(), rec, 'r', { busy: (ms) => busy.push(ms) });
    t.expectMsPerStep(5);
    await t.init();
    expect(busy.length).toBe(1); // the first evaluation
    await t.stepBy(3);
    await until(() => t.step === 3);
    expect(busy.length).toBeGreaterThanOrEqual(2);
    expect(busy.every((ms) => ms > 0 && Number.isFinite(ms))).toBe(true);
    await t.dispose();
  });
});
