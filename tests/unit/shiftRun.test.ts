/**
 * The shift experiment's re-adaptations in the engine: from one checkpoint, on changed inputs,
 * "n and s only" leaves every weight bit-identical and moves n and s; "biases only" moves b alone;
 * "everything" moves them all. The changed inputs reach the run (its first loss differs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, RunConfig } from '../../src/engine/protocol';
import { EngineHost } from '../../src/engine/host';
import type { WorkerMessage } from '../../src/engine/protocol';
import { smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

const WEIGHTS = ['U', 'V', 'b', 'Wo', 'bo', 'n', 's'];

async function train(host: EngineHost, log: WorkerMessage[], runId: string, config: RunConfig, steps: number, restore?: Checkpoint): Promise<Checkpoint> {
  await host.handle({ type: 'configure', runId, config, ...(restore ? { restore } : {}) });
  const from = restore?.step ?? 0;
  await host.handle({ type: 'step', runId, count: steps });
  await until(() => log.some((m) => m.type === 'checkpoint' && m.runId === runId && m.checkpoint.step === from + steps));
  return log.flatMap((m) => (m.type === 'checkpoint' && m.runId === runId ? [m.checkpoint] : [])).at(-1) as Checkpoint;
}

const values = (c: Checkpoint, name: string) => Array.from(c.tensors.find((t) => t.name === name)!.values);
const weightsOnly = (c: Checkpoint): Checkpoint => ({ ...c, tensors: c.tensors.filter((t) => !t.name.startsWith('opt/')) });

describe('re-adapting after a change of inputs', () => {
  it('moves only what it is allowed to move', async () => {
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    const base = smallConfig({ mode: 'homogeneous', actLr: 10 });
    const trained = await train(host, log, 'base', base, 30);
    const start = weightsOnly(trained);
    const shift = { kind: 'drive' as const, value: 1, from: 2, to: 6 };
    const moved = async (learn: RunConfig['learn']) => {
      const after = await train(host, log, `re-${learn}`, { ...base, shift, learn }, 20, start);
      return WEIGHTS.filter((w) => values(after, w).some((v, i) => v !== values(start, w)[i]));
    };
    expect(await moved('activation')).toEqual(['n', 's']);
    expect(await moved('bias')).toEqual(['b']);
    expect(await moved('all')).toEqual(WEIGHTS);
    // The run saw the changed inputs: its first loss is not the unshifted run's at the same step.
    const firstLoss = (runId: string) => log.flatMap((m) => (m.type === 'snapshot' && m.runId === runId ? [...m.snapshot.losses] : []))[0];
    const plain = await train(host, log, 'plain', base, 1, start);
    expect(plain.step).toBe(31);
    expect(firstLoss('re-all')).not.toBe(firstLoss('plain'));
    for (const id of ['base', 're-activation', 're-bias', 're-all', 'plain']) await host.handle({ type: 'dispose', runId: id });
  });
});
