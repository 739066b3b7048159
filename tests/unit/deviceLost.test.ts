/**
 * A GPU device lost outside any step (the browser settles GPUDevice.lost) moves every run to the
 * next backend from its last checkpoint, as a step that throws does. In node the 'webgpu' backend
 * is a stand-in: the cpu kernels under that name, with a `device` whose `lost` the test settles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { EngineHost } from '../../src/engine/host';
import type { WorkerMessage } from '../../src/engine/protocol';
import { smallConfig, until } from './trainerHarness';

let loseDevice: (info: { reason: string; message: string }) => void = () => undefined;
const realNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

beforeAll(async () => {
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'webgpu' });
  tf.registerBackend('webgpu', () => {
    const backend = new MathBackendCPU() as MathBackendCPU & { device: { lost: Promise<{ reason: string; message: string }> } };
    backend.device = { lost: new Promise((ok) => (loseDevice = ok)) };
    return backend;
  });
  // What the host asks before it uses WebGPU: an adapter that is not a software fallback.
  Object.defineProperty(globalThis, 'navigator', {
    configurable: true,
    value: { gpu: { requestAdapter: async () => ({ info: { vendor: 'test', isFallbackAdapter: false } }) } },
  });
  await tf.setBackend('cpu');
});

afterAll(async () => {
  if (realNavigator) Object.defineProperty(globalThis, 'navigator', realNavigator);
  else delete (globalThis as { navigator?: unknown }).navigator;
  await tf.setBackend('cpu');
  tf.removeBackend('webgpu');
});

const of = <T extends WorkerMessage['type']>(log: WorkerMessage[], type: T) => log.filter((m): m is Extract<WorkerMessage, { type: T }> => m.type === type);

describe('a lost GPU device', () => {
  it('moves the running run to cpu from its last checkpoint, says why, and training goes on', async () => {
    const log: WorkerMessage[] = [];
    const host = new EngineHost({ post: (m) => log.push(m), loadData: async () => undefined });
    await host.handle({ type: 'configure', runId: 'r', config: smallConfig({ backend: 'webgpu' }) });
    expect(of(log, 'ready')[0].backend.active).toBe('webgpu');
    await host.handle({ type: 'step', runId: 'r', count: 20 });
    await until(() => of(log, 'checkpoint').some((m) => m.checkpoint.step === 20));
    await host.handle({ type: 'play', runId: 'r' });
    await until(() => host.run('r')!.step >= 30);

    loseDevice({ reason: 'unknown', message: 'the GPU process exited' });
    await until(() => of(log, 'backendFallback').length > 0);
    const fb = of(log, 'backendFallback')[0];
    expect(fb).toMatchObject({ runId: 'r', from: 'webgpu', to: 'cpu', cause: 'device lost (the GPU process exited)', resumeStep: 20 });
    expect(fb.failedStep).toBeGreaterThanOrEqual(30);
    expect(tf.getBackend()).toBe('cpu');

    await until(() => host.run('r')!.step >= fb.failedStep + 10);
    expect(host.run('r')!.status).toBe('running');
    await host.handle({ type: 'pause', runId: 'r' });
    const steps = of(log, 'snapshot').flatMap((m) => [...m.snapshot.steps]);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i));
    expect(of(log, 'error')).toEqual([]);
    await host.handle({ type: 'dispose', runId: 'r' });
  });
});
