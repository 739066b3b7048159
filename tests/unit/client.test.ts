/**
 * The page's worker client with a fake Worker and fake timers: restart and resume after a crash,
 * the heartbeat that tells a hung worker from one busy in a long step, and the limits that stop a
 * run instead of restarting it forever.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTrainerClient, MAX_STALLED_RESTARTS, type TrainerClient } from '../../src/engine/client';
import type { RunConfig, WorkerMessage } from '../../src/engine/protocol';
import { WorkerFactory } from './fakeWorker';
import { smallConfig } from './trainerHarness';

const HEARTBEAT = 1000;
const SILENCE = 10_000;
const WARMUP = 60_000;

let factory: WorkerFactory;
let client: TrainerClient;
let seen: WorkerMessage[];

beforeEach(() => {
  vi.useFakeTimers();
  factory = new WorkerFactory();
  client = createTrainerClient({ createWorker: factory.create, baseUrl: 'http://x/', heartbeatMs: HEARTBEAT, silenceMs: SILENCE, warmupSilenceMs: WARMUP });
  seen = [];
  client.subscribe((m) => seen.push(m));
});

afterEach(() => {
  client.terminate();
  vi.useRealTimers();
});

const config: RunConfig = smallConfig({ backend: 'wasm' });
const of = <T extends WorkerMessage['type']>(type: T) => seen.filter((m): m is Extract<WorkerMessage, { type: T }> => m.type === type);
const stepsSeen = () => of('snapshot').flatMap((m) => [...m.snapshot.steps]);

/** Configures run 'r', lets the worker report it ready and playing, with `steps` steps done. */
function startRunning(steps: number): void {
  client.send({ type: 'configure', runId: 'r', config });
  client.send({ type: 'play', runId: 'r' });
  const w = factory.live;
  w.status('r', 'idle', 0);
  w.status('r', 'running', 0);
  w.snapshot('r', 0, steps);
}

describe('restart after a crash', () => {
  it('re-sends the configuration with the latest checkpoint and play; statuses and steps stay monotonic', () => {
    startRunning(30);
    const cp = factory.live.checkpoint('r', 25);
    factory.live.snapshot('r', 30, 10);
    const first = factory.live;
    first.crash('out of memory');
    expect(first.terminated).toBe(true);
    vi.advanceTimersByTime(150);
    expect(factory.made.length).toBe(2);
    const second = factory.live;
    const cmds = second.commands();
    expect(cmds[0]).toEqual({ type: 'configure', runId: 'r', config, restore: cp });
    expect(cmds[1]).toEqual({ type: 'play', runId: 'r' });
    expect(of('restarted')).toEqual([{ type: 'restarted', runId: 'r', step: 25, reason: 'the training worker crashed (out of memory) and was restarted at step 25; history kept' }]);
    // The fresh worker builds the run and reports it idle first: the page keeps hearing 'running'.
    second.status('r', 'idle', 25);
    second.status('r', 'running', 25);
    // It redoes steps 25…39, which the page already has, then goes on.
    second.snapshot('r', 25, 20);
    expect(of('status').map((m) => m.status)).toEqual(['idle', 'running', 'running', 'running', 'running']);
    expect(stepsSeen()).toEqual(Array.from({ length: 45 }, (_, i) => i));
    expect(client.restarts).toBe(1);
  });

  it('a paused run comes back paused at its checkpoint, with no play sent', () => {
    startRunning(20);
    client.send({ type: 'pause', runId: 'r' });
    factory.live.status('r', 'paused', 20);
    factory.live.checkpoint('r', 20);
    factory.live.crash();
    vi.advanceTimersByTime(150);
    expect(factory.live.commands().map((c) => c.type)).toEqual(['configure']);
    factory.live.status('r', 'idle', 20);
    expect(of('status').at(-1)).toMatchObject({ status: 'paused', step: 20 });
  });

  it('commands sent while restarting reach the new worker after the configuration', () => {
    startRunning(5);
    factory.live.crash();
    client.send({ type: 'setLr', runId: 'r', lr: 0.01 });
    vi.advanceTimersByTime(150);
    expect(factory.live.commands().map((c) => c.type)).toEqual(['configure', 'play', 'setLr']);
  });

  it('gives up on a worker that crashes more than three times within a minute', () => {
    startRunning(5);
    for (let i = 0; i < 4; i++) {
      factory.live.snapshot('r', 5 + i, 1);
      factory.live.crash();
      vi.advanceTimersByTime(150);
    }
    expect(factory.made.length).toBe(4);
    const last = of('status').at(-1)!;
    expect(last.status).toBe('failed');
    expect(last.reason).toMatch(/4 times within a minute; not restarting it again/);
  });
});

describe('the heartbeat', () => {
  it('restarts a worker that stops answering while a run plays', () => {
    startRunning(10);
    factory.live.hung = true;
    vi.advanceTimersByTime(SILENCE - HEARTBEAT);
    expect(factory.made.length).toBe(1);
    vi.advanceTimersByTime(2 * HEARTBEAT + 150);
    expect(factory.made.length).toBe(2);
    expect(of('restarted')[0].reason).toMatch(/^the training worker stopped answering for 1\d s and was restarted at step 0; history kept$/);
  });

  it('leaves a paused run alone however long the worker is silent', () => {
    startRunning(10);
    client.send({ type: 'pause', runId: 'r' });
    factory.live.hung = true;
    vi.advanceTimersByTime(10 * SILENCE);
    expect(factory.made.length).toBe(1);
  });

  it('allows a step the worker announced as long, and no more than three times its length', () => {
    startRunning(1);
    const w = factory.live;
    w.hung = true;
    w.send({ type: '__busy', ms: 30_000 });
    vi.advanceTimersByTime(80_000);
    expect(factory.made.length).toBe(1);
    vi.advanceTimersByTime(12_000);
    expect(factory.made.length).toBe(2);
  });

  it('stops a run that never gets a step done across restarts instead of looping', () => {
    client.send({ type: 'configure', runId: 'r', config });
    client.send({ type: 'play', runId: 'r' });
    for (let k = 0; k <= MAX_STALLED_RESTARTS; k++) {
      // Each worker stays silent from the start: never a snapshot, never a pong.
      factory.live.hung = true;
      vi.advanceTimersByTime(WARMUP + 2 * HEARTBEAT + 150);
    }
    // The original worker and one per restart; the last restart's worker no longer hosts the run.
    expect(factory.made.length).toBe(MAX_STALLED_RESTARTS + 2);
    expect(factory.live.commands()).toEqual([]);
    const failed = of('status').filter((m) => m.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatch(/failed 3 times in a row before this run finished another step .*this setting may be too large/);
    // No further restarts: the run is gone from the client.
    vi.advanceTimersByTime(5 * WARMUP);
    expect(factory.made.length).toBe(MAX_STALLED_RESTARTS + 2);
  });

  it('keeps restarting a run that makes progress between failures', () => {
    startRunning(1);
    for (let k = 0; k < 5; k++) {
      factory.live.snapshot('r', 100 * (k + 1), 1);
      factory.live.hung = true;
      vi.advanceTimersByTime(SILENCE + 2 * HEARTBEAT + 150);
      // More than a minute apart: the crash-rate limit does not apply either.
      vi.advanceTimersByTime(60_000);
    }
    expect(of('status').some((m) => m.status === 'failed')).toBe(false);
    expect(client.restarts).toBeGreaterThanOrEqual(5);
  });
});
