/**
 * The landscape file format: parseLandscape accepts a well-formed file and refuses malformed ones
 * with a message naming the field; the heat map's per-cell summaries and best cell.
 */
import { describe, expect, it } from 'vitest';
import { LANDSCAPE_FORMAT, LANDSCAPE_KIND, parseLandscape, type LandscapeCell, type LandscapeFile } from '../../src/core/landscapeFile';
import { bestCell, cellAt, summarizeCells } from '../../src/core/landscapeStats';

/** A 2 × 2 grid with two seeds; accuracy grows with n, cell (1, 1) has one diverged run. */
function sample(): LandscapeFile {
  const cells: LandscapeCell[] = [];
  for (const n of [1, 4])
    for (const s of [0, 1])
      for (const seed of [1, 2]) {
        if (n === 1 && s === 1 && seed === 2) cells.push({ n, s, seed, loss: null, accuracy: null, diverged: 37 });
        else cells.push({ n, s, seed, loss: 2 - n / 4 - s / 10 + seed / 100, accuracy: n / 8 + s / 10 + seed / 100 });
      }
  return {
    kind: LANDSCAPE_KIND,
    format: LANDSCAPE_FORMAT,
    task: 'rows',
    title: 'rows',
    steps: 100,
    seeds: [1, 2],
    grid: { n: [1, 4], s: [0, 1] },
    settings: { mode: 'static', hidden: 64, batch: 32, lr: 0.003, clip: 1, constrain: true, delay: 20, backend: 'wasm', init: 'explorable' },
    test: { sequences: 512, chanceLoss: 2.3, chanceAccuracy: 0.11 },
    code: { commit: 'abc', dirty: false },
    wallTimeMs: 1000,
    cores: 2,
    workers: 2,
    createdAt: '2026-01-02T03:04:05.678Z',
    cells,
  };
}

const error = (json: unknown): string => {
  const r = parseLandscape(json);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
};

describe('parseLandscape', () => {
  it('accepts a well-formed file, as an object or as its JSON text', () => {
    const f = sample();
    expect(parseLandscape(f)).toEqual({ ok: true, value: f });
    expect(parseLandscape(JSON.stringify(f))).toEqual({ ok: true, value: f });
  });

  it('names a missing field', () => {
    const { steps: _gone, ...rest } = sample();
    expect(error(rest)).toBe('steps is missing');
    const f = sample();
    delete (f.settings as Partial<LandscapeFile['settings']>).lr;
    expect(error(f)).toBe('settings.lr is missing');
  });

  it('refuses a NaN or negative loss, naming the cell', () => {
    const f = sample();
    f.cells[2].loss = NaN;
    expect(error(f)).toBe('cells[2].loss: expected number, got NaN');
    f.cells[2].loss = -1;
    expect(error(f)).toBe('cells[2].loss: expected >=0, got -1');
  });

  it('refuses a null loss without a diverged step (JSON writes NaN as null)', () => {
    const f = sample();
    f.cells[0].loss = null;
    expect(error(JSON.parse(JSON.stringify(f)))).toBe('cells[0]: loss and accuracy must be numbers, or both null with a `diverged` step');
  });

  it('refuses another format version, saying which it knows', () => {
    expect(error({ ...sample(), format: 2 })).toBe(`format 2 is not supported: this reader knows format ${LANDSCAPE_FORMAT} (recompute with npm run landscape)`);
  });

  it('refuses foreign JSON as not a landscape file', () => {
    expect(error({ format: 'adaptive-activation-mnist-1', files: {} })).toBe(`not a landscape file: "kind" is missing, expected "${LANDSCAPE_KIND}"`);
    expect(error([1, 2, 3])).toBe('not a landscape file: expected a JSON object');
    expect(error(null)).toBe('not a landscape file: expected a JSON object');
  });

  it('refuses truncated text', () => {
    const text = JSON.stringify(sample());
    expect(error(text.slice(0, text.length - 40))).toMatch(/^not valid JSON \(a truncated or damaged file\?\): /);
  });

  it('refuses cells off the grid, repeated, or missing from a whole file', () => {
    const off = sample();
    off.cells[1].s = 0.5;
    expect(error(off)).toBe('cells[1].s = 0.5 is not in grid.s');
    const twice = sample();
    twice.cells[1] = { ...twice.cells[0] };
    expect(error(twice)).toBe('cells[1] repeats n = 1, s = 0, seed 1');
    const short = sample();
    short.cells.pop();
    expect(error(short)).toBe('cells: no entry for n = 4, s = 1, seed 2 (7 of 8 runs present)');
    expect(parseLandscape({ ...short, shard: { index: 1, count: 2 } }).ok).toBe(true);
  });

  it('refuses a grid that does not increase', () => {
    expect(error({ ...sample(), grid: { n: [4, 1], s: [0, 1] } })).toBe('grid.n: grid.n must increase strictly');
  });
});

describe('landscape summaries', () => {
  const cells = summarizeCells(sample());

  it('one summary per cell in grid order, with mean, sd, min and max across seeds', () => {
    expect(cells.map((c) => [c.n, c.s, c.i, c.j])).toEqual([[1, 0, 0, 0], [1, 1, 0, 1], [4, 0, 1, 0], [4, 1, 1, 1]]);
    const c = cellAt(cells, 4, 0);
    expect(c?.finished).toBe(2);
    expect(c?.accuracy?.mean).toBeCloseTo(0.515, 12);
    expect(c?.accuracy?.min).toBeCloseTo(0.51, 12);
    expect(c?.accuracy?.max).toBeCloseTo(0.52, 12);
    expect(c?.accuracy?.sd).toBeCloseTo(0.01 / Math.SQRT2, 12);
    expect(c?.loss?.mean).toBeCloseTo(1.015, 12);
  });

  it('a diverged run is counted, not averaged; one finished run has no sd', () => {
    const c = cellAt(cells, 1, 1);
    expect(c).toMatchObject({ finished: 1, diverged: 1 });
    const only = 1 / 8 + 1 / 10 + 1 / 100; // seed 1's accuracy
    expect(c?.accuracy).toEqual({ mean: only, sd: null, min: only, max: only });
  });

  it('the best cell has the highest mean accuracy, or the lowest mean loss', () => {
    expect(bestCell(cells)).toMatchObject({ n: 4, s: 1 });
    expect(bestCell(cells, 'loss')).toMatchObject({ n: 4, s: 1 });
    expect(bestCell(cells.filter((c) => c.s === 0), 'loss')).toMatchObject({ n: 4, s: 0 });
    expect(bestCell([])).toBeUndefined();
  });
});
