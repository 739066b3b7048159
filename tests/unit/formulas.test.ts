/** The typeset formulas: the generated MathML is what temml makes of the TeX today (regenerate with npx tsx scripts/build-formulas.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mathmlModule, renderFormula } from '../../scripts/formulas/render';
import { FORMULAS, type FormulaId } from '../../src/panels/formula/formulas';
import { ROOT } from './mnistData';

describe('formulas', () => {
  it('mathml.generated.ts is current', () => {
    const file = readFileSync(join(ROOT, 'src/panels/formula/mathml.generated.ts'), 'utf8');
    expect(file).toBe(mathmlModule());
  });

  it('every formula typesets as display MathML with the symbols it names', () => {
    for (const id of Object.keys(FORMULAS) as FormulaId[]) {
      const m = renderFormula(id);
      expect(m.startsWith('<math display="block"')).toBe(true);
      expect(m).not.toMatch(/merror|color:#b22222/);
    }
    expect(renderFormula('gamma')).toContain('<mi>γ</mi>');
    expect(renderFormula('gamma')).toContain('<mi>σ</mi>');
    expect(renderFormula('network')).toContain('<msub><mi>h</mi><mrow><mi>t</mi><mo>−</mo><mn>1</mn></mrow></msub>');
  });
});
