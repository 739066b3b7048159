/**
 * The training figures in the built page while a run trains: live updates, bounded DOM, replay of
 * every figure, exports (SVG, PNG, CSV with its settings), divergence from a link and the fixed
 * activations (tanh, ReLU). The rest of the Train section's figures are in trainFigures.test.ts.
 * Timing budgets (long tasks, ms per update) are measured by npm run bench:page, not here: every
 * wait below is on a condition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, open } from './browser';
import { exportFile, FAST_RUN as FAST, showAll, statusOf, stepOf, waitStatus, waitStep } from './pageHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Trains to `steps` and pauses; `watch` names a figure to keep in view meanwhile (off-screen figures hold still). */
async function trainUntil(page: Page, steps: number, watch = 'figure-loss'): Promise<void> {
  await page.click('[data-testid=train-play]');
  await page.locator(`[data-testid=${watch}]`).scrollIntoViewIfNeeded();
  await waitStep(page, steps);
  await page.click('[data-testid=train-pause]');
  await waitStatus(page, 'paused');
  const at = await stepOf(page);
  // The figure has drawn the paused step once its svg says so.
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=loss-svg]')?.getAttribute('data-step')) >= n - 1, at);
}

const marks = (p: Page) =>
  p.evaluate(() => ({
    loss: document.querySelector('[data-testid=loss-smooth]')?.getAttribute('d') ?? '',
    act: document.querySelector('[data-testid=activation-svg]')?.getAttribute('data-n') ?? '',
    portrait: document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step') ?? '',
    preact: document.querySelector('[data-testid=preact-hist]')?.getAttribute('d') ?? '',
  }));

describe('live training', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    const opened = await open(browser, FAST);
    page = opened.page;
    errors = opened.errors;
    await showAll(page);
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('updates every figure as the run trains', async () => {
    await page.click('[data-testid=train-play]');
    await page.locator('[data-testid=figure-loss]').scrollIntoViewIfNeeded();
    await waitStep(page, 50);
    await page.waitForFunction(() => (document.querySelector('[data-testid=preact-hist]')?.getAttribute('d') ?? '').length > 20);
    const before = await marks(page);
    await waitStep(page, 400);
    // Each figure redraws on its own clock: wait until all four show something newer.
    await page.waitForFunction(
      (b) => {
        const q = (s: string, a?: string) => (a ? document.querySelector(s)?.getAttribute(a) : document.querySelector(s)?.getAttribute('d')) ?? '';
        return q('[data-testid=loss-smooth]') !== b.loss && q('[data-testid=activation-svg]', 'data-n') !== b.act && q('[data-testid=portrait-svg]', 'data-step') !== b.portrait && q('[data-testid=preact-hist]') !== b.preact;
      },
      before,
    );
    await page.click('[data-testid=train-pause]');
    await waitStatus(page, 'paused');
  });

  it('keeps the loss chart bounded after 2,000 steps', async () => {
    const count = () =>
      page.evaluate(() => ({
        points: Number(document.querySelector('[data-testid=loss-svg]')?.getAttribute('data-points')),
        nodes: document.querySelector('[data-testid=loss-chart]')?.querySelectorAll('*').length ?? 0,
      }));
    await trainUntil(page, 2000);
    const late = await count();
    // Four series, each at most 2,000 points (+2), whatever the run length.
    expect(late.points).toBeGreaterThan(4 * 1000);
    expect(late.points).toBeLessThanOrEqual(4 * 2002);
    // A node per step (or per point) would be thousands by now; the chart's parts (four paths, the
    // test evaluations it keeps, axes) stay within a few hundred.
    expect(late.nodes).toBeLessThan(260);
    // The status's test accuracy names the step it was measured at (evaluations are spaced out),
    // on a line of its own under the value. Read in one go: a late evaluation may still land.
    const acc = await page.evaluate(() => {
      const dd = document.querySelector('[data-testid=status-acc]');
      return {
        at: Number(dd?.getAttribute('data-step')),
        step: Number(document.querySelector('[data-testid=status-step]')?.textContent),
        text: dd?.textContent ?? '',
        line: document.querySelector('[data-testid=status-acc-step]')?.textContent ?? '',
      };
    });
    expect(acc.at).toBeLessThanOrEqual(acc.step);
    expect(acc.line).toBe(`at step ${acc.at}`);
    expect(acc.text).toMatch(new RegExp(`^\\d{1,3}\\.\\d %at step ${acc.at}$`));
  });

  it('replays an earlier state with the scrubber (curve, portrait and histogram) and snaps back to live', async () => {
    const read = () =>
      page.evaluate(() => {
        const svg = document.querySelector('[data-testid=activation-svg]');
        return {
          step: Number(svg?.getAttribute('data-step')),
          n: Number(svg?.getAttribute('data-n')),
          portrait: Number(document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step')),
          hist: document.querySelector('[data-testid=preact-hist]')?.getAttribute('d') ?? '',
          note: document.querySelector('[data-testid=preact-chart]')?.textContent ?? '',
        };
      });
    // Figures catch up on their own clock: wait until each shows the paused run's newest state.
    await page.waitForFunction(
      (at) =>
        Number(document.querySelector('[data-testid=activation-svg]')?.getAttribute('data-step')) >= at - 1 &&
        Number(document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step')) > 0 &&
        !!document.querySelector('[data-testid=preact-hist]')?.getAttribute('d'),
      await stepOf(page),
    );
    const live = await read();
    const range = page.locator('[data-testid=activation-scrubber-range]');
    await range.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid=activation-svg]')?.getAttribute('data-step')) < s / 10, live.step);
    const early = await read();
    expect(early.n).not.toBe(live.n);
    expect(early.portrait).toBeLessThan(live.portrait);
    expect(early.hist).not.toBe(live.hist);
    expect(early.note).toMatch(/At step \d+: mean/);
    await page.click('[data-testid=activation-scrubber-live]');
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid=activation-svg]')?.getAttribute('data-step')) === s, live.step);
    // Back to live: the newest histogram again, not the replayed one (the histogram may have caught
    // up since `live` was read, so it is compared with the replay, not with that read).
    await page.waitForFunction(
      (h) => document.querySelector('[data-testid=preact-hist]')?.getAttribute('d') !== h && !/At step/.test(document.querySelector('[data-testid=preact-chart]')?.textContent ?? ''),
      early.hist,
    );
  });

  it('exports the loss chart as well-formed SVG, PNG at 2× and CSV with its settings and one row per point', async () => {
    await page.locator('[data-testid=figure-loss]').scrollIntoViewIfNeeded();
    const { bytes: svg, file } = await exportFile(page, 'loss', 'svg');
    expect(file).toBe('loss.svg');
    const check = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const live = document.querySelector('[data-testid=loss-smooth]')?.getAttribute('d');
      const paths = Array.from(doc.querySelectorAll('path'));
      return {
        parseError: doc.querySelector('parsererror')?.textContent ?? null,
        ns: doc.documentElement.namespaceURI,
        hasLoss: paths.some((p) => p.getAttribute('d') === live),
        inlined: paths.find((p) => p.getAttribute('d') === live)?.getAttribute('style') ?? '',
        vars: t.includes('var(--'),
        exportMenu: t.includes('Copy embed code'),
      };
    }, svg.toString('utf8'));
    expect(check.parseError).toBeNull();
    expect(check.ns).toBe('http://www.w3.org/2000/svg');
    expect(check.hasLoss).toBe(true);
    expect(check.inlined).toMatch(/stroke:\s*rgb/);
    expect(check.vars).toBe(false);
    expect(check.exportMenu).toBe(false);

    const { bytes: png } = await exportFile(page, 'loss', 'png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const box = await page.locator('[data-testid=loss-chart]').boundingBox();
    expect(png.readUInt32BE(16)).toBe(Math.round(box!.width) * 2);
    expect(png.readUInt32BE(20)).toBe(Math.round(box!.height) * 2);

    const { bytes: csv } = await exportFile(page, 'loss', 'csv');
    const lines = csv.toString('utf8').split('\r\n');
    const settings = lines.filter((l) => l.startsWith('# '));
    expect(settings.slice(0, 7)).toEqual(['# task: rows', '# mode: homogeneous', '# seed: 1', '# lr: 0.003', '# N: 8', '# batch: 4', `# steps: ${await stepOf(page)}`]);
    const body = lines.slice(settings.length);
    expect(body[0]).toBe('series,step,value');
    expect(body[body.length - 1]).toBe('');
    const points = Number(await page.getAttribute('[data-testid=loss-svg]', 'data-points'));
    const tests = Number(await page.getAttribute('[data-testid=loss-svg]', 'data-tests'));
    expect(body.length - 2).toBe(points + 2 * tests);
  });

  it('the "copy embed code" confirmation never covers the menu’s buttons', async () => {
    await page.click('[data-testid=export-loss] > summary');
    await page.click('[data-testid=export-loss-embed]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=export-loss-note]')?.textContent ?? '').length > 0);
    const boxes = await page.evaluate(() =>
      ['note', 'svg', 'png', 'csv', 'embed'].map((k) => document.querySelector(`[data-testid=export-loss${k === 'note' ? '-note' : `-${k}`}]`)!.getBoundingClientRect().toJSON() as DOMRect),
    );
    const [note, ...buttons] = boxes;
    for (const b of buttons) expect(note.top >= b.bottom || note.bottom <= b.top || note.left >= b.right || note.right <= b.left).toBe(true);
    await page.click('[data-testid=export-loss] > summary');
  });

  it('logs no console error', () => {
    expect(errors).toEqual([]);
  });
});

describe('divergence from a link', () => {
  it('says what happened and offers a rate known to train, which resumes', async () => {
    const { page, errors } = await open(browser, `${FAST}&lr=100&clip=0&constrain=0`);
    await page.click('[data-testid=train-play]');
    await page.waitForSelector('[data-testid=notice-diverged]', { timeout: 60_000 });
    expect(await statusOf(page)).toBe('diverged');
    expect(await page.textContent('[data-testid=diverged-lower-lr]')).toBe('Lower the learning rate to 0.003 and resume');
    const stoppedAt = await stepOf(page);
    await page.click('[data-testid=diverged-lower-lr]');
    await page.waitForFunction(() => !/(^|[#&])lr=/.test(location.hash));
    await waitStep(page, stoppedAt + 20);
    expect(await statusOf(page)).toBe('running');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('fixed activations', () => {
  for (const mode of ['tanh', 'relu'] as const) {
    it(`${mode}: every figure draws something true, with no NaN in any path`, async () => {
      const { page, errors } = await open(browser, `${FAST}&mode=${mode}`);
      await showAll(page);
      await page.click('[data-testid=train-play]');
      await waitStep(page, 60);
      await page.waitForFunction(() => (document.querySelector('[data-testid=preact-hist]')?.getAttribute('d') ?? '').length > 20);
      expect(await page.getAttribute('[data-testid=activation-svg]', 'data-mode')).toBe(mode);
      expect(await page.textContent('[data-testid=activation-fixed]')).toMatch(mode === 'tanh' ? /^tanh has no gain or saturation to learn/ : /^ReLU has no gain or saturation to learn/);
      const current = (await page.getAttribute('[data-testid=activation-current]', 'd')) ?? '';
      expect(current.length).toBeGreaterThan(20);
      const regions = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid^=preact-region-]'), (e) => e.getAttribute('data-testid')));
      // tanh saturates at both ends, ReLU is silent below 0: neither has the other's region.
      if (mode === 'tanh') expect(regions).not.toContain('preact-region-silent');
      else expect(regions).not.toContain('preact-region-saturated');
      expect(await page.textContent('[data-testid=preact-chart]')).toContain(mode === 'tanh' ? 'Curve: tanh' : 'Curve: ReLU');
      const nan = await page.evaluate(() => Array.from(document.querySelectorAll('path')).filter((p) => /NaN/.test(p.getAttribute('d') ?? '')).length);
      expect(nan).toBe(0);
      await page.click('[data-testid=train-pause]');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
