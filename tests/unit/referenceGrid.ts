/** Reads ../shared/reference/gamma_grid.csv (γ and its derivatives at 50-digit precision). */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface GridRow {
  x: number;
  n: number;
  s: number;
  gamma: number;
  dx: number;
  dn: number;
  ds: number;
}

const CANDIDATES = [
  resolve(__dirname, '../../../shared/reference/gamma_grid.csv'),
  resolve(process.cwd(), '../shared/reference/gamma_grid.csv'),
];

export function loadGrid(): GridRow[] {
  const path = CANDIDATES.find((p) => existsSync(p));
  if (!path) throw new Error(`gamma_grid.csv not found in ${CANDIDATES.join(', ')}`);
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  const want = ['x', 'n', 's', 'gamma', 'dgamma_dx', 'dgamma_dn', 'dgamma_ds'];
  if (want.some((c, i) => cols[i] !== c)) throw new Error(`unexpected header ${header}`);
  return lines.map((line) => {
    const [x, n, s, gamma, dx, dn, ds] = line.split(',').map(Number);
    return { x, n, s, gamma, dx, dn, ds };
  });
}

/** Relative error, or absolute where the reference is ~0 (|ref| below absFloor). */
export function withinTol(got: number, ref: number, rel: number, abs: number): boolean {
  const err = Math.abs(got - ref);
  return err <= abs || err <= rel * Math.abs(ref);
}
