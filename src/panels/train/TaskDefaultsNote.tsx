/**
 * Next to the task select: picking a task sets its default settings (state/taskDefaults.ts), what
 * they are, and what they promise (loss clearly below chance within so many steps, measured time).
 * When the settings differ from the task's defaults (a link, or the reader's own changes), one
 * button puts them back.
 */
import { useAppState } from '../../app/useAppState';
import { appStore } from '../../state/store';
import { BELOW_CHANCE, describeSetting, isSlowTask, offDefaults, taskPatch, TASK_DEFAULTS, type TaskSetting } from '../../state/taskDefaults';
import common from '../../app/common.module.css';
import controls from '../controls/controls.module.css';
import narrative from '../narrative/narrative.module.css';

function duration(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} minutes`;
}

export function TaskDefaultsNote() {
  const task = useAppState((st) => st.task);
  const off = useAppState((st) => offDefaults(st).join(','));
  const d = TASK_DEFAULTS[task];
  const set = Object.entries(d.settings).map(([k, v]) => describeSetting(k as TaskSetting, v));
  const slow = isSlowTask(task);
  return (
    <p className={`${slow ? `${controls.notice} ${controls.warn}` : common.mutedText} ${narrative.taskDefaults}`} data-testid="task-defaults" data-off={off || undefined}>
      Picking a task sets its defaults{set.length ? `: ${set.join(', ')}` : ' (the page’s standard settings)'}. With them the loss falls
      below {Math.round(BELOW_CHANCE * 100)} % of chance within {d.steps} steps,{' '}
      {slow ? <strong>which took about {duration(d.seconds)} on a 2-core machine without a GPU.</strong> : <>about {duration(d.seconds)} on a 2-core machine without a GPU.</>}
      {off && (
        <>
          {' '}
          Now changed: {off.split(',').join(', ')}.{' '}
          <button type="button" className={common.linkButton} onClick={() => appStore().set(taskPatch(task))} data-testid="task-defaults-apply">
            Use this task’s defaults
          </button>
        </>
      )}
    </p>
  );
}
