/**
 * The best fixed activation of every task with a committed landscape, side by side: do tasks want
 * the same activation? Tasks without a file say so.
 */
import { bestCell, type CellSummary } from '../../core/landscapeStats';
import { SCHEMA, TASKS, type TaskId } from '../../state/schema';
import { appStore } from '../../state/store';
import { taskPatch } from '../../state/taskDefaults';
import { distinctBest } from './landscapeFacts';
import { accText, cellName } from './LandscapeFinding';
import { useAllLandscapes } from './landscapeSource';
import { TASK_SHORT } from './taskNames';
import common from '../../app/common.module.css';
import styles from './landscapePanel.module.css';

export function BestPerTask({ current }: { current: TaskId }) {
  const all = useAllLandscapes(TASKS, current);
  const bests = all.flatMap((l) => {
    if (l.status !== 'ready') return [];
    const best = bestCell(l.cells, 'accuracy');
    return best ? [{ task: l.task, best, steps: l.file.steps, chance: l.file.test.chanceAccuracy }] : [];
  });
  const distinct = distinctBest(bests);
  const row = (task: TaskId, best: CellSummary | undefined, steps: number | undefined, chance: number | undefined) => (
    <tr key={task} className={task === current ? styles.current : undefined} data-testid={`best-${task}`}>
      <th scope="row">
        {task === current ? (
          <span title={SCHEMA.task.labels[task]}>{TASK_SHORT[task]}</span>
        ) : (
          <button type="button" className={`${common.linkButton} ${styles.taskButton}`} onClick={() => appStore().set(taskPatch(task))} title={`${SCHEMA.task.labels[task]}: show it (applies its default settings)`}>
            {TASK_SHORT[task]}
          </button>
        )}
      </th>
      <td>{best ? cellName(best) : '—'}</td>
      <td>{best ? accText(best) : 'no sweep committed'}</td>
      <td>{chance === undefined ? '' : `${(chance * 100).toFixed(1)} %`}</td>
      <td>{steps ?? ''}</td>
    </tr>
  );
  return (
    <div className={styles.landscapeTasks} data-testid="landscape-tasks">
      <h3>Best fixed activation per task</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">task</th>
            <th scope="col">best cell</th>
            <th scope="col">test accuracy</th>
            <th scope="col">guessing</th>
            <th scope="col">steps</th>
          </tr>
        </thead>
        <tbody>
          {TASKS.map((t) => {
            const b = bests.find((x) => x.task === t);
            return row(t, b?.best, b?.steps, b?.chance);
          })}
        </tbody>
      </table>
      {bests.length > 1 && (
        <p data-testid="landscape-tasks-finding">
          {distinct
            ? 'The best cell differs between tasks: which activation is best depends on the task, as the paper found.'
            : 'Every measured task has the same best cell here: these maps do not show the task-specific optima the paper reports.'}
        </p>
      )}
    </div>
  );
}
