/** The session's memory of per-neuron solutions and the facts its sentences quote. */
import { describe, expect, it } from 'vitest';
import { centreOf, createSolutionMemory, PER_TASK, type Solution } from '../../src/state/solutions';
import { centresDiffer, padDistance, taskFacts } from '../../src/panels/solutions/solutionFacts';
import { nextTask } from '../../src/panels/solutions/SolutionsFigure';
import type { TaskId } from '../../src/state/schema';

const set = (n: number[], s: number[]) => ({ n: Float32Array.from(n), s: Float32Array.from(s) });
const sol = (runId: string, task: TaskId, final = set([2, 4], [0, 0.2]), step = 100): Solution => ({
  runId,
  task,
  label: runId,
  colour: 'red',
  step,
  status: 'paused',
  initial: set([1, 1], [0, 0]),
  final,
});

describe('solution memory', () => {
  it('keeps tasks in the order first seen, updates a run in place, and keeps the latest few per task', () => {
    const m = createSolutionMemory();
    let heard = 0;
    m.subscribe(() => heard++);
    m.record(sol('a', 'rows'));
    m.record(sol('b', 'flipflop'));
    m.record(sol('a', 'rows', set([3, 5], [0, 0]), 200));
    expect([...m.byTask().keys()]).toEqual(['rows', 'flipflop']);
    expect(m.byTask().get('rows')).toHaveLength(1);
    expect(m.byTask().get('rows')![0].step).toBe(200);
    for (let i = 0; i < PER_TASK + 2; i++) m.record(sol(`r${i}`, 'rows'));
    expect(m.byTask().get('rows')!.map((x) => x.runId)).toEqual(Array.from({ length: PER_TASK }, (_, i) => `r${i + 2}`));
    expect(heard).toBe(3 + PER_TASK + 2);
  });

  it('ignores a record that changes nothing (no re-render)', () => {
    const m = createSolutionMemory();
    const a = sol('a', 'rows');
    m.record(a);
    const v = m.version();
    m.record({ ...a });
    expect(m.version()).toBe(v);
  });
});

describe('solution facts', () => {
  it('centre of mass is the mean n and mean s', () => {
    expect(centreOf(set([1, 3], [0, 0.5]))).toEqual({ n: 2, s: 0.25 });
  });

  it('says whether the centre moved towards the best fixed cell, and whether tasks differ', () => {
    const rows = taskFacts('rows', [sol('a', 'rows', set([3, 5], [0, 0]))], { n: 4, s: 0 })!;
    expect(rows.centre).toEqual({ n: 4, s: 0 });
    expect(rows.towardsBest).toBe(true);
    const ff = taskFacts('flipflop', [sol('b', 'flipflop', set([1, 1], [0.9, 0.7]))], { n: 4, s: 1 })!;
    expect(ff.towardsBest).toBe(true);
    expect(centresDiffer([rows, ff])).toBe(true);
    expect(centresDiffer([rows, { ...rows, task: 'copy' }])).toBe(false);
    expect(padDistance({ n: 1, s: 0 }, { n: 1000, s: 0 })).toBeCloseTo(1, 12);
  });

  it('offers the reader’s task first, then a second task of the fast pair', () => {
    expect(nextTask([], 'copy')).toBe('copy');
    expect(nextTask(['rows'], 'rows')).toBe('flipflop');
    expect(nextTask(['flipflop'], 'flipflop')).toBe('rows');
    expect(nextTask(['rows', 'flipflop'], 'rows')).toBe('copy');
  });
});
