import { describe, expect, it } from 'vitest';
import { axisPositions, coarsestStride, fillFromCoarse, mapLevels } from '../../src/core/nsMapSchedule';

describe('(n, s) map schedule', () => {
  it.each([
    [20, 10],
    [1, 1],
    [7, 3],
    [64, 64],
    [2, 33],
  ])('%i × %i: every cell exactly once, coarse levels first', (nx, ny) => {
    const levels = mapLevels(nx, ny);
    const all = levels.flatMap((l) => l.cells);
    expect(all).toHaveLength(nx * ny);
    expect(new Set(all).size).toBe(nx * ny);
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(nx * ny - 1);
    // Strides halve down to 1, and a cell first appears at the coarsest level whose axis
    // positions contain both of its coordinates.
    expect(levels[levels.length - 1].stride).toBe(1);
    levels.forEach((l, k) => {
      if (k > 0) expect(l.stride).toBe(levels[k - 1].stride / 2);
      const [xs, ys] = [new Set(axisPositions(nx, l.stride)), new Set(axisPositions(ny, l.stride))];
      const [xs2, ys2] = [new Set(axisPositions(nx, l.stride * 2)), new Set(axisPositions(ny, l.stride * 2))];
      const wrong = l.cells.filter((c) => {
        const [i, j] = [c % nx, Math.floor(c / nx)];
        return !xs.has(i) || !ys.has(j) || (k > 0 && xs2.has(i) && ys2.has(j));
      });
      expect(wrong).toEqual([]);
    });
  });

  it('20 × 10 (the authors’ grid): a first draw of 6 × 4 cells that spans both axes', () => {
    expect(coarsestStride(20, 10)).toBe(4);
    const first = mapLevels(20, 10)[0].cells;
    expect(first).toHaveLength(6 * 4);
    const is = new Set(first.map((c) => c % 20));
    const js = new Set(first.map((c) => Math.floor(c / 20)));
    expect([...is].sort((a, b) => a - b)).toEqual([0, 4, 8, 12, 16, 19]);
    expect([...js].sort((a, b) => a - b)).toEqual([0, 4, 8, 9]);
  });

  it('fills a partial map from the finest complete level, NaN before the first', () => {
    const nx = 9;
    const ny = 5;
    const values = Float64Array.from({ length: nx * ny }, (_, c) => c);
    const done = new Uint8Array(nx * ny);
    expect([...fillFromCoarse(values, done, nx, ny)].every(Number.isNaN)).toBe(true);
    const [coarse, next] = mapLevels(nx, ny);
    for (const c of coarse.cells) done[c] = 1;
    const f = fillFromCoarse(values, done, nx, ny);
    expect(f.every((v) => !Number.isNaN(v))).toBe(true);
    // Coarse positions on x: 0, 2, 4, 6, 8; on y: 0, 2, 4. Cell (3, 1) takes (2, 0) (ties go low).
    expect(f[1 * nx + 3]).toBe(values[0 * nx + 2]);
    expect(f[3 * nx + 7]).toBe(values[2 * nx + 6]);
    // A computed cell of a later level shows its own value before that level is complete.
    const extra = next?.cells[0];
    if (extra !== undefined) {
      done[extra] = 1;
      expect(fillFromCoarse(values, done, nx, ny)[extra]).toBe(values[extra]);
    }
    done.fill(1);
    expect([...fillFromCoarse(values, done, nx, ny)]).toEqual([...values]);
  });

  it('rejects an empty grid', () => {
    expect(() => mapLevels(0, 3)).toThrow(/positive integers/);
  });
});
