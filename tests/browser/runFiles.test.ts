/**
 * Run files in the built page: "Save run" downloads the Train section's run, loading that file
 * back (the file input, as a reader's pick) shows the run at its step in every figure with its
 * settings on the controls; bad files are refused with a message and leave the page's run alone;
 * a reload restores the run saved in this browser, and clearing it works.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, open } from './browser';
import { FAST_RUN as FAST } from './pageHelpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const attr = (page: Page, id: string, name: string) => page.getAttribute(`[data-testid=${id}]`, name);
const stepOf = async (page: Page) => Number(await page.textContent('[data-testid=status-step]'));

/** Waits until the status line shows `status` at `step`. */
async function waitAt(page: Page, step: number, status = 'paused'): Promise<void> {
  await page.waitForFunction(
    ([n, st]) => Number(document.querySelector('[data-testid=status-step]')?.textContent) === n && document.querySelector('[data-testid=status-value]')?.getAttribute('data-status') === st,
    [step, status] as const,
    { timeout: 60_000, polling: 100 },
  );
}

/** Trains `tens` × 10 steps with the +10 button; the run stands paused there. */
async function trainTo(page: Page, tens: number): Promise<void> {
  for (let i = 1; i <= tens; i++) {
    await page.click('[data-testid=train-step10]');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=status-step]')?.textContent) === n, 10 * i, { timeout: 60_000, polling: 100 });
  }
}

/**
 * Waits until each figure states what it shows (figures off screen hold still, so each is brought
 * into view first): the loss figure its last step and point count, the activation and portrait
 * figures the step of their frame.
 */
async function figuresShow(page: Page, want: { loss: number; points: number; activation: number; portrait?: number }): Promise<void> {
  const checks: [string, string, number | undefined][] = [
    ['loss-svg', 'data-step', want.loss],
    ['loss-svg', 'data-points', want.points],
    ['activation-svg', 'data-step', want.activation],
    ['portrait-svg', 'data-step', want.portrait],
  ];
  for (const [id, name, value] of checks) {
    if (value === undefined) continue;
    await page.locator(`[data-testid=${id}]`).scrollIntoViewIfNeeded();
    await page.waitForFunction(([i, n, v]) => document.querySelector(`[data-testid=${i}]`)?.getAttribute(n) === v, [id, name, String(value)] as const, { timeout: 20_000, polling: 100 });
  }
}

const hiddenUnits = (page: Page) => page.getAttribute('[data-testid=control-hidden]', 'aria-valuetext');

async function saveRun(page: Page): Promise<{ name: string; bytes: Buffer }> {
  await page.waitForSelector('[data-testid=run-save]:not([disabled])');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=run-save]')]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

async function loadFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.setInputFiles('[data-testid=run-load-input]', { name, mimeType: 'application/json', buffer: bytes });
}

/** Drops a file on the Train section, as a reader dragging it from the desktop. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      const zone = document.querySelector('[data-testid=train-panel]') as HTMLElement;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, text] as const,
  );
}

/** A run file with one change, made in node as a reader's editor or a broken disk might. */
function edited(bytes: Buffer, change: (f: { version: number; weights: { name: string; f32: string }[] }) => void): Buffer {
  const f = JSON.parse(bytes.toString('utf8'));
  change(f);
  return Buffer.from(JSON.stringify(f));
}

describe('run files', { retry: 0 }, () => {
  let saved: { name: string; bytes: Buffer };

  it('save downloads the run; loading it on another page shows it at its step in every figure, and it trains on', async () => {
    const { page, errors } = await open(browser, FAST);
    try {
      await page.waitForSelector('[data-testid=train-step10]');
      await trainTo(page, 2);
      saved = await saveRun(page);
      expect(saved.name).toBe('adaptive-rnn-rows-homogeneous-step20.json');
      const file = JSON.parse(saved.bytes.toString('utf8'));
      expect(file).toMatchObject({ format: 'adaptive-activation-run', version: 1, step: 20, settings: { task: 'rows', hidden: 8, batch: 4, seed: 1 } });
      expect(file.weights.map((w: { name: string }) => w.name)).toEqual(['U', 'V', 'b', 'Wo', 'bo', 'n', 's']);
      expect(file.optimizer[0].name).toBe('iter');
      expect(saved.bytes.length).toBeLessThan(100_000);
      // Step 20 is 20 steps done: the loss's last point is step 19.
      await figuresShow(page, { loss: 19, points: 80, activation: 20 });
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }

    // A reader with other settings (the defaults) opens the file.
    const { page: other, errors: otherErrors } = await open(browser, 'backend=wasm&panels=family,train');
    try {
      await other.waitForSelector('[data-testid=run-load-input]');
      await loadFile(other, saved.name, saved.bytes);
      await waitAt(other, 20);
      await other.waitForSelector('[data-testid=run-load-note]');
      // Every figure shows the run at step 20, with its 20 steps of history (4 series in the loss figure).
      await figuresShow(other, { loss: 19, points: 80, activation: 20, portrait: 20 });
      // Its settings are on the controls and in the URL.
      expect(await hiddenUnits(other)).toBe('8');
      expect(new URL(other.url()).hash).toContain('hidden=8');
      expect(await other.isVisible('[data-testid=pending-note]')).toBe(false);
      await other.click('[data-testid=train-step10]');
      await waitAt(other, 30);
      await figuresShow(other, { loss: 29, points: 120, activation: 30 });
      expect(otherErrors).toEqual([]);
    } finally {
      await other.context().close();
    }
  });

  it('each bad file shows its message and leaves the page’s run as it was', async () => {
    const { page, errors } = await open(browser, FAST);
    try {
      await page.waitForSelector('[data-testid=train-step10]');
      await trainTo(page, 1);
      await waitAt(page, 10, 'idle');
      await figuresShow(page, { loss: 9, points: 40, activation: 10 });
      const png = await readFile('docs/screenshot.png');
      const bad: [string, Buffer, RegExp][] = [
        ['cut.json', saved.bytes.subarray(0, Math.floor(saved.bytes.length / 2)), /the file is truncated/],
        ['future.json', edited(saved.bytes, (f) => (f.version = 7)), /version 7 is newer than this page reads \(1\)/],
        ['nan.json', edited(saved.bytes, (f) => (f.weights[0].f32 = Buffer.from(new Float32Array(224).fill(NaN).buffer).toString('base64'))), /weight U holds NaN \(224 of 224 values\)/],
        ['package.json', Buffer.from('{"name": "left-pad", "version": "1.3.0"}'), /this is JSON, but not a run file of this explorable/],
        ['screenshot.png', png, /the file is not JSON/],
      ];
      for (const [name, bytes, message] of bad) {
        await loadFile(page, name, bytes);
        await page.waitForFunction((n) => document.querySelector('[data-testid=run-load-error]')?.textContent?.includes(`“${n}”`), name, { timeout: 10_000 });
        const text = (await page.textContent('[data-testid=run-load-error]')) ?? '';
        expect(text).toMatch(message);
        expect(text).toContain('The run on the page is unchanged.');
        expect(await stepOf(page)).toBe(10);
        expect(await attr(page, 'loss-svg', 'data-points')).toBe('40');
        expect(await attr(page, 'activation-svg', 'data-step')).toBe('10');
        expect(await hiddenUnits(page)).toBe('8');
      }
      expect(await page.getAttribute('[data-testid=run-load-error]', 'role')).toBe('alert');
      // Dropped on the section rather than picked: the same checks.
      await dropFile(page, 'dropped.json', '{"format": "adaptive-activation-run", "version": 2}');
      await page.waitForFunction(() => document.querySelector('[data-testid=run-load-error]')?.textContent?.includes('“dropped.json”: the file’s version 2 is newer'), null, { timeout: 10_000 });
      expect(await stepOf(page)).toBe(10);
      // The run still trains.
      await page.click('[data-testid=train-step]');
      await waitAt(page, 11, 'idle');
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('a reload restores the saved run; clearing it leaves the next reload empty', async () => {
    const { page, errors } = await open(browser, FAST);
    try {
      await page.waitForSelector('[data-testid=train-step10]');
      await trainTo(page, 1);
      await page.waitForSelector('[data-testid=run-saved]:has-text("Saved in this browser: run at step 10.")', { timeout: 20_000 });
      await page.reload();
      await waitAt(page, 10);
      await figuresShow(page, { loss: 9, points: 40, activation: 10 });
      expect(await page.textContent('[data-testid=run-saved]')).toContain('Saved in this browser: run at step 10.');
      await page.click('[data-testid=run-clear-saved]');
      await page.waitForSelector('[data-testid=run-saved]:has-text("Nothing saved in this browser")');
      // The run stays on the page.
      expect(await stepOf(page)).toBe(10);
      await page.reload();
      await page.waitForSelector('[data-testid=run-saved]:has-text("Nothing saved in this browser")');
      expect(await page.textContent('[data-testid=status-value]')).toBe('not started');
      expect(await stepOf(page)).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
