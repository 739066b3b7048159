/**
 * The comparison's table at a step the reader picks, one row per compared setting (its seeds
 * pooled): smoothed training loss and test accuracy at that step, the first step a test
 * evaluation reached a target accuracy, and where n and s stood (mean ± sd over the seeds, and
 * over the neurons for per-neuron runs).
 */
import { bisector, deviation, mean } from 'd3';
import { frameAt } from '../../core/thinningLog';
import type { RunEntry } from '../../state/runController';
import type { RunView } from '../../state/runTypes';
import type { PresetId } from '../../state/schema';

export interface Stat {
  mean: number;
  sd: number;
  /** Runs that gave a value. */
  count: number;
}

export interface SummaryRow {
  preset: PresetId;
  label: string;
  colour: string;
  runs: number;
  loss: Stat;
  acc: Stat;
  /** First step with test accuracy ≥ the target; per run, null where not reached. */
  reached: (number | null)[];
  n: Stat | null;
  s: Stat | null;
}

function stat(values: number[]): Stat {
  const v = values.filter(Number.isFinite);
  return { mean: mean(v) ?? NaN, sd: v.length > 1 ? (deviation(v) ?? 0) : 0, count: v.length };
}

function smoothAt(view: RunView, step: number): number {
  const p = view.lossSmooth;
  if (!p.length) return NaN;
  const i = Math.min(p.length - 1, bisector((v: number) => v).right(p.x.subarray(0, p.length) as unknown as number[], step) - 1);
  return i >= 0 ? p.y[i] : NaN;
}

function testAt(view: RunView, step: number): number {
  let acc = NaN;
  for (const t of view.tests) if (t.step <= step) acc = t.acc;
  return acc;
}

export function summarise(entries: readonly RunEntry[], views: readonly RunView[], step: number, target: number): SummaryRow[] {
  const rows = new Map<PresetId, { entry: RunEntry; views: RunView[] }>();
  entries.forEach((e, i) => {
    if (!e.preset || !views[i]) return;
    const row = rows.get(e.preset) ?? { entry: e, views: [] };
    row.views.push(views[i]);
    rows.set(e.preset, row);
  });
  return [...rows.entries()].map(([preset, { entry, views: vs }]) => {
    const params = vs.map((v) => frameAt(v.frames, step)?.value).filter((p) => p && p.n.length > 0);
    const pooled = (key: 'n' | 's') => (params.length ? stat(params.flatMap((p) => Array.from(p![key]))) : null);
    return {
      preset,
      label: entry.label.replace(/, seed \d+$/, ''),
      colour: entry.colour,
      runs: vs.length,
      loss: stat(vs.map((v) => smoothAt(v, step))),
      acc: stat(vs.map((v) => testAt(v, step))),
      reached: vs.map((v) => v.tests.find((t) => t.step <= step && t.acc >= target)?.step ?? null),
      n: pooled('n'),
      s: pooled('s'),
    };
  });
}
