/**
 * Task-specific solutions (the paper's heterogeneous clouds): for every task the reader has trained
 * per-neuron runs on this session, the final (n_i, s_i) with its start and centre of mass, one pad
 * per task side by side, and a button that trains a per-neuron run on another task so two tasks
 * are quick to get. Also #embed=solutions.
 */
import { memo } from 'react';
import { FigureFrame } from '../../charts/frame/FigureFrame';
import { SolutionPads, type SolutionPanel } from '../../charts/solutions/SolutionPads';
import { fmt3 } from '../../charts/axes/format';
import { bestCell } from '../../core/landscapeStats';
import { centreOf, MIN_STEPS, type Point } from '../../state/solutions';
import { TASKS, type TaskId } from '../../state/schema';
import { appStore } from '../../state/store';
import { taskPatch } from '../../state/taskDefaults';
import { useAppState } from '../../app/useAppState';
import { useAllLandscapes } from '../landscape/landscapeSource';
import { scrollToSection } from '../landscape/landscapeActions';
import { runs } from '../runtime';
import { resetTrainRun } from '../train/trainRun';
import { useSolutions } from './solutionFeed';
import { TASK_SHORT } from '../landscape/taskNames';
import { centresDiffer, taskFacts, type TaskSolutionFacts } from './solutionFacts';
import common from '../../app/common.module.css';
import controls from '../controls/controls.module.css';
import landscape from '../landscape/landscapePanel.module.css';

/** Which task to offer next: the fast pair first (rows and flip-flop want different activations). */
const PREFERENCE: readonly TaskId[] = ['rows', 'flipflop', 'copy', 'ps14', 'ps28'];

export function nextTask(done: readonly TaskId[], current: TaskId): TaskId {
  if (done.length === 0) return current;
  return PREFERENCE.find((t) => !done.includes(t)) ?? current;
}

function trainPerNeuron(task: TaskId): void {
  appStore().set({ ...taskPatch(task), mode: 'heterogeneous' });
  runs().command(resetTrainRun(), 'play');
}

const pt = (p: Point) => `n = ${fmt3(p.n)}, s = ${fmt3(p.s)}`;

function Finding({ facts }: { facts: readonly TaskSolutionFacts[] }) {
  if (facts.length === 0) {
    return <p data-testid="solutions-finding">No per-neuron run yet. Train one (the button below, or mode “heterogeneous” in the Train section) and its neurons’ final (n, s) appear here.</p>;
  }
  return (
    <div className={common.prose} data-testid="solutions-finding">
      <p>
        {facts.map((f, i) => (
          <span key={f.task}>
            {i > 0 ? ' ' : ''}On <strong>{TASK_SHORT[f.task]}</strong>, after {f.sol.step} steps{f.sol.status === 'running' ? ' (still training)' : ''}, the{' '}
            {f.sol.final.n.length} neurons moved from {pt(f.start)} to a centre at {pt(f.centre)} (spread ± {fmt3(f.sdN)} in n, ± {fmt3(f.sdS)} in s)
            {f.towardsBest === null ? '.' : f.towardsBest ? ', towards the task’s best fixed cell.' : ', not towards the task’s best fixed cell.'}
          </span>
        ))}
      </p>
      {facts.length > 1 && (
        <p data-testid="solutions-compare">
          {centresDiffer(facts)
            ? 'The centres differ from task to task: each task found its own activations, as the paper reports for its per-neuron networks.'
            : 'The centres of these tasks are close together: these runs do not (yet) show the task-specific solutions the paper reports. Longer training may separate them.'}
        </p>
      )}
    </div>
  );
}

export const SolutionsFigure = memo(function SolutionsFigure() {
  const memory = useSolutions();
  const current = useAppState((st) => st.task);
  const landscapes = useAllLandscapes(TASKS, current);
  const bestOf = (task: TaskId): Point | undefined => {
    const l = landscapes.find((x) => x.task === task);
    const b = l?.status === 'ready' ? bestCell(l.cells, 'accuracy') : undefined;
    return b ? { n: b.n, s: b.s } : undefined;
  };
  const tasks = [...memory.keys()];
  const panels: SolutionPanel[] = tasks.map((task) => ({
    key: task,
    title: TASK_SHORT[task],
    best: bestOf(task),
    solutions: (memory.get(task) ?? []).map((sol) => ({ key: sol.runId, label: sol.label, colour: sol.colour, start: centreOf(sol.initial), centre: centreOf(sol.final), cloud: sol.final })),
  }));
  const facts = tasks.flatMap((t) => taskFacts(t, memory.get(t) ?? [], bestOf(t)) ?? []);
  const next = nextTask(tasks, current);
  return (
    <FigureFrame
      name="solutions"
      title="Per-neuron solutions, task by task"
      testId="figure-solutions"
      embed="solutions"
      attrs={{ 'data-tasks': tasks.join(',') }}
      data={() => ({
        columns: ['task', 'run', 'step', 'neuron', 'n0', 's0', 'n', 's'],
        rows: tasks.flatMap((t) => (memory.get(t) ?? []).flatMap((sol) => Array.from(sol.final.n, (n, i) => [t, sol.label, sol.step, i, sol.initial.n[i], sol.initial.s[i], n, sol.final.s[i]]))),
      })}
      caption={
        <p>
          Dots: each neuron’s learned (n_i, s_i) at the run’s latest step. Ring: where the neurons started; cross: their centre of mass (mean n_i,
          mean s_i); square: the task’s best fixed activation on its landscape. Up to three recent runs per task are kept for this visit.
        </p>
      }
    >
      <Finding facts={facts} />
      <div className={controls.trainButtons}>
        <button type="button" className={controls.primary} onClick={() => trainPerNeuron(next)} data-testid="solutions-train" data-task={next}>
          ▶ Train per-neuron on {tasks.length ? 'another task: ' : ''}
          {TASK_SHORT[next]}
        </button>
      </div>
      <p className={`${common.mutedText} ${landscape.solutionsHint}`}>
          It trains in the{' '}
          <button type="button" className={common.linkButton} onClick={() => scrollToSection('train')}>
            Train section
          </button>{' '}
          with the task’s default settings; its cloud appears here after {MIN_STEPS} steps and follows it as it learns. Pause it when you like.
      </p>
      {panels.length > 0 && <SolutionPads panels={panels} />}
    </FigureFrame>
  );
});
