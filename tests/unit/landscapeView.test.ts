/**
 * The landscape section's pure parts: heat-map cell geometry on the pad's log-n × s scales, the
 * colour ramp (better is brighter for accuracy and loss), the facts its sentences quote, the
 * folder index the page reads, and the actions' state changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellEdges, cellUnder, colourScale, heatGrid } from '../../src/charts/landscape/heatGeometry';
import { LANDSCAPE_INDEX, parseLandscape, parseLandscapeIndex, type LandscapeFile } from '../../src/core/landscapeFile';
import { summarizeCells } from '../../src/core/landscapeStats';
import { landscapeFacts, distinctBest } from '../../src/panels/landscape/landscapeFacts';
import { withStaticHere } from '../../src/panels/landscape/landscapeActions';
import { ROOT } from './mnistData';

const dir = join(ROOT, 'public', 'landscape');
const read = (task: string): LandscapeFile => {
  const r = parseLandscape(readFileSync(join(dir, `${task}.json`), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('heat map geometry', () => {
  it('splits a log-spaced gain grid at geometric midpoints, clipped to the pad', () => {
    const e = cellEdges([0.5, 1, 2, 4, 8, 16], true, 0.1, 100);
    expect(e[0][0]).toBeCloseTo(0.5 / Math.SQRT2, 10);
    expect(e[0][1]).toBeCloseTo(Math.SQRT2 * 0.5, 10);
    expect(e[5][1]).toBeCloseTo(16 * Math.SQRT2, 10);
    for (let i = 1; i < e.length; i++) expect(e[i][0]).toBeCloseTo(e[i - 1][1], 12);
  });

  it('splits s at arithmetic midpoints and keeps the edge rows inside [0, 1]', () => {
    expect(cellEdges([0, 0.25, 0.5, 0.75, 1], false, 0, 1)).toEqual([
      [0, 0.125],
      [0.125, 0.375],
      [0.375, 0.625],
      [0.625, 0.875],
      [0.875, 1],
    ]);
  });

  it('finds the cell under a point, and none off the grid', () => {
    const f = read('rows');
    const cells = summarizeCells(f);
    const g = heatGrid(f.grid);
    expect(cellUnder(cells, g, 4.5, 0.1)).toMatchObject({ n: 4, s: 0 });
    expect(cellUnder(cells, g, 15, 0.9)).toMatchObject({ n: 16, s: 1 });
    expect(cellUnder(cells, g, 60, 0.5)).toBeUndefined();
  });

  it('colours better cells brighter for accuracy and for loss, with chance inside the ramp', () => {
    const cells = summarizeCells(read('rows'));
    const acc = colourScale(cells, 'accuracy', 0.113);
    const loss = colourScale(cells, 'loss', 2.3);
    expect(acc.lo).toBeLessThanOrEqual(0.113);
    expect(loss.hi).toBeGreaterThanOrEqual(2.3);
    // viridis: dark purple (#440154) at the bad end, yellow (#fde725) at the good end.
    expect(acc.colour(acc.hi)).toBe(loss.colour(loss.lo));
    expect(acc.colour(acc.lo)).toBe(loss.colour(loss.hi));
    expect(acc.colour(acc.hi)).toMatch(/^#fde725$|^rgb\(253, 231, 37\)$/);
  });
});

describe('landscape facts', () => {
  it('rows: best cell n = 4, s = 0 ahead of softplus and sigmoid beyond the spread, but not of n = 8', () => {
    const f = read('rows');
    const facts = landscapeFacts(f, summarizeCells(f))!;
    expect(facts.best).toMatchObject({ n: 4, s: 0 });
    expect(facts.runnerUp).toMatchObject({ n: 8, s: 0 });
    expect(facts.separated).toBe(false);
    expect(facts.beatsUsual).toBe(true);
    expect(facts.bestIsUsual).toBe(false);
    expect(facts.atGainEdge).toBeNull();
    expect(facts.landmarks.map((l) => l.name)).toEqual(['softplus', 'sigmoid', 'ReLU-like (n = 16, s = 0)', 'step-like (n = 16, s = 1)']);
  });

  it('ps14: a cell that scores higher on the seeds that finished, but diverged on others, is named, not ranked', () => {
    const f = read('ps14');
    const cells = summarizeCells(f);
    const facts = landscapeFacts(f, cells)!;
    expect(facts.best).toMatchObject({ n: 8, s: 0.25, diverged: 0 });
    expect(facts.unstable).toMatchObject({ n: 16, s: 0, finished: 1, diverged: 2 });
    // The runner-up is ranked by the same rule as the best: every seed trained, and no higher mean.
    expect(facts.runnerUp!.diverged).toBe(0);
    expect(facts.runnerUp!.accuracy!.mean).toBeLessThanOrEqual(facts.best.accuracy!.mean);
  });

  it('rows: no cell beats the best on fewer seeds', () => {
    const f = read('rows');
    expect(landscapeFacts(f, summarizeCells(f))!.unstable).toBeUndefined();
  });

  it('copy: the best cell sits on the largest gain of the grid', () => {
    const f = read('copy');
    const facts = landscapeFacts(f, summarizeCells(f))!;
    expect(facts.best).toMatchObject({ n: 16, s: 0 });
    expect(facts.atGainEdge).toBe('max');
  });

  it('the committed tasks do not share a best cell (task-specific)', () => {
    const bests = ['rows', 'ps14', 'copy', 'flipflop'].map((t) => {
      const f = read(t);
      return { task: f.task, best: landscapeFacts(f, summarizeCells(f))!.best };
    });
    expect(distinctBest(bests)).toBe(true);
  });
});

describe('landscape folder index', () => {
  it('lists exactly the task files committed in public/landscape', () => {
    const r = parseLandscapeIndex(readFileSync(join(dir, LANDSCAPE_INDEX), 'utf8'));
    expect(r.ok).toBe(true);
    const files = readdirSync(dir).filter((f) => f !== LANDSCAPE_INDEX && f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    if (r.ok) expect([...r.value.tasks].sort()).toEqual(files.sort());
  });

  it('refuses a foreign or damaged index', () => {
    expect(parseLandscapeIndex('{').ok).toBe(false);
    expect(parseLandscapeIndex({ kind: 'x', format: 1, tasks: [] }).ok).toBe(false);
    expect(parseLandscapeIndex({ kind: 'adaptive-activation-landscape-index', format: 1, tasks: ['chess'] }).ok).toBe(false);
  });
});

describe('adding a cell to the comparison', () => {
  it('appends static-here, once, replacing the last preset when the comparison is full', () => {
    expect(withStaticHere(['static-relu', 'homogeneous'])).toEqual(['static-relu', 'homogeneous', 'static-here']);
    expect(withStaticHere(['static-here', 'homogeneous'])).toEqual(['static-here', 'homogeneous']);
    expect(withStaticHere(['static-relu', 'homogeneous', 'heterogeneous', 'tanh'])).toEqual(['static-relu', 'homogeneous', 'heterogeneous', 'static-here']);
  });
});
