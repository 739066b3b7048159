/**
 * A typeset formula: MathML made from TeX at build time (formulas.ts, scripts/build-formulas.ts),
 * rendered natively by the browser. The MathML comes from our own TeX, never from the reader.
 */
import { FORMULAS, type FormulaId } from './formulas';
import { MATHML } from './mathml.generated';
import styles from './formula.module.css';

/** `small`: a secondary formula (parts, read-out), smaller and muted. */
export function Formula({ id, small = false }: { id: FormulaId; small?: boolean }) {
  return (
    <div
      className={small ? `${styles.math} ${styles.small}` : styles.math}
      role="math"
      aria-label={FORMULAS[id].label}
      data-testid={`formula-${id}`}
      dangerouslySetInnerHTML={{ __html: MATHML[id] }}
    />
  );
}
