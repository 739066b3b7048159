/**
 * The dynamics host's share of a core: below 1, every slice of computation is followed by a rest
 * in proportion (share 0.25: three times the slice), on one clock for all jobs; the client passes
 * the share on, also to a worker it spawns later.
 * A fake clock makes it exact: reading it costs 1 ms, and a rest advances it by what was asked.
 */
import { describe, expect, it } from 'vitest';
import { createDynamicsHost } from '../../src/engine/dynamicsHost';
import { createDynamicsClient } from '../../src/engine/dynamicsClient';
import type { DynamicsCommand, MapRequest } from '../../src/engine/dynamicsProtocol';

/** 20 × 10 cheap cells: slices of 20 clock reads each, against the 3 reads a rest costs. */
const request = (seed: number): MapRequest => ({
  kind: 'gradient',
  hidden: 4,
  seed,
  steps: 4,
  probes: 1,
  grid: { n: Array.from({ length: 20 }, (_, i) => 0.5 + i), s: Array.from({ length: 10 }, (_, j) => j / 9) },
});

function clockedHost(share?: number) {
  let t = 0;
  let busy = 0;
  let rested = 0;
  const host = createDynamicsHost({
    post: () => undefined,
    yieldNow: () => Promise.resolve(),
    now: () => {
      busy++;
      return ++t;
    },
    sleep: async (ms) => {
      rested += ms;
      t += ms;
    },
    sliceMs: 20,
  });
  if (share !== undefined) host.handle({ type: 'share', share });
  return { host, busy: () => busy, rested: () => rested };
}

describe('the dynamics share of a core', () => {
  it('computes a quarter of the time at a share of 0.25, with one job or two, and never rests at a full share', async () => {
    for (const jobs of [1, 2]) {
      const quarter = clockedHost(0.25);
      for (let j = 0; j < jobs; j++) quarter.host.handle({ type: 'map', id: j + 1, request: request(j + 1) });
      await quarter.host.idle();
      // The share of the clock spent computing: a quarter, give or take the clock reads around each
      // rest (they cost time here, as every read does, but belong to no slice).
      const used = quarter.busy() / (quarter.busy() + quarter.rested());
      expect(used).toBeGreaterThanOrEqual(0.249);
      expect(used).toBeLessThan(0.36);

      const full = clockedHost();
      for (let j = 0; j < jobs; j++) full.host.handle({ type: 'map', id: j + 1, request: request(j + 1) });
      await full.host.idle();
      expect(full.rested()).toBe(0);
    }
  });

  it('is passed on by the client, also to the worker it spawns later', () => {
    const sent: DynamicsCommand[] = [];
    const client = createDynamicsClient({ createWorker: () => ({ postMessage: (c: DynamicsCommand) => sent.push(c), terminate() {} }) as unknown as Worker });
    client.setShare(0.25);
    expect(sent).toEqual([]);
    void client.map(request(1)).done;
    expect(sent.map((c) => c.type)).toEqual(['share', 'map']);
    expect(sent[0]).toEqual({ type: 'share', share: 0.25 });
    client.setShare(1);
    expect(sent.at(-1)).toEqual({ type: 'share', share: 1 });
    client.setShare(1);
    expect(sent).toHaveLength(3);
  });
});
