/**
 * The host's mid-run backend fallback, in node with two real backends (wasm and cpu): an injected
 * fault makes a step on the active backend throw; every run moves to the next backend from its
 * last checkpoint, the page hears why and from which step, and the step history stays monotonic.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { EngineHost } from '../../src/engine/host';
import type { WorkerMessage } from '../../src/engine/protocol';
import { smallConfig, until } from './trainerHarness';

beforeAll(async () => {
  setWasmPaths(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('cpu');
});

const of = <T extends WorkerMessage['type']>(log: WorkerMessage[], type: T) => log.filter((m): m is Extract<WorkerMessage, { type: T }> => m.type === type);

describe('backend failure during training', () => {
  it('moves the run from wasm to cpu at its last checkpoint and keeps counting', async () => {
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    await host.handle({ type: 'configure', runId: 'r', config: smallConfig({ backend: 'wasm' }) });
    const ready = of(log, 'ready')[0];
    expect(ready.backend.active).toBe('wasm');
    expect(ready.backend.requested).toBe('wasm');
    expect(ready.task).toMatchObject({ id: 'copy', chanceAcc: 1 / 8 });

    // 30 steps, then a pause: the loop's end writes a checkpoint at 30.
    await host.handle({ type: 'step', runId: 'r', count: 30 });
    await until(() => of(log, 'checkpoint').some((m) => m.checkpoint.step === 30));
    await host.handle({ type: 'play', runId: 'r' });
    await until(() => host.run('r')!.step >= 45);
    host.injectFault('device-lost');
    await until(() => of(log, 'backendFallback').length > 0);
    const fb = of(log, 'backendFallback')[0];
    expect(fb).toMatchObject({ runId: 'r', from: 'wasm', to: 'cpu', cause: 'device lost (injected fault)' });
    expect(fb.failedStep).toBeGreaterThanOrEqual(45);
    // It goes on from the last checkpoint posted before the failure.
    const fbAt = log.indexOf(fb);
    const lastCheckpoint = of(log.slice(0, fbAt), 'checkpoint').at(-1)!;
    expect(fb.resumeStep).toBe(lastCheckpoint.checkpoint.step);
    expect(fb.resumeStep).toBeLessThanOrEqual(fb.failedStep);
    expect(tf.getBackend()).toBe('cpu');

    await until(() => host.run('r')!.step >= fb.failedStep + 20);
    await host.handle({ type: 'pause', runId: 'r' });
    await until(() => of(log, 'snapshot').at(-1)?.snapshot.step === host.run('r')!.step);
    // Every step was posted exactly once, in order, with a finite loss; the later ones on cpu.
    const snaps = of(log, 'snapshot').map((m) => m.snapshot);
    const steps = snaps.flatMap((s) => [...s.steps]);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i));
    expect(steps.length).toBeGreaterThan(fb.failedStep + 10);
    expect(snaps.flatMap((s) => [...s.losses]).every(Number.isFinite)).toBe(true);
    expect(snaps.filter((s) => s.steps.length && s.steps[0] > fb.failedStep).every((s) => s.backend === 'cpu')).toBe(true);
    // The run stayed 'running' through the switch: no failure or error was reported.
    expect(of(log, 'status').map((m) => m.status)).not.toContain('failed');
    expect(of(log, 'error')).toEqual([]);
    await host.handle({ type: 'dispose', runId: 'r' });
  });

  it('a forced backend that fails the same way again is never chosen again in this worker', async () => {
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    await host.handle({ type: 'configure', runId: 'a', config: smallConfig({ backend: 'wasm' }) });
    await host.handle({ type: 'step', runId: 'a', count: 5 });
    host.injectFault('device-lost');
    await host.handle({ type: 'step', runId: 'a', count: 5 });
    await until(() => of(log, 'backendFallback').length > 0);
    // A new run asking for wasm again gets cpu, with the reason in the report.
    await host.handle({ type: 'configure', runId: 'b', config: smallConfig({ backend: 'wasm', seed: 8 }) });
    await until(() => of(log, 'ready').some((m) => m.runId === 'b'));
    const report = of(log, 'ready').find((m) => m.runId === 'b')!.backend;
    expect(report.active).toBe('cpu');
    expect(report.reasons.find((r) => r.backend === 'wasm')).toMatchObject({ outcome: 'failed', detail: 'failed earlier in this session' });
    await host.handle({ type: 'dispose', runId: 'a' });
    await host.handle({ type: 'dispose', runId: 'b' });
  });
});
