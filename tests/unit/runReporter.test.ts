/**
 * A run's snapshot can be posted from a timer at any moment, including while the host switches
 * backends (tf.setBackend awaiting the next backend's initialisation): it must not throw then.
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

describe('the run reporter', () => {
  it('posts a snapshot with the live tensor count while the next backend is still initialising', async () => {
    await tf.setBackend('cpu');
    const kept = tf.tensor1d([1, 2, 3]);
    const expected = tf.memory().numTensors;
    let ready: () => void = () => undefined;
    tf.registerBackend('slow-start', () => new Promise((ok) => (ready = () => ok(new MathBackendCPU()))));
    const switching = tf.setBackend('slow-start');

    const posted: WorkerMessage[] = [];
    const reporter = new RunReporter('r', { post: (m) => posted.push(m), backend: () => 'cpu', now: () => 0, yieldNow: async () => undefined, onComputeError: () => undefined }, () => ({
      step: 7,
      status: 'running',
      n: new Float32Array([1]),
      s: new Float32Array([0]),
      lr: 0.01,
    }));
    reporter.poster.buffer.push(6, 2.3, 0.1);
    expect(() => reporter.flush(true)).not.toThrow();
    const snap = posted.find((m) => m.type === 'snapshot');
    expect(snap?.type === 'snapshot' && snap.snapshot.tensors).toBe(expected);
    expect(snap?.type === 'snapshot' && snap.snapshot.step).toBe(7);

    ready();
    expect(await switching).toBe(true);
    kept.dispose();
  });
});
