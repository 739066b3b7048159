import { describe, expect, it } from 'vitest';
import { DecimatedSeries } from '../../src/core/decimate';
import { ThinningLog } from '../../src/core/thinningLog';

/** Deterministic noise so failures reproduce. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('DecimatedSeries', () => {
  it('keeps every point while under capacity', () => {
    const s = new DecimatedSeries(100);
    for (let i = 0; i < 40; i++) s.append(i, Math.sin(i));
    const p = s.points();
    expect(p.length).toBe(40);
    expect(Array.from(p.x)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('stays within its bound for 100,000 points and keeps first, last and the extremes', () => {
    const s = new DecimatedSeries(2000);
    const rnd = lcg(7);
    let minY = Infinity;
    let maxY = -Infinity;
    let minX = -1;
    let maxX = -1;
    for (let i = 0; i < 100_000; i++) {
      let y = 2 + Math.exp(-i / 20000) + 0.1 * rnd();
      if (i === 31_337) y = 50; // a spike
      if (i === 77_777) y = -3; // a dip
      if (y < minY) [minY, minX] = [y, i];
      if (y > maxY) [maxY, maxX] = [y, i];
      s.append(i, y);
      if (i % 9_973 === 0) expect(s.points().length).toBeLessThanOrEqual(2000);
    }
    const p = s.points();
    expect(p.length).toBeLessThanOrEqual(2000);
    expect(p.length).toBeGreaterThan(900);
    expect(p.x[0]).toBe(0);
    expect(p.x[p.length - 1]).toBe(99_999);
    const xs = Array.from(p.x);
    expect(xs).toContain(minX);
    expect(xs).toContain(maxX);
    expect(s.extent()).toEqual([minY, maxY]);
    for (let i = 1; i < p.length; i++) expect(p.x[i]).toBeGreaterThan(p.x[i - 1]);
    expect(s.rawCount).toBe(100_000);
  });

  it('keeps the local max of every bucket: a periodic spike train survives decimation', () => {
    const s = new DecimatedSeries(202);
    for (let i = 0; i < 20_000; i++) s.append(i, i % 1000 === 500 ? 10 : 0);
    const p = s.points();
    const spikes = Array.from(p.x).filter((_, i) => p.y[i] === 10);
    expect(spikes).toEqual(Array.from({ length: 20 }, (_, k) => k * 1000 + 500));
  });

  it('refuses non-finite values and counts them', () => {
    const s = new DecimatedSeries(10);
    s.append(0, 1);
    s.append(1, NaN);
    s.append(2, Infinity);
    s.append(3, 2);
    expect(s.points().length).toBe(2);
    expect(s.skippedCount).toBe(2);
  });

  it('merges buckets by doubling their width: 100,000 points in buckets of 128 raw points each', () => {
    const s = new DecimatedSeries(2000);
    for (let i = 0; i < 100_000; i++) s.append(i, Math.sin(i / 100));
    // Widths double (each raw point is merged O(log n) times, O(1) amortised per append) and
    // the buckets stay within their bound.
    expect(s.bucketWidth).toBe(128);
    expect(s.points().length).toBeLessThanOrEqual(2000);
    expect(s.rawCount).toBe(100_000);
  });
});

describe('ThinningLog', () => {
  it('stays bounded, keeps the first frame, spans the run and always knows the newest', () => {
    const log = new ThinningLog<number>(50);
    for (let i = 0; i < 100_000; i++) {
      log.offer(i, i * 2);
      expect(log.size).toBeLessThanOrEqual(51);
    }
    const all = log.all();
    expect(all[0].step).toBe(0);
    expect(all[all.length - 1].step).toBe(99_999);
    expect(log.latest()?.value).toBe(199_998);
    // Spread over the run, not bunched at one end.
    expect(all[Math.floor(all.length / 2)].step).toBeGreaterThan(25_000);
    expect(all[Math.floor(all.length / 2)].step).toBeLessThan(75_000);
    for (let i = 1; i < all.length; i++) expect(all[i].step).toBeGreaterThan(all[i - 1].step);
  });

  it('at(step) returns the last frame at or before the step', () => {
    const log = new ThinningLog<string>(10);
    for (const s of [0, 10, 20, 30]) log.offer(s, `f${s}`);
    expect(log.at(25)?.value).toBe('f20');
    expect(log.at(30)?.value).toBe('f30');
    expect(log.at(-5)?.value).toBe('f0');
    expect(log.at(1e9)?.value).toBe('f30');
  });
});
