/**
 * The guided tour in the built page: started from the header, each step loads its URL state and
 * brings the section it names into view, ← and → move while the bar has focus, a link to a step
 * opens it with its settings, and a reader can leave and rejoin at the last step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { defaultState } from '../../src/state/schema';
import { TOUR, tourPatch } from '../../src/state/tour';
import { serialize } from '../../src/state/url';
import { launch, open } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Waits until the section's heading is at the top of the viewport (the step scrolled to it). */
async function sectionInView(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (sid) => {
      const el = document.getElementById(sid);
      if (!el) return false;
      const top = el.getBoundingClientRect().top;
      return top > -4 && top < 60;
    },
    id,
    { polling: 50 },
  );
}

/** The URL after walking the tour from the default page up to step k (each step patches the one before). */
function expectedHash(k: number): string {
  let st = defaultState();
  for (let j = 1; j <= k; j++) st = { ...st, ...tourPatch(j, st) };
  return serialize(st);
}

describe('guided tour', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ page, errors } = await open(browser, '', { reducedMotion: 'reduce' }));
    await page.waitForSelector('[data-testid=tour-start]');
  });
  afterAll(async () => {
    await page.context().close();
  });

  it('each tour step loads its state and shows the section it names', async () => {
    await page.click('[data-testid=tour-start]');
    for (let k = 1; k <= TOUR.length; k++) {
      const step = TOUR[k - 1];
      const id = step.section;
      await page.waitForSelector(`[data-testid=tour-bar][data-step="${k}"][data-section=${id}]`);
      expect(await page.evaluate(() => location.hash.slice(1))).toBe(expectedHash(k));
      expect(await page.textContent('[data-testid=tour-title]')).toBe(step.title);
      await sectionInView(page, id);
      // What the step set is what the page shows.
      if (step.patch.n !== undefined) expect(Number(await page.getAttribute('[data-testid=section-family] [data-testid=pad-handle]', 'data-n'))).toBe(step.patch.n);
      if (step.patch.task !== undefined) expect(await page.inputValue('[data-testid=control-task]')).toBe(step.patch.task);
      if (k < TOUR.length) {
        // Alternate the button and the keyboard (→ while the bar has focus).
        if (k % 2) await page.click('[data-testid=tour-next]');
        else {
          await page.focus('[data-testid=tour-next]');
          await page.keyboard.press('ArrowRight');
        }
      }
    }
    // ← goes back one step, with its state.
    await page.focus('[data-testid=tour-back]');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`[data-testid=tour-bar][data-step="${TOUR.length - 1}"]`);
    let st = defaultState();
    for (let j = 1; j <= TOUR.length; j++) st = { ...st, ...tourPatch(j, st) };
    expect(await page.evaluate(() => location.hash.slice(1))).toBe(serialize({ ...st, ...tourPatch(TOUR.length - 1, st) }));
    await sectionInView(page, TOUR[TOUR.length - 2].section);
    expect(errors).toEqual([]);
  });

  it('can be left and rejoined at the last step', async () => {
    const at = Number(await page.getAttribute('[data-testid=tour-bar]', 'data-step'));
    await page.click('[data-testid=tour-leave]');
    await page.waitForSelector('[data-testid=tour-bar]', { state: 'detached' });
    expect(await page.evaluate(() => location.hash)).not.toContain('tour=');
    expect(await page.textContent('[data-testid=tour-rejoin]')).toBe(`rejoin at step ${at}`);
    await page.click('[data-testid=tour-rejoin]');
    await page.waitForSelector(`[data-testid=tour-bar][data-step="${at}"]`);
    await sectionInView(page, TOUR[at - 1].section);
    // Back in the browser leaves the step again.
    await page.goBack();
    await page.waitForSelector('[data-testid=tour-bar]', { state: 'detached' });
  });

  it('a link naming only a step opens it with its settings', async () => {
    const { page: linked, errors: errs } = await open(browser, 'tour=3', { reducedMotion: 'reduce' });
    await linked.waitForSelector('[data-testid=tour-bar][data-step="3"]');
    await linked.waitForFunction((h) => location.hash.slice(1) === h, serialize({ ...defaultState(), ...tourPatch(3, defaultState()) }));
    await sectionInView(linked, 'family');
    expect(await linked.getAttribute('[data-testid=section-family] [data-testid=pad-handle]', 'data-n')).toBe('10');
    expect(await linked.getAttribute('[data-testid=section-family] [data-testid=pad-handle]', 'data-s')).toBe('0.6');
    expect(errs).toEqual([]);
    await linked.context().close();
  });
});
