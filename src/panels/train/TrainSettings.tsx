/**
 * The run's settings, generated from SCHEMA: task, adaptation mode, hidden units, learning rate,
 * batch, seed, backend, speed, gradient clip, the constraint switch, Adam on log n (for modes
 * that learn n), the initialisation (and the copy delay for the copy task). Controls only write
 * the page's state: the settings subscription (state/settingsSync.ts) sends live ones to the run,
 * the others wait for a reset, as the schema declares and the panel says. Each control subscribes to its own setting, so moving n and s (or
 * any other setting) re-renders only the control that shows it.
 */
import { memo } from 'react';
import { useAppState } from '../../app/useAppState';
import { appStore } from '../../state/store';
import { SCHEMA, type AppState, type ParamName, type ParamSpec } from '../../state/schema';
import { SchemaControl } from './SchemaControl';
import { taskPatch } from '../../state/taskDefaults';
import { TaskDefaultsNote } from './TaskDefaultsNote';
import controls from '../controls/controls.module.css';

const FIELDS: ParamName[] = ['task', 'mode', 'hidden', 'lr', 'actlr', 'batch', 'seed', 'backend', 'speed', 'clip', 'constrain', 'logn', 'init', 'delay'];

function onChange(name: ParamName, v: unknown, kind: 'live' | 'commit'): void {
  // Picking a task brings its default settings along, in the same update (state/taskDefaults.ts).
  if (name === 'task') appStore().set(taskPatch(v as AppState['task']), kind);
  else appStore().set({ [name]: v } as Partial<AppState>, kind);
}

function isLive(name: ParamName): boolean {
  const spec: ParamSpec = SCHEMA[name];
  return spec.apply === 'live';
}

const SettingField = memo(function SettingField({ name, note }: { name: ParamName; note?: string }) {
  const value = useAppState((st) => st[name]);
  return <SchemaControl name={name} value={value} note={note} onChange={(v, kind) => onChange(name, v, kind)} />;
});

function noteFor(name: ParamName, pendingKeys: readonly string[]): string | undefined {
  const when = isLive(name) ? 'live' : pendingKeys.includes(name) ? 'on reset' : undefined;
  // The task select says that picking a task brings its defaults (spelled out below the settings).
  if (name === 'task') return when ? `${when} · sets its defaults` : 'sets its defaults';
  return when;
}

export function TrainSettings({ pendingKeys }: { pendingKeys: readonly string[] }) {
  const copyTask = useAppState((st) => st.task === 'copy');
  // Only modes that learn n have a gain to step in log space.
  const learnsGain = useAppState((st) => st.mode === 'homogeneous' || st.mode === 'heterogeneous');
  const fields = FIELDS.filter((f) => (f !== 'delay' || copyTask) && ((f !== 'logn' && f !== 'actlr') || learnsGain));
  return (
    <>
      <div className={controls.trainSettings} data-testid="train-settings">
        {fields.map((name) => (
          <SettingField key={name} name={name} note={noteFor(name, pendingKeys)} />
        ))}
      </div>
      <TaskDefaultsNote />
    </>
  );
}
