/**
 * A range input on a log scale. It reports every input event ('live': no debounce, the curve follows
 * the thumb) and a 'commit' on the native change event (thumb released, or a key press).
 */
import { RangeInput } from './RangeInput';

const STEPS = 1000;

interface Props {
  min: number;
  max: number;
  value: number;
  /** Significant digits kept in reported values. */
  digits: number;
  onChange: (v: number, kind: 'live' | 'commit') => void;
  testId?: string;
  ariaLabel: string;
  id?: string;
}

export function LogSlider({ min, max, value, digits, onChange, testId, ariaLabel, id }: Props) {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const pos = Math.round(((Math.log10(Math.min(max, Math.max(min, value))) - lo) / (hi - lo)) * STEPS);
  const toValue = (p: number) => Math.min(max, Math.max(min, Number((10 ** (lo + ((hi - lo) * p) / STEPS)).toPrecision(digits))));
  return (
    <RangeInput id={id} min={0} max={STEPS} step={1} value={pos} ariaLabel={ariaLabel} valueText={String(value)} testId={testId} onChange={(p, kind) => onChange(toValue(p), kind)} />
  );
}
