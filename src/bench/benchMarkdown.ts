/** The engine benchmark's table as Markdown: written to BENCHMARKS.md and copied from bench.html. */
import type { BenchRow, Timing } from './benchTypes';

export const TASK_NAMES: Record<string, string> = {
  rows: 'row-sMNIST (T=28)',
  ps14: 'psMNIST-14 (T=196)',
  ps28: 'psMNIST-28 (T=784)',
  copy: 'copy, delay 20 (T=41)',
};

const f1 = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(1) : '–');

function ms(t: Timing | undefined): string {
  if (!t) return '–';
  if (t.skippedPredictedMs !== undefined) return `not run (≈ ${(t.skippedPredictedMs / 1000).toFixed(0)} s predicted)`;
  // A step too slow to repeat is shown with the number of timed steps.
  return t.steps < 3 ? `${f1(t.msPerStep)} (${t.steps} step${t.steps === 1 ? '' : 's'})` : f1(t.msPerStep);
}

// A time that was not measured is NaN, which bench/results.json stores as null: neither is a ratio.
const ratio = (a: number | undefined, b: number | undefined) => (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a / b) && a > 0 ? `×${(a / b).toFixed(2)}` : '–');

export const TABLE_HEAD = [
  '| backend | task | N | ours ms/step | ours kernels/step | op-by-op ms/step | op-by-op kernels/step | tf.layers ms/step | tf.layers kernels/step | tf.layers ÷ ours | op-by-op ÷ ours |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];

export function rowMarkdown(r: BenchRow): string {
  const k = (t: Timing | undefined) => (t?.kernelsPerStep !== undefined ? String(t.kernelsPerStep) : '–');
  return `| ${r.backend} | ${TASK_NAMES[r.task] ?? r.task} | ${r.hidden} | ${ms(r.ours)} | ${k(r.ours)} | ${ms(r.opByOp)} | ${k(r.opByOp)} | ${ms(r.layers)} | ${k(r.layers)} | ${ratio(r.layers?.msPerStep, r.ours.msPerStep)} | ${ratio(r.opByOp?.msPerStep, r.ours.msPerStep)} |`;
}

export function tableMarkdown(rows: BenchRow[]): string {
  return [...TABLE_HEAD, ...rows.map(rowMarkdown)].join('\n');
}
