/**
 * What the reader's own shift experiment shows, in numbers and in words: test accuracy before the
 * change of inputs, right after it, and after re-adaptation each way; how much of the drop each
 * way recovered.
 */
import type { RunEntry } from '../../state/runController';
import type { RunView } from '../../state/runTypes';
import { STRATEGIES, type Strategy } from './shiftRuns';

export interface ShiftOutcome {
  /** Test accuracy of the trained network on the unchanged inputs (its last evaluation). */
  before: number;
  /** On the changed inputs, before any re-adaptation. */
  after: number;
  /** Step the experiment started from. */
  start: number;
  /** Steps each way re-adapts; the verdict waits until every way has reached them. */
  target: number;
  /** Whether every way that re-adapts has been evaluated at `target` steps. */
  finished: boolean;
  /** Per strategy: accuracy at its newest evaluation, the steps it has re-adapted, and the share of the drop recovered. */
  ways: { id: Strategy; label: string; acc: number; steps: number; recovered: number }[];
}

export function shiftOutcome(base: RunView | null, entries: readonly RunEntry[], views: readonly RunView[], target: number): ShiftOutcome | null {
  const none = views[entries.findIndex((e) => e.tag === 'none')];
  const start = none?.tests[0]?.step;
  if (!base || !none || start === undefined) return null;
  const before = [...base.tests].reverse().find((t) => t.step <= start)?.acc ?? NaN;
  const after = none.tests[0].acc;
  const drop = before - after;
  const ways = entries.flatMap((e, i) => {
    const v = views[i];
    const last = v?.tests.at(-1);
    const s = STRATEGIES.find((x) => x.id === e.tag);
    if (!v || !last || !s) return [];
    return [{ id: s.id, label: s.label, acc: last.acc, steps: last.step - start, recovered: drop > 0 ? (last.acc - after) / drop : NaN }];
  });
  // A way not evaluated yet counts as unfinished (it has no entry in `ways`).
  const finished = entries.every((e, i) => e.tag === 'none' || (views[i]?.tests.at(-1)?.step ?? start) - start >= target);
  return { before, after, start, target, finished, ways };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** One paragraph for a class: what happened, in the reader's own numbers. */
export function shiftSentence(o: ShiftOutcome): string {
  const drop = o.before - o.after;
  const head = drop > 0.005 ? `The change of inputs took test accuracy from ${pct(o.before)} to ${pct(o.after)}, a drop of ${(drop * 100).toFixed(1)} points.` : `The change of inputs barely mattered here: ${pct(o.before)} before, ${pct(o.after)} after.`;
  const trained = o.ways.filter((w) => w.id !== 'none' && w.steps > 0);
  if (!trained.length) return head;
  const dropped = drop > 0.005;
  const parts = trained.map((w) => `${w.label}: ${pct(w.acc)} after ${w.steps} steps${dropped && Number.isFinite(w.recovered) ? ` (${Math.round(w.recovered * 100)} % of the drop recovered)` : ''}`);
  const act = trained.find((w) => w.id === 'activation');
  const bias = trained.find((w) => w.id === 'bias');
  // Ways evaluated at different steps are not comparable: no verdict until all have finished.
  const finished = o.finished;
  let verdict = finished ? '' : ` The verdict waits until every way has re-adapted ${o.target} steps.`;
  if (act && bias && dropped && finished) {
    verdict =
      act.acc > bias.acc + 0.01
        ? ' Here, re-adapting the activation alone recovered more than re-adapting the biases, a control with about as many free numbers.'
        : act.acc < bias.acc - 0.01
          ? ' Here the biases alone recovered more than the activation alone: in this run, the shape of the neurons was not the better lever.'
          : ' Here the activation alone and the biases alone recovered about as much.';
  }
  const list = `${finished ? '' : 'So far, '}${parts.join('; ')}`;
  return `${head} ${list.charAt(0).toUpperCase()}${list.slice(1)}.${verdict}`;
}
