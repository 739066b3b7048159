/**
 * Each task's default settings learn within the steps the page promises: trained with the page's
 * own engine code on wasm, the smoothed training loss (as the loss chart draws it) falls to
 * BELOW_CHANCE × the loss of guessing by then. Training stops as soon as it does.
 * ps28 alone takes about a minute, so it has a file of its own and runs beside the others.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startWasm } from '../../scripts/landscape/job';
import { trainTaskDefault } from '../../scripts/taskTime/train';
import type { TaskId } from '../../src/state/schema';
import { BELOW_CHANCE, TASK_DEFAULTS } from '../../src/state/taskDefaults';
import { loadMnist, ROOT } from './mnistData';

export function describeTaskDefaults(tasks: readonly TaskId[]): void {
  beforeAll(async () => {
    await startWasm(ROOT);
  });

  describe('task defaults', () => {
    for (const task of tasks) {
      it(`${task}: the smoothed loss is at most ${BELOW_CHANCE} × chance within the promised ${TASK_DEFAULTS[task].steps} steps`, async () => {
        const d = TASK_DEFAULTS[task];
        const r = await trainTaskDefault(task, { seed: 1, steps: d.steps, data: task === 'copy' || task === 'flipflop' ? undefined : loadMnist(), stopWhenBelow: true });
        expect(r.firstBelow).not.toBeNull();
        expect(r.firstBelow ?? Infinity).toBeLessThanOrEqual(d.steps);
        // Learning shows on the test set too: better than guessing.
        expect(r.testLoss).toBeLessThan(r.chanceLoss);
      }, 300_000);
    }
  });
}
