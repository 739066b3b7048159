/**
 * Each task's default settings: the few that differ from the schema's defaults, chosen by
 * measurement so a class sees learning quickly (BENCHMARKS.md, "Task defaults"), the step count the
 * page promises for "clearly below chance", and the time that took. Picking a task in the Train
 * settings applies its defaults in one store update; a link keeps whatever it says (parsing a URL
 * never applies them), so explicit URL values always win. Pure data and functions.
 */
import { SCHEMA, defaultState, type AppState, type TaskId } from './schema';

/** Settings a task may choose for itself. */
export type TaskSetting = 'mode' | 'n' | 's' | 'lr' | 'delay' | 'hidden' | 'batch';

export interface TaskDefault {
  /** What differs from the schema's defaults when this task is picked. */
  settings: Partial<Pick<AppState, TaskSetting>>;
  /** Training steps after which the page promises the loss clearly below chance. */
  steps: number;
  /**
   * Seconds those steps took on the wasm backend (node, 2 shared cores, BENCHMARKS.md), rounded up:
   * what the page quotes as the time to see learning.
   */
  seconds: number;
}

/** "Clearly below chance": the loss at most this fraction of the input-blind guess's loss. */
export const BELOW_CHANCE = 0.85;

/** The time a class is willing to wait before seeing learning. */
export const PATIENCE_SECONDS = 60;

export const TASK_DEFAULTS: Record<TaskId, TaskDefault> = {
  rows: { settings: {}, steps: 200, seconds: 5 },
  ps14: { settings: { n: 4, s: 0 }, steps: 400, seconds: 25 },
  ps28: { settings: { n: 4, s: 0, lr: 0.001 }, steps: 400, seconds: 130 },
  copy: { settings: { n: 16, s: 0, delay: 10 }, steps: 700, seconds: 15 },
  flipflop: { settings: {}, steps: 150, seconds: 5 },
};

/** Every setting some task chooses: picking a task sets each of them (its own value or the schema's). */
export const TASK_KEYS: readonly TaskSetting[] = [...new Set(Object.values(TASK_DEFAULTS).flatMap((d) => Object.keys(d.settings) as TaskSetting[]))];

/** The one store update that picks a task: the task and every task-chosen setting. */
export function taskPatch(task: TaskId): Partial<AppState> {
  const base = defaultState();
  const out: Partial<Record<TaskSetting, unknown>> = {};
  for (const k of TASK_KEYS) out[k] = TASK_DEFAULTS[task].settings[k] ?? base[k];
  return { task, ...(out as Partial<AppState>) };
}

/** Task-chosen settings whose value differs from the task's default (empty: the defaults hold). */
export function offDefaults(st: AppState): TaskSetting[] {
  const want = taskPatch(st.task);
  return TASK_KEYS.filter((k) => want[k] !== st[k]);
}

/** Whether the promised time exceeds a class's patience: the page then says how long it takes. */
export function isSlowTask(task: TaskId): boolean {
  return TASK_DEFAULTS[task].seconds > PATIENCE_SECONDS;
}

/** How a task-chosen setting reads in a sentence ("gain n = 16"). */
export function describeSetting(k: TaskSetting, v: unknown): string {
  const spec = SCHEMA[k];
  if (spec.kind === 'enum') return `${spec.label}: ${v as string}`;
  return `${spec.label} ${String(v)}`;
}
