import { describe, expect, it } from 'vitest';
import { lyapunovSpectrum } from '../../src/core/lyapunov';
import { mapLevels } from '../../src/core/nsMapSchedule';
import { gradientCell, untrainedSetup } from '../../src/core/nsMaps';
import { createRng } from '../../src/core/rng';
import { createDynamicsClient, mapKey, type MapProgress } from '../../src/engine/dynamicsClient';
import { createDynamicsHost, type DynamicsHostEnv } from '../../src/engine/dynamicsHost';
import type { DynamicsCommand, DynamicsMessage, MapRequest } from '../../src/engine/dynamicsProtocol';

/**
 * Stands in for the dynamics worker in node: the real host runs in-process, and messages cross
 * asynchronously in both directions as they would between threads.
 */
class FakeWorker {
  onmessage: ((e: MessageEvent<DynamicsMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly commands: DynamicsCommand[] = [];
  readonly messages: DynamicsMessage[] = [];
  terminated = false;
  readonly host;

  constructor(env: Partial<DynamicsHostEnv> = {}) {
    this.host = createDynamicsHost({
      ...env,
      post: (msg) => {
        if (this.terminated) return;
        this.messages.push(msg);
        setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<DynamicsMessage>), 0);
      },
    });
  }

  postMessage(cmd: DynamicsCommand): void {
    this.commands.push(cmd);
    setTimeout(() => this.host.handle(cmd), 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** What the browser does when the worker throws at top level. */
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function setup(env: Partial<DynamicsHostEnv> = {}) {
  const workers: FakeWorker[] = [];
  // The fake implements the members the client uses; the rest of Worker is never touched.
  const client = createDynamicsClient({ createWorker: () => (workers[workers.push(new FakeWorker(env)) - 1] as unknown as Worker) });
  return { client, workers };
}

const request: MapRequest = {
  kind: 'gradient',
  hidden: 8,
  seed: 2,
  steps: 12,
  probes: 2,
  grid: { n: [1, 2, 3, 5, 8, 12, 16, 20, 25], s: [0, 0.25, 0.5, 0.75, 1] },
};

describe('dynamics client and host', () => {
  it('delivers a map coarse first, then refined, and the values are the cells of core', async () => {
    // sliceMs 0: the host yields after every cell, so the map arrives in many pieces.
    const { client, workers } = setup({ sliceMs: 0 });
    const seen: MapProgress[] = [];
    const final = await client.map(request, (p) => seen.push(p)).done;
    expect(workers).toHaveLength(1);
    expect(final?.complete).toBe(true);
    expect(final?.done).toBe(45);
    expect(seen.length).toBeGreaterThan(10);
    // done only grows; the first drawable state comes exactly when the coarsest level is in.
    seen.forEach((p, i) => i > 0 && expect(p.done).toBeGreaterThanOrEqual(seen[i - 1].done));
    const firstCoarse = seen.find((p) => p.coarse)!;
    expect(firstCoarse.done).toBe(mapLevels(9, 5)[0].cells.length);
    expect(firstCoarse.filled.every(Number.isFinite)).toBe(true);
    // Before that, only the computed cells can be drawn.
    const early = seen.filter((p) => !p.coarse);
    expect(early.length).toBeGreaterThan(0);
    for (const p of early) expect(p.filled.every((v, c) => (p.computed[c] ? v === p.values[c] : Number.isNaN(v)))).toBe(true);
    // Snapshots are independent: an early one was not filled in later.
    expect(seen[0].computed.reduce((a, b) => a + b, 0)).toBe(seen[0].done);
    const u = untrainedSetup(request);
    for (const c of [0, 13, 44]) expect(final!.values[c]).toBe(gradientCell(u, request.grid.n[c % 9], request.grid.s[Math.floor(c / 9)]));
    expect(final!.filled).toEqual(final!.values);
  });

  it('keeps finished maps for the session and joins a request already in flight', async () => {
    const { client, workers } = setup();
    const a = client.map(request);
    const b = client.map({ ...request, grid: { n: [...request.grid.n], s: [...request.grid.s] } });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra).toBe(rb);
    expect(workers[0].commands.filter((c) => c.type === 'map')).toHaveLength(1);
    const updates: MapProgress[] = [];
    const c = await client.map(request, (p) => updates.push(p)).done;
    expect(c).toBe(ra);
    expect(updates).toEqual([ra]);
    expect(workers[0].commands.filter((cmd) => cmd.type === 'map')).toHaveLength(1);
    expect(client.cached(request)).toBe(ra);
  });

  it('keys requests by their meaning: defaults filled in, fields of other kinds ignored', () => {
    expect(mapKey({ ...request, inputs: 1 })).toBe(mapKey(request));
    expect(mapKey({ ...request, window: 3 })).toBe(mapKey(request));
    expect(mapKey({ ...request, kind: 'mi', window: 3 })).not.toBe(mapKey({ ...request, kind: 'mi' }));
    expect(mapKey({ ...request, seed: 3 })).not.toBe(mapKey(request));
  });

  it('cancels: done resolves null, the worker stops computing, nothing is cached', async () => {
    const { client, workers } = setup({ sliceMs: 0 });
    let job: ReturnType<typeof client.map> | undefined;
    const cancelledAt = new Promise<number>((ok) => {
      job = client.map(request, (p) => {
        if (p.done >= 3 && job) {
          job.cancel();
          ok(p.done);
        }
      });
    });
    const at = await cancelledAt;
    expect(await job!.done).toBeNull();
    await workers[0].host.idle();
    expect(workers[0].commands.map((c) => c.type)).toEqual(['map', 'cancel']);
    const cells = workers[0].messages.filter((m) => m.type === 'map-cells').reduce((s, m) => s + (m.type === 'map-cells' ? m.cells.length : 0), 0);
    // The host sees the cancel at its next yield: at most a couple of cells after the one shown.
    expect(cells).toBeLessThan(at + 3);
    expect(workers[0].messages.some((m) => m.type === 'map-done')).toBe(false);
    expect(client.cached(request)).toBeUndefined();
  });

  it('runs Lyapunov exponents of given weights, with running estimates', async () => {
    const { client } = setup();
    const N = 12;
    const r = createRng(1);
    const V = new Float32Array(N * N).map(() => (2 / Math.sqrt(N)) * r.normal());
    const req = { V, b: new Float32Array(N), n: 4, s: new Float32Array(N).fill(0.7), k: 3, steps: 400, burnIn: 50, seed: 1, every: 100 };
    const steps: number[] = [];
    const ex = await client.lyapunov(req, (p) => steps.push(p.step)).done;
    expect(steps).toEqual([100, 200, 300, 400]);
    expect(ex).toEqual(lyapunovSpectrum(req, req));
  });

  it('reports a bad request as a failed job', async () => {
    const { client } = setup();
    await expect(client.map({ ...request, grid: { n: [0, 1], s: [0] } }).done).rejects.toThrow(/n of the grid/);
    await expect(client.lyapunov({ V: new Float64Array(4), b: new Float64Array(2), n: 1, s: 0, k: 5, steps: 10, burnIn: 0 }).done).rejects.toThrow(/k = 5/);
  });

  it('a crash fails the jobs in flight; the next request starts a new worker', async () => {
    const { client, workers } = setup({ sliceMs: 0 });
    const job = client.map(request);
    workers[0].crash('out of memory');
    await expect(job.done).rejects.toThrow(/crashed \(out of memory\)/);
    expect(workers[0].terminated).toBe(true);
    const again = await client.map(request).done;
    expect(workers).toHaveLength(2);
    expect(again?.complete).toBe(true);
  });

  it('terminate ends jobs in flight as cancelled', async () => {
    const { client, workers } = setup({ sliceMs: 0 });
    const job = client.map(request);
    client.terminate();
    expect(await job.done).toBeNull();
    expect(workers[0].terminated).toBe(true);
  });
});
