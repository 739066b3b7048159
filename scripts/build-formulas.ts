/**
 * Typesets the page's formulas (src/panels/formula/formulas.ts) to MathML with temml and writes
 * src/panels/formula/mathml.generated.ts, so the page needs no TeX engine at run time.
 * Run after changing a formula: npx tsx scripts/build-formulas.ts (tests/unit/formulas.test.ts fails
 * while the generated file is stale).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mathmlModule } from './formulas/render';

const out = fileURLToPath(new URL('../src/panels/formula/mathml.generated.ts', import.meta.url));
writeFileSync(out, mathmlModule());
process.stdout.write(`wrote ${out}\n`);
