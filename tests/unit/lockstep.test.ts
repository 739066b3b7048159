/**
 * A comparison in the engine: three runs (static near ReLU, homogeneous, heterogeneous) in one
 * lockstep group with a step budget. They start from the same weights, see the same batches,
 * never drift apart by more than the lockstep lead, and all stop at the budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTask } from '../../src/core/tasks/index';
import { EngineHost } from '../../src/engine/host';
import { LOCKSTEP_LEAD } from '../../src/engine/lockstep';
import type { Checkpoint, RunConfig, WorkerMessage } from '../../src/engine/protocol';
import { batchAt } from '../../src/engine/runModel';
import { presetConfig } from '../../src/state/presets';
import { smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

const BUDGET = 160;
const WEIGHTS = ['U', 'V', 'b', 'Wo', 'bo'];

describe('runs compared in lockstep', () => {
  it('share initial weights and batches, advance together and all stop at the budget', async () => {
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    const base: RunConfig = smallConfig({ seed: 11 });
    const presets = ['static-relu', 'homogeneous', 'heterogeneous'] as const;
    const ids = presets.map((p) => `c-${p}`);
    // The first run is held to 40 steps/s: without lockstep the others would race ahead of it.
    const configs = presets.map((p, i) => ({ ...presetConfig(base, p, base.seed), speed: i === 0 ? 40 : base.speed }));
    for (const [i, id] of ids.entries()) await host.handle({ type: 'configure', runId: id, config: configs[i], lockstep: 'cmp' });

    // The same initial weights wherever the shapes match: every weight matrix, bit for bit.
    const initial = ids.map((id) => host.run(id)!.lastGood as Checkpoint);
    for (const name of WEIGHTS) {
      const values = initial.map((c) => Array.from(c.tensors.find((t) => t.name === name)!.values));
      expect(values[1]).toEqual(values[0]);
      expect(values[2]).toEqual(values[0]);
    }
    // …and different activations: n0 = 10 for the static run, the page's n for the learned ones.
    expect(initial[0].tensors.find((t) => t.name === 'n')!.values[0]).toBe(10);
    expect(initial[2].tensors.find((t) => t.name === 'n')!.values.length).toBe(base.hidden);
    // The same data order: the first batch of each run is the same batch.
    const tasks = configs.map((c) => createTask(c.task, { seed: c.seed, delay: c.delay }));
    const first = tasks.map((t, i) => batchAt(t, configs[i].seed, 0, configs[i].batch));
    expect(Array.from(first[1].x)).toEqual(Array.from(first[0].x));
    expect(Array.from(first[2].y)).toEqual(Array.from(first[0].y));

    const spread: number[] = [];
    for (const id of ids) await host.handle({ type: 'play', runId: id, until: BUDGET });
    await until(() => {
      const steps = ids.map((id) => host.run(id)!.step);
      spread.push(Math.max(...steps) - Math.min(...steps));
      return ids.every((id) => host.run(id)!.status === 'paused');
    });
    expect(ids.map((id) => host.run(id)!.step)).toEqual([BUDGET, BUDGET, BUDGET]);
    // Never more than the lead apart, although one of them is held to 40 steps/s.
    expect(Math.max(...spread)).toBeLessThanOrEqual(LOCKSTEP_LEAD);
    // Each ends on an evaluation at the budget, so the summary compares test points at one step.
    for (const id of ids) {
      const tests = log.flatMap((m) => (m.type === 'snapshot' && m.runId === id ? m.snapshot.tests : []));
      expect(tests.at(-1)?.step).toBe(BUDGET);
    }
    for (const id of ids) await host.handle({ type: 'dispose', runId: id });
  });
});
