/**
 * A run's snapshot can be posted from a timer at any moment, including while the host switches
 * backends (tf.setBackend awaiting the next backend's initialisation): it must not throw then. Its
 * tensor count is the one from the run's last settled moment, not one taken mid-computation.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { RunReporter } from '../../src/engine/runReporter';
import type { WorkerMessage } from '../../src/engine/protocol';

afterAll(async () => {
  await tf.setBackend('cpu');
  tf.removeBackend('slow-start');
});

function reporterAt(posted: WorkerMessage[]): RunReporter {
  const env = { post: (m: WorkerMessage) => posted.push(m), backend: () => 'cpu' as const, now: () => 0, yieldNow: async () => undefined, onComputeError: () => undefined };
  return new RunReporter('r', env, () => ({ step: 7, status: 'running', n: new Float32Array([1]), s: new Float32Array([0]), lr: 0.01 }));
}

describe('the run reporter', () => {
  it('posts a snapshot with the live tensor count while the next backend is still initialising', async () => {
    await tf.setBackend('cpu');
    const kept = tf.tensor1d([1, 2, 3]);
    const expected = tf.memory().numTensors;
    let ready: () => void = () => undefined;
    tf.registerBackend('slow-start', () => new Promise((ok) => (ready = () => ok(new MathBackendCPU()))));
    const switching = tf.setBackend('slow-start');

    const posted: WorkerMessage[] = [];
    const reporter = reporterAt(posted);
    reporter.poster.buffer.push(6, 2.3, 0.1);
    expect(() => reporter.flush(true)).not.toThrow();
    const snap = posted.find((m) => m.type === 'snapshot');
    expect(snap?.type === 'snapshot' && snap.snapshot.tensors).toBe(expected);
    expect(snap?.type === 'snapshot' && snap.snapshot.step).toBe(7);

    ready();
    expect(await switching).toBe(true);
    kept.dispose();
  });

  it('counts the tensors of its last settled moment, not those of a computation in flight', async () => {
    await tf.setBackend('cpu');
    const posted: WorkerMessage[] = [];
    const reporter = reporterAt(posted);
    const settled = tf.memory().numTensors;
    reporter.settle();
    const inFlight = [tf.scalar(1), tf.scalar(2)];
    reporter.poster.buffer.push(6, 2.3, 0.1);
    reporter.flush(true);
    const snap = posted.find((m) => m.type === 'snapshot');
    expect(snap?.type === 'snapshot' && snap.snapshot.tensors).toBe(settled);
    expect(tf.memory().numTensors).toBe(settled + 2);
    tf.dispose(inFlight);
  });
});
