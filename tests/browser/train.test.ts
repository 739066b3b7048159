/**
 * The training figures in the built page: live updates, bounded DOM, replay of every figure,
 * exports (SVG, PNG, CSV with its settings), embed mode, fixed activations (tanh, ReLU), the
 * phase plane following n and s, reduced motion and the dark scheme, and a few details a reader
 * would trip over. Timing budgets (long tasks, ms per update) are measured by npm run bench:page,
 * not here: every wait below is on a condition.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, open } from './browser';
import { showAll, statusOf, stepOf, waitStatus, waitStep } from './pageHelpers';

/** A small, fast run: 8 neurons, batch 4, MNIST by rows (28 steps, the default task). */
const FAST = 'hidden=8&batch=4&backend=wasm&panels=family,train';

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

/** Opens an export menu and returns the downloaded file's bytes. */
async function exportFile(page: Page, name: string, kind: 'svg' | 'png' | 'csv'): Promise<{ bytes: Buffer; file: string }> {
  await page.click(`[data-testid=export-${name}] > summary`);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=export-${name}-${kind}]`)]);
  const path = await dl.path();
  await page.click(`[data-testid=export-${name}] > summary`);
  return { bytes: await readFile(path), file: dl.suggestedFilename() };
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

describe('embed mode', () => {
  it('renders exactly one figure, styled controls, and links back to the full page with the same state', async () => {
    const { page, errors, foreign } = await open(browser, `embed=loss&${FAST}`);
    await page.waitForSelector('[data-testid=loss-chart]');
    expect(await page.locator('[data-testid^=section-]').count()).toBe(0);
    expect(await page.locator('[data-testid=loss-chart]').count()).toBe(1);
    for (const other of ['activation-chart', 'portrait-chart', 'preact-chart', 'phaseplane-chart', 'gamma-chart', 'train-panel'])
      expect(await page.locator(`[data-testid=${other}]`).count()).toBe(0);
    // The embedded Play button is the page's own, not a bare browser button.
    const play = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('[data-testid=train-play]')!);
      return { bg: cs.backgroundColor, pad: parseFloat(cs.paddingLeft) };
    });
    expect(play.bg).not.toBe('rgb(239, 239, 239)');
    expect(play.pad).toBeGreaterThanOrEqual(10);
    const href = await page.getAttribute('[data-testid=embed-open]', 'href');
    expect(href).toBe(`#${FAST}`);
    await page.click('[data-testid=export-loss] > summary');
    await page.click('[data-testid=export-loss-embed]');
    await page.waitForSelector('[data-testid=export-loss][data-embed-code]');
    const code = await page.getAttribute('[data-testid=export-loss]', 'data-embed-code');
    expect(code).toMatch(new RegExp(`^<iframe src="[^"]*#embed=loss&amp;${FAST.replace(/&/g, '&amp;')}" title="[^"]+" width="100%" height="\\d+"`));
    const [full] = await Promise.all([page.waitForEvent('popup'), page.click('[data-testid=embed-open]')]);
    await full.waitForSelector('[data-testid=loss-chart]');
    expect(new URL(full.url()).hash).toBe(`#${FAST}`);
    expect(await full.locator('[data-testid=section-train]').count()).toBe(1);
    expect(await full.locator('[data-testid=section-family]').count()).toBe(1);
    expect(await full.textContent('[data-testid=control-hidden] + output')).toBe('8');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('figure only: no controls and no export menu', async () => {
    const { page } = await open(browser, `embed=loss&figonly=1&${FAST}`);
    await page.waitForSelector('[data-testid=loss-chart]');
    expect(await page.locator('[data-testid=train-play]').count()).toBe(0);
    expect(await page.locator('[data-testid=export-loss]').count()).toBe(0);
    await page.context().close();
  });
});

describe('phase plane', () => {
  it('moves its fixed points in step with the family curve when n and s are dragged, and keeps its network in the URL', async () => {
    const { page, errors } = await open(browser, 'n=1&s=0&panels=family,train');
    await page.waitForSelector('[data-testid=phaseplane-svg]');
    const read = () =>
      page.evaluate(() => ({
        fps: document.querySelector('[data-testid=phaseplane-svg]')?.getAttribute('data-fixed-points') ?? '',
        kinds: Array.from(document.querySelectorAll('[data-testid=phaseplane-fp]')).map((e) => e.getAttribute('data-kind')),
        gamma: document.querySelector('[data-testid=gamma-path]')?.getAttribute('d') ?? '',
        handle: [Number(document.querySelector('[data-testid=pad-handle]')?.getAttribute('data-n')), Number(document.querySelector('[data-testid=pad-handle]')?.getAttribute('data-s'))],
        plane: document.querySelector('[data-testid=phaseplane-svg]')?.getAttribute('aria-label') ?? '',
      }));
    const before = await read();
    expect(before.kinds).toEqual(['saddle']);
    const area = page.locator('[data-testid=pad-area]').first();
    const box = (await area.boundingBox())!;
    const handle = (await page.locator('[data-testid=pad-handle]').first().boundingBox())!;
    const hx = handle.x + handle.width / 2;
    await page.mouse.move(hx, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(hx, box.y + box.height * (1 - k / 5) + 1);
    await page.mouse.up();
    // The plane is held while off screen and catches up when shown.
    await page.locator('[data-testid=figure-phaseplane]').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid=phaseplane-fp]')).length === 3);
    const after = await read();
    expect(after.handle[1]).toBeGreaterThan(0.95);
    expect(after.gamma).not.toBe(before.gamma);
    expect(after.fps).not.toBe(before.fps);
    expect(after.kinds).toEqual(['stable node', 'saddle', 'stable node']);
    const three = (v: number) => String(Number(v.toPrecision(3)));
    expect(after.plane).toContain(`n = ${three(after.handle[0])}, s = ${three(after.handle[1])}`);
    await page.selectOption('[data-testid=figure-phaseplane] select', 'oscillator');
    await page.waitForFunction(() => /(^|[#&])pp=oscillator(&|$)/.test(location.hash));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('exports its data as CSV with the fixed points', async () => {
    const { page } = await open(browser, 'n=4&s=1&panels=family,train');
    await page.waitForSelector('[data-testid=phaseplane-svg]');
    const { bytes } = await exportFile(page, 'phaseplane', 'csv');
    const rows = bytes.toString('utf8').trim().split('\r\n');
    expect(rows[0]).toBe('element,index,h1,h2,kind');
    const fps = rows.filter((r) => r.startsWith('fixed point'));
    expect(fps.length).toBe(await page.locator('[data-testid=phaseplane-fp]').count());
    await page.context().close();
  });
});

describe('touch', () => {
  it('a drag that starts on the pad handle at its default position moves n and s', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await ctx.newPage();
    await page.goto(`${baseUrl()}#panels=family`);
    const handle = page.locator('[data-testid=family-panel] [data-testid=pad-handle]');
    await handle.scrollIntoViewIfNeeded();
    const h = (await handle.boundingBox())!;
    // Start on the lower half of the handle: it overhangs the plot's bottom edge (s = 0).
    const x = h.x + h.width / 2;
    const y = h.y + h.height * 0.75;
    const cdp = await ctx.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', px: number, py: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: px, y: py }] });
    await touch('touchStart', x, y);
    for (let k = 1; k <= 8; k++) await touch('touchMove', x + 6 * k, y - 14 * k);
    await touch('touchEnd', x, y);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=family-panel] [data-testid=pad-handle]')?.getAttribute('data-s')) > 0.2);
    expect(Number(await handle.getAttribute('data-n'))).toBeGreaterThan(1);
    await ctx.close();
  });
});

describe('details', () => {
  it('the empty loss chart’s tick labels stay clear of its axis title; the portrait legend’s labels clear of their swatches', async () => {
    const { page } = await open(browser, `${FAST}&colorby=time`);
    await showAll(page);
    const clash = await page.evaluate(() => {
      const axis = document.querySelector('[data-testid=loss-y-axis]')!;
      const title = axis.querySelector('[data-testid="axis-label"]')!.getBoundingClientRect();
      return Array.from(axis.querySelectorAll(':scope > g > text')).filter((t) => t.getBoundingClientRect().left < title.right).map((t) => t.textContent);
    });
    expect(clash).toEqual([]);
    await page.click('[data-testid=train-play]');
    await page.waitForSelector('[data-testid=portrait-legend] rect');
    const gaps = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid=portrait-legend] g')).flatMap((g) => {
        const r = g.querySelector('rect')?.getBoundingClientRect();
        const t = g.querySelector('text')?.getBoundingClientRect();
        return r && t && t.width > 0 ? [t.left - r.right] : [];
      }),
    );
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2);
    await page.context().close();
  });
});

describe('motion and colour scheme', () => {
  it('animates new portraits, except once the reader prefers reduced motion', async () => {
    const { page } = await open(browser, FAST, { reducedMotion: 'no-preference' });
    await showAll(page);
    await page.evaluate(() => {
      const w = window as unknown as { __animated: boolean };
      w.__animated = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-animating') === 'true') w.__animated = true;
      }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-animating'] });
    });
    const portraitStep = () => page.evaluate(() => Number(document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step')));
    /** Waits for a portrait past `after` to arrive and settle; says whether one animated meanwhile. */
    const nextPortrait = async (after: number) => {
      await page.waitForFunction((a) => Number(document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-step')) > a, after, { timeout: 120_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=portrait-svg]')?.getAttribute('data-animating') === 'false');
      return page.evaluate(() => (window as unknown as { __animated: boolean }).__animated);
    };
    await page.click('[data-testid=train-play]');
    // A second portrait arrives after the first evaluation past step 0.
    expect(await nextPortrait(0)).toBe(true);
    // The reader's system asks for reduced motion: the next portrait appears without animating.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(() => ((window as unknown as { __animated: boolean }).__animated = false));
    expect(await nextPortrait(await portraitStep())).toBe(false);
    await page.context().close();
  });

  it('follows the dark colour scheme', async () => {
    const { page } = await open(browser, FAST, { colorScheme: 'dark' });
    await page.waitForSelector('[data-testid=loss-chart]');
    const c = await page.evaluate(() => ({
      fig: getComputedStyle(document.querySelector('[data-testid=loss-chart]')!).backgroundColor,
      smooth: getComputedStyle(document.querySelector('[data-testid=loss-smooth]')!).stroke,
      null1: getComputedStyle(document.querySelector('[data-testid=phaseplane-nullcline-1]')!).stroke,
    }));
    expect(c.fig).toBe('rgb(28, 31, 39)');
    expect(c.smooth).toBe('rgb(231, 233, 238)');
    expect(c.null1).toBe('rgb(59, 201, 219)');
    await page.context().close();
  });
});
