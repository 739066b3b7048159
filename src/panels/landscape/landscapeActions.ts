/**
 * What a landscape cell can become: the Train section's live run (static at the cell, with the
 * landscape's training settings, so seed 1 repeats the file's first run), or one more activation in
 * the comparison (static at the page's n, s, trained with the page's settings).
 */
import type { LandscapeFile } from '../../core/landscapeFile';
import type { CellSummary } from '../../core/landscapeStats';
import { SCHEMA, type AppState, type PresetId } from '../../state/schema';
import { appStore } from '../../state/store';
import { runs } from '../runtime';
import { resetTrainRun } from '../train/trainRun';

/** The page settings that would train like the landscape's runs. */
export function landscapeSettings(file: LandscapeFile): Partial<AppState> {
  const { hidden, batch, lr, clip, constrain, delay, init } = file.settings;
  return { hidden, batch, lr, clip, constrain, delay, init };
}

/** Page settings that differ from the landscape's (the comparison trains with the page's). */
export function differingSettings(file: LandscapeFile, st: AppState): (keyof AppState)[] {
  const want = landscapeSettings(file);
  return (Object.keys(want) as (keyof AppState)[]).filter((k) => (k !== 'delay' || st.task === 'copy') && want[k] !== st[k]);
}

export function scrollToSection(id: string): void {
  const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  document.getElementById(id)?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
}

/** Trains the cell live in the Train section: static n, s at the cell, the landscape's settings. */
export function openCellAsRun(cell: CellSummary, file: LandscapeFile): void {
  appStore().set({ ...landscapeSettings(file), n: cell.n, s: cell.s, mode: 'static' });
  runs().command(resetTrainRun(), 'play');
  scrollToSection('train');
}

/** The comparison's presets with 'static-here' in it (replacing the last one when full). */
export function withStaticHere(compare: readonly PresetId[]): PresetId[] {
  if (compare.includes('static-here')) return [...compare];
  const room = SCHEMA.compare.maxItems - 1;
  return [...compare.slice(0, room), 'static-here'];
}

/** Puts the cell's activation into the comparison (as static at the page's n, s). */
export function addCellToComparison(cell: CellSummary): void {
  const st = appStore().get();
  appStore().set({ n: cell.n, s: cell.s, compare: withStaticHere(st.compare) });
}
