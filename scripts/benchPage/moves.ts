/**
 * Main-thread work per slider or pad move: a capture listener on window notes when the input
 * event arrives; a message task queued after the app's handlers (and React's render) forces style
 * and layout and records the elapsed time.
 */
import type { Browser, Page } from 'playwright-core';
import { quantile, round } from './stats';

export const MOVES = 100;
export const MOVE_BUDGET_P95_MS = 16;

/**
 * Installs timers around every `type` event: a capture listener on window notes the start; after
 * the app's own handlers (and React's render, which React schedules before our message), a message
 * task forces style and layout and records the elapsed time.
 */
async function installMoveTimer(page: Page, type: string) {
  await page.evaluate((t) => {
    const w = window as unknown as { __moves: number[]; __loaf: number };
    w.__moves = [];
    w.__loaf = 0;
    let start = 0;
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      document.body.getBoundingClientRect();
      void document.querySelector('[data-testid=gamma-path]')?.getBoundingClientRect();
      w.__moves.push(performance.now() - start);
    };
    window.addEventListener(t, () => (start = performance.now()), { capture: true });
    window.addEventListener(t, () => ch.port2.postMessage(0));
    try {
      new PerformanceObserver((l) => (w.__loaf += l.getEntries().length)).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // Older engines lack long-animation-frame; the per-move timings still stand.
    }
  }, type);
}

async function readMoves(page: Page): Promise<{ times: number[]; longFrames: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __moves: number[]; __loaf: number };
    const r = { times: w.__moves.slice(), longFrames: w.__loaf };
    w.__moves = [];
    w.__loaf = 0;
    return r;
  });
}

export async function sliderMoves(browser: Browser, url: string, extra: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url + '#n=3&s=0.2&show=dx,dn,ds,ghosts' + extra);
  await page.waitForSelector('[data-testid=gamma-path]');
  await installMoveTimer(page, 'input');
  const times: number[] = [];
  let longFrames = 0;
  for (const id of ['s-slider', 'n-slider']) {
    const el = page.locator('[data-testid=family-panel]').getByTestId(id);
    await el.scrollIntoViewIfNeeded();
    const box = (await el.boundingBox())!;
    const y = box.y + box.height / 2;
    const value = await el.evaluate((e) => Number((e as HTMLInputElement).value) / Number((e as HTMLInputElement).max));
    let x = box.x + 8 + value * (box.width - 16);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 0; k < MOVES / 2; k++) {
      x += k < MOVES / 4 ? 3 : -3;
      await page.mouse.move(x, y);
    }
    await page.mouse.up();
    const r = await readMoves(page);
    times.push(...r.times);
    longFrames += r.longFrames;
  }
  await ctx.close();
  return { times, longFrames };
}

export async function padMoves(browser: Browser, url: string, extra: string) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url + '#show=dx,dn,ds,ghosts' + extra);
  await page.waitForSelector('[data-testid=pad-area]');
  await installMoveTimer(page, 'pointermove');
  const box = (await page.locator('[data-testid=family-panel] [data-testid=pad-area]').boundingBox())!;
  const cx = box.x + box.width * 0.3;
  const cy = box.y + box.height * 0.7;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let k = 0; k < MOVES; k++) {
    const a = (2 * Math.PI * k) / MOVES;
    await page.mouse.move(cx + Math.cos(a) * box.width * 0.25, cy - Math.sin(a) * box.height * 0.25);
  }
  await page.mouse.up();
  const r = await readMoves(page);
  await ctx.close();
  return r;
}

export function moveStats(r: { times: number[]; longFrames: number }) {
  return {
    count: r.times.length,
    medianMs: round(quantile(r.times, 0.5), 2),
    p95Ms: round(quantile(r.times, 0.95), 2),
    maxMs: round(Math.max(...r.times), 2),
    longAnimationFrames: r.longFrames,
    budgetP95Ms: MOVE_BUDGET_P95_MS,
  };
}
