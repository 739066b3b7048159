/**
 * `<input type=range>` reporting every input event ('live') and the native change event ('commit':
 * thumb released or key press), so the store can tell a drag from its end.
 */
import { useEffect, useRef } from 'react';

interface RangeProps {
  min: number;
  max: number;
  step: number;
  value: number;
  onChange: (v: number, kind: 'live' | 'commit') => void;
  ariaLabel: string;
  valueText?: string;
  testId?: string;
  id?: string;
}

export function RangeInput({ min, max, step, value, onChange, ariaLabel, valueText, testId, id }: RangeProps) {
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // React's onChange is the input event; the native change event marks the end of a gesture.
    const onCommit = () => latest.current(Number(el.value), 'commit');
    el.addEventListener('change', onCommit);
    return () => el.removeEventListener('change', onCommit);
  }, []);
  return (
    <input
      ref={ref}
      id={id}
      type="range"
      min={min}
      max={max}
      step={step}
      value={value}
      aria-label={ariaLabel}
      aria-valuetext={valueText}
      data-testid={testId}
      onChange={(e) => onChange(Number(e.currentTarget.value), 'live')}
    />
  );
}
