/**
 * One control generated from the SCHEMA entry of a setting: a select for an enum, a checkbox for
 * a boolean, a slider (log-spaced when the spec says so) with its value for a bounded number,
 * and a number box for integers with a huge range (the seed). Labels, help and ranges come from
 * the schema only.
 */
import { useId } from 'react';
import { SCHEMA, type AppState, type EnumSpec, type ParamName } from '../../state/schema';
import { compactNumber } from '../../state/url';
import controls from '../controls/controls.module.css';

const SLIDER_STEPS = 1000;

export interface SchemaControlProps<K extends ParamName> {
  name: K;
  value: AppState[K];
  onChange: (value: AppState[K], kind: 'live' | 'commit') => void;
  /** Shown after the label (e.g. "applies on reset"). */
  note?: string;
  disabled?: boolean;
}

function toSlider(v: number, min: number, max: number, log: boolean): number {
  const t = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}

function fromSlider(p: number, min: number, max: number, log: boolean, integer: boolean): number {
  const t = p / SLIDER_STEPS;
  let v = log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
  // Two significant digits on log sliders: 0.0031 rather than 0.003127.
  if (log) v = Number(v.toPrecision(2));
  if (integer) v = Math.round(v);
  return Math.min(max, Math.max(min, v));
}

/** What a select shows for an option: the schema's label for it, or the id itself. */
function optionLabel(spec: EnumSpec, option: string): string {
  return (spec.labels as Record<string, string> | undefined)?.[option] ?? option;
}

export function SchemaControl<K extends ParamName>({ name, value, onChange, note, disabled }: SchemaControlProps<K>) {
  const id = useId();
  const spec = SCHEMA[name];
  const set = (v: unknown, kind: 'live' | 'commit' = 'commit') => onChange(v as AppState[K], kind);
  const labelEl = (
    <label htmlFor={id} title={spec.help}>
      {spec.label}
      {note && <span className={controls.controlNote}> · {note}</span>}
    </label>
  );
  const testId = `control-${name}`;
  switch (spec.kind) {
    case 'enum':
      return (
        <div className={controls.control}>
          {labelEl}
          <select id={id} value={String(value)} disabled={disabled} onChange={(e) => set(e.target.value)} data-testid={testId} aria-describedby={`${id}-help`}>
            {spec.options.map((o) => (
              <option key={o} value={o}>
                {optionLabel(spec, o)}
              </option>
            ))}
          </select>
          <span id={`${id}-help`} hidden>{spec.help}</span>
        </div>
      );
    case 'boolean':
      return (
        <div className={`${controls.control} ${controls.controlCheck}`}>
          <input id={id} type="checkbox" checked={Boolean(value)} disabled={disabled} onChange={(e) => set(e.target.checked)} data-testid={testId} />
          {labelEl}
        </div>
      );
    case 'number': {
      const v = value as number;
      const integer = 'integer' in spec && spec.integer === true;
      const huge = spec.scale === 'linear' && integer && spec.max - spec.min > SLIDER_STEPS;
      if (huge) {
        return (
          <div className={controls.control}>
            {labelEl}
            <input id={id} type="number" min={spec.min} max={spec.max} step={1} value={v} disabled={disabled} data-testid={testId}
              onChange={(e) => {
                const x = Math.round(Number(e.target.value));
                if (Number.isFinite(x)) set(Math.min(spec.max, Math.max(spec.min, x)));
              }} />
          </div>
        );
      }
      const log = spec.scale === 'log';
      return (
        <div className={controls.control}>
          {labelEl}
          <div className={controls.controlSlider}>
            <input id={id} type="range" min={0} max={SLIDER_STEPS} step={1} value={toSlider(v, spec.min, spec.max, log)} disabled={disabled}
              aria-valuetext={compactNumber(v)} data-testid={testId}
              onChange={(e) => set(fromSlider(Number(e.target.value), spec.min, spec.max, log, integer), 'live')}
              onPointerUp={() => set(v, 'commit')}
              onKeyUp={() => set(v, 'commit')} />
            <output htmlFor={id} className={controls.controlValue}>
              {name === 'speed' && v >= spec.max ? 'max' : compactNumber(v)}
            </output>
          </div>
        </div>
      );
    }
    case 'flags':
      return null;
  }
}
