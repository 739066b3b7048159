/**
 * How long the page takes to draw a committed landscape: from the file's text in hand to the heat map
 * cells in the page (the page's own 'landscape-draw' measure: validation, summary, render and commit),
 * and the fetch before it, for each committed task: the median of five cold loads, since one load
 * on a shared two-core machine varies by ±30 %.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { quantile, round } from './stats';

export const LANDSCAPE_BUDGET_MS = 100;

export interface LandscapeDraw {
  task: string;
  fetchMs: number;
  /** Median of the loads, and each load's time. */
  drawMs: number;
  runsMs: number[];
}

const LOADS = 5;

/** Tasks with a committed landscape, as the folder's index lists them. */
export function committedTasks(dist: string): string[] {
  const index = JSON.parse(readFileSync(join(dist, 'landscape', 'index.json'), 'utf8')) as { tasks: string[] };
  return index.tasks;
}

export async function landscapeDraws(browser: Browser, url: string, dist: string): Promise<LandscapeDraw[]> {
  const out: LandscapeDraw[] = [];
  for (const task of committedTasks(dist)) {
    const fetches: number[] = [];
    const draws: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await ctx.newPage();
      await page.goto(`${url}#panels=landscape&task=${task}`);
      await page.waitForSelector('[data-testid=landscape-cells][data-drawn]');
      await page.waitForFunction(() => performance.getEntriesByName('landscape-draw').length > 0);
      const [fetchMs, drawMs] = await page.evaluate(() => ['landscape-fetch', 'landscape-draw'].map((n) => performance.getEntriesByName(n)[0]?.duration ?? NaN));
      fetches.push(fetchMs);
      draws.push(drawMs);
      await ctx.close();
    }
    out.push({ task, fetchMs: round(quantile(fetches, 0.5)), drawMs: round(quantile(draws, 0.5)), runsMs: draws.map((v) => round(v)) });
  }
  return out;
}
