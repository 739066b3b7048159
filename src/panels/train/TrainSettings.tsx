/**
 * The run's settings, generated from SCHEMA: task, adaptation mode, hidden units, learning rate,
 * batch, seed, backend, speed, gradient clip, the constraint switch (and the copy delay for the
 * copy task). Learning rate and speed reach a running network at once; the others apply when a
 * new run is built (reset), which the panel says.
 */
import { useAppState } from '../../app/useAppState';
import { appStore } from '../../state/store';
import type { AppState, ParamName } from '../../state/schema';
import { SchemaControl } from './SchemaControl';
import { setLr, setSpeed } from './engine';

const FIELDS: ParamName[] = ['task', 'mode', 'hidden', 'lr', 'batch', 'seed', 'backend', 'speed', 'clip', 'constrain', 'delay'];
const LIVE = new Set<ParamName>(['lr', 'speed']);

export function TrainSettings({ pendingKeys }: { pendingKeys: readonly string[] }) {
  const st = useAppState((s) => s);
  const fields = FIELDS.filter((f) => f !== 'delay' || st.task === 'copy');
  return (
    <div className="train-settings" data-testid="train-settings">
      {fields.map((name) => (
        <SchemaControl
          key={name}
          name={name}
          value={st[name]}
          note={LIVE.has(name) ? 'live' : pendingKeys.includes(name) ? 'on reset' : undefined}
          onChange={(v, kind) => {
            appStore().set({ [name]: v } as Partial<AppState>, kind);
            if (name === 'lr') setLr(v as number);
            if (name === 'speed') setSpeed(v as number);
          }}
        />
      ))}
    </div>
  );
}
