/**
 * A number box that lets the reader type freely and applies the value on Enter or when leaving the
 * field (clamped to the range; text that is not a number restores the current value).
 */
import { useState } from 'react';
import styles from './paramSliders.module.css';

interface Props {
  value: number;
  min: number;
  max: number;
  /** How the current value is shown when the field is not being edited. */
  format: (v: number) => string;
  onCommit: (v: number) => void;
  ariaLabel: string;
  testId?: string;
  id?: string;
}

export function NumberField({ value, min, max, format, onCommit, ariaLabel, testId, id }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const apply = () => {
    if (draft === null) return;
    const v = Number(draft.replace(',', '.'));
    if (draft.trim() !== '' && Number.isFinite(v)) onCommit(Math.min(max, Math.max(min, v)));
    setDraft(null);
  };
  return (
    <input
      id={id}
      className={styles.numberField}
      type="text"
      inputMode="decimal"
      spellCheck={false}
      autoComplete="off"
      value={draft ?? format(value)}
      aria-label={ariaLabel}
      data-testid={testId}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
