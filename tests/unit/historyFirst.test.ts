/**
 * History first, then the verdict: every status and every checkpoint the trainer posts comes after
 * the snapshots holding all steps up to the step it names. Otherwise the page can see a paused run
 * at step k with its checkpoint at k while the last steps' losses are still in the worker's
 * deferred snapshot, and a copy saved then (run file, this browser's copy) lacks them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Recorder, makeTrainer, smallConfig, until, useCpu } from './trainerHarness';

beforeAll(useCpu);

describe('the order of what a run posts', () => {
  it('never names a step in a status or checkpoint before the snapshots that hold it', async () => {
    const rec = new Recorder();
    const t = makeTrainer(smallConfig(), rec);
    await t.init();
    for (let round = 1; round <= 6; round++) {
      await t.play();
      // Steps come in chunks with a snapshot at most every 100 ms: pausing right after a chunk
      // finds steps still waiting in the deferred snapshot.
      await until(() => t.step >= round * 60);
      await t.pause();
      await until(() => rec.log.some((r) => r.msg.type === 'checkpoint' && r.msg.checkpoint.step === t.step));
    }
    let posted = 0;
    const late: string[] = [];
    for (const { msg } of rec.log) {
      if (msg.type === 'snapshot') posted = Math.max(posted, msg.snapshot.step);
      else if (msg.type === 'status' && msg.step > posted) late.push(`status ${msg.status} at ${msg.step}, snapshots up to ${posted}`);
      else if (msg.type === 'checkpoint' && msg.checkpoint.step > posted) late.push(`checkpoint at ${msg.checkpoint.step}, snapshots up to ${posted}`);
    }
    expect(late).toEqual([]);
    await t.dispose();
  });
});
