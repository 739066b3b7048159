/**
 * A typeset formula: MathML made from TeX at build time (formulas.ts, scripts/build-formulas.ts),
 * rendered natively by the browser. The MathML comes from our own TeX, never from the reader.
 */
import { FORMULAS, type FormulaId } from './formulas';
import { MATHML } from './mathml.generated';
import './formula.css';

export function Formula({ id, className }: { id: FormulaId; className?: string }) {
  return (
    <div
      className={`formula-math${className ? ` ${className}` : ''}`}
      role="math"
      aria-label={FORMULAS[id].label}
      data-testid={`formula-${id}`}
      dangerouslySetInnerHTML={{ __html: MATHML[id] }}
    />
  );
}
