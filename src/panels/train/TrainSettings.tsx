/**
 * The run's settings, generated from SCHEMA: task, adaptation mode, hidden units, learning rate,
 * batch, seed, backend, speed, gradient clip, the constraint switch (and the copy delay for the
 * copy task). Learning rate and speed reach a running network at once; the others apply when a
 * new run is built (reset), which the panel says. Each control subscribes to its own setting, so
 * moving n and s (or any other setting) re-renders only the control that shows it.
 */
import { memo } from 'react';
import { useAppState } from '../../app/useAppState';
import { appStore } from '../../state/store';
import type { AppState, ParamName } from '../../state/schema';
import { SchemaControl } from './SchemaControl';
import { setLr, setSpeed } from './engine';

const FIELDS: ParamName[] = ['task', 'mode', 'hidden', 'lr', 'batch', 'seed', 'backend', 'speed', 'clip', 'constrain', 'delay'];
const LIVE = new Set<ParamName>(['lr', 'speed']);

function onChange(name: ParamName, v: unknown, kind: 'live' | 'commit'): void {
  appStore().set({ [name]: v } as Partial<AppState>, kind);
  if (name === 'lr') setLr(v as number);
  if (name === 'speed') setSpeed(v as number);
}

const SettingField = memo(function SettingField({ name, note }: { name: ParamName; note?: string }) {
  const value = useAppState((st) => st[name]);
  return <SchemaControl name={name} value={value} note={note} onChange={(v, kind) => onChange(name, v, kind)} />;
});

export function TrainSettings({ pendingKeys }: { pendingKeys: readonly string[] }) {
  const copyTask = useAppState((st) => st.task === 'copy');
  const fields = FIELDS.filter((f) => f !== 'delay' || copyTask);
  return (
    <div className="train-settings" data-testid="train-settings">
      {fields.map((name) => (
        <SettingField key={name} name={name} note={LIVE.has(name) ? 'live' : pendingKeys.includes(name) ? 'on reset' : undefined} />
      ))}
    </div>
  );
}
