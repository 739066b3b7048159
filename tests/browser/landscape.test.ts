/**
 * The landscape section in the built page: the committed file drawn as a heat map with its best
 * cell and the spread on hover, a run's trajectory over it, the metric switch in the URL, a cell
 * opened as a live run or added to the comparison, the per-neuron solutions figure, and the notes
 * for a malformed or missing file. Every wait is on a condition.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseLandscape } from '../../src/core/landscapeFile';
import { summarizeCells, cellAt } from '../../src/core/landscapeStats';
import { spreadText } from '../../src/charts/landscape/CellTip';
import { baseUrl, launch, open } from './browser';
import { waitStatus, waitStep } from './pageHelpers';

const FAST = 'hidden=8&batch=4&backend=wasm';
const rows = (() => {
  const r = parseLandscape(readFileSync('public/landscape/rows.json', 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Page coordinates of the centre of the cell at (n, s), from the heat map's geometry on screen. */
async function cellCentre(page: Page, n: number, s: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([n, s]) => {
      const svg = document.querySelector('[data-testid=figure-landscape] [data-testid=pad-svg]') as SVGSVGElement;
      const [left, top, iw, ih] = (svg.getAttribute('data-plot') ?? '').split(',').map(Number);
      const r = svg.getBoundingClientRect();
      // The pad's scales: log n over 0.1 … 100 across, s over 0 … 1 up.
      const x = r.left + left + ((Math.log10(n) + 1) / 3) * iw;
      const y = r.top + top + (1 - s) * ih;
      return { x, y };
    },
    [n, s] as const,
  );
}

describe('landscape heat map', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    const opened = await open(browser, `panels=train,landscape&task=rows&${FAST}`, { reducedMotion: 'reduce' });
    page = opened.page;
    errors = opened.errors;
    await page.waitForSelector('[data-testid=landscape-cells][data-drawn="30"]');
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('renders with the best cell marked, and a trajectory over it', async () => {
    // The file's best cell (highest mean accuracy) is ringed, and the map is brightest there.
    await page.locator('[data-testid=figure-landscape]').scrollIntoViewIfNeeded();
    expect(await page.getAttribute('[data-testid=landscape-best]', 'data-n')).toBe('4');
    expect(await page.getAttribute('[data-testid=landscape-best]', 'data-s')).toBe('0');
    const colours = await page.evaluate(() => {
      const at = (n: number, s: number) => {
        const cell = document.querySelector(`[data-testid=landscape-cells] rect[data-n="${n}"][data-s="${s}"]`) as SVGRectElement;
        return getComputedStyle(cell).fill.match(/\d+/g)!.map(Number).slice(0, 3);
      };
      return { best: at(4, 0), sigmoidCell: at(1, 1) };
    });
    // viridis: yellow at the top of the ramp, dark blue-purple near the bottom.
    expect(colours.best[0]).toBeGreaterThan(200);
    expect(colours.best[1]).toBeGreaterThan(200);
    expect(colours.sigmoidCell[1]).toBeLessThan(130);
    expect(await page.textContent('[data-testid=landscape-legend]')).toContain('test accuracy, mean of 3 seeds');

    // A run on the same task appears over the map as a trajectory.
    await page.click('[data-testid=train-play]');
    await waitStep(page, 12);
    await page.click('[data-testid=train-pause]');
    await waitStatus(page, 'paused');
    await page.locator('[data-testid=figure-landscape]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=landscape-track-0] [data-testid=pad-trajectory]')?.getAttribute('data-count')) >= 2);
    expect(await page.textContent('[data-testid=landscape-tracks]')).toContain('this run');
    const measure = await page.evaluate(() => performance.getEntriesByName('landscape-draw').map((e) => e.duration));
    console.log(`landscape-draw (file in hand → heat map cells in the page): ${measure.map((v) => v.toFixed(1)).join(', ')} ms`);
    expect(measure.length).toBe(1);
    expect(errors).toEqual([]);
  });

  it('gives a cell’s spread across seeds on hover, from the file', async () => {
    const at = await cellCentre(page, 16, 0.25);
    await page.mouse.move(at.x, at.y);
    await page.waitForSelector('[data-testid=landscape-tip]');
    const cell = cellAt(summarizeCells(rows), 16, 0.25)!;
    expect(await page.textContent('[data-testid=landscape-tip]')).toContain('n = 16, s = 0.25');
    expect(await page.textContent('[data-testid=landscape-tip-accuracy]')).toBe(`test accuracy: ${spreadText(cell.accuracy, 'accuracy')}`);
    expect(await page.textContent('[data-testid=landscape-tip-loss]')).toBe(`test loss: ${spreadText(cell.loss, 'loss')}`);
    await page.mouse.move(5, 5);
    await page.waitForSelector('[data-testid=landscape-tip]', { state: 'detached' });
  });

  it('switches between accuracy and loss through the URL', async () => {
    await page.selectOption('[data-testid=landscape-metric]', 'loss');
    await page.waitForFunction(() => location.hash.includes('lmetric=loss'));
    await page.waitForSelector('[data-testid=landscape-heat][data-metric=loss]');
    expect(await page.textContent('[data-testid=landscape-legend]')).toContain('test loss, mean of 3 seeds');
    // rows: the lowest mean loss is the same cell as the best accuracy.
    expect(await page.getAttribute('[data-testid=landscape-best]', 'data-n')).toBe('4');
    await page.goBack();
    await page.waitForSelector('[data-testid=landscape-heat][data-metric=accuracy]');
  });

  it('opens a cell as a live run, and adds one to the comparison', async () => {
    const at = await cellCentre(page, 16, 0.25);
    await page.mouse.click(at.x, at.y);
    await page.waitForSelector('[data-testid=landscape-cell][data-n="16"][data-s="0.25"]');
    await page.click('[data-testid=landscape-open]');
    await page.waitForFunction(() => /(^|[#&])mode=static(&|$)/.test(location.hash) && location.hash.includes('n=16') && location.hash.includes('s=0.25'));
    // The landscape's own settings, so seed 1 repeats the file's first run of this cell.
    expect(await page.evaluate(() => location.hash)).not.toContain('hidden=8');
    await waitStep(page, 2);
    expect(await page.getAttribute('[data-testid=status-value]', 'data-status')).toBe('running');
    await page.click('[data-testid=train-pause]');
    await waitStatus(page, 'paused');

    await page.locator('[data-testid=landscape-add]').scrollIntoViewIfNeeded();
    await page.click('[data-testid=landscape-add]');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('static-here'));
    expect(await page.textContent('[data-testid=landscape-added]')).toContain('n = 16, s = 0.25');
  });

  it('shows per-neuron solutions for two tasks side by side, trained from its button', async () => {
    await page.locator('[data-testid=figure-solutions]').scrollIntoViewIfNeeded();
    expect(await page.getAttribute('[data-testid=solutions-train]', 'data-task')).toBe('rows');
    await page.click('[data-testid=solutions-train]');
    const cloud = (task: string) =>
      page.waitForFunction((t) => Number(document.querySelector(`[data-testid=solution-pad-${t}] [data-testid=pad-cloud]`)?.getAttribute('data-count')) >= 2, task, { timeout: 120_000 });
    await cloud('rows');
    expect(await page.locator('[data-testid=solution-pad-rows] [data-testid=solution-centre]').count()).toBe(1);
    expect(await page.locator('[data-testid=solution-pad-rows] [data-testid=solution-start]').count()).toBe(1);
    // Then a second task from the same button.
    await page.waitForSelector('[data-testid=solutions-train][data-task=flipflop]');
    await page.click('[data-testid=solutions-train]');
    await cloud('flipflop');
    expect(await page.getAttribute('[data-testid=solution-pads]', 'data-count')).toBe('2');
    expect(await page.textContent('[data-testid=solutions-finding]')).toMatch(/On MNIST by rows, after \d+ steps.*On 3-bit flip-flop, after \d+ steps/s);
    await page.click('[data-testid=train-pause]');
    expect(errors).toEqual([]);
  });
});

describe('landscape files that cannot be drawn', () => {
  it('the page rejects a malformed file with a note', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.route('**/landscape/rows.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...rows, cells: rows.cells.slice(0, 10) }) }));
    await page.goto(`${baseUrl()}#panels=landscape&task=rows`);
    const note = await page.waitForSelector('[data-testid=landscape-invalid]');
    expect(await note.textContent()).toContain('could not be read');
    expect(await note.textContent()).toContain('cells: no entry for n = 0.5, s = 0.75, seed 2 (10 of 90 runs present)');
    expect(await note.textContent()).toContain('npm run landscape -- --task rows');
    expect(await page.getAttribute('[data-testid=figure-landscape]', 'data-status')).toBe('invalid');
    expect(await page.locator('[data-testid=landscape-cells]').count()).toBe(0);
    // The rest of the section still works: the table of other tasks reads their files.
    await page.waitForSelector('[data-testid=best-copy] >> text=n = 16, s = 0');
    await ctx.close();
  });

  it('a truncated file gets a note too', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.route('**/landscape/copy.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"kind": "adaptive-activation-landscape", "format": 1, "cel' }));
    await page.goto(`${baseUrl()}#panels=landscape&task=copy`);
    expect(await (await page.waitForSelector('[data-testid=landscape-invalid]')).textContent()).toContain('not valid JSON');
    await ctx.close();
  });

  it('a task without a file says so and how to make one, without asking the server for it', async () => {
    const { page, errors } = await open(browser, 'panels=landscape&task=ps28');
    const note = await page.waitForSelector('[data-testid=landscape-missing]');
    expect(await note.textContent()).toContain('npm run landscape -- --task ps28');
    // The other tasks' files are read (the table), this one is never asked for.
    await page.waitForSelector('[data-testid=best-rows] >> text=n = 4, s = 0');
    const asked = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(asked.some((u) => u.endsWith('landscape/rows.json'))).toBe(true);
    expect(asked.filter((u) => u.includes('ps28.json'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
