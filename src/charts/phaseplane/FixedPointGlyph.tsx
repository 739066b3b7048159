/**
 * A fixed point's mark: filled when stable, open when unstable, half-filled for a saddle, with
 * its kind and eigenvalues as a tooltip.
 */
import type { FixedPoint } from '../../core/phasePlane';
import { fmt3 } from '../axes/format';
import styles from './phasePlane.module.css';

const R = 5.5;

function eigText(f: FixedPoint): string {
  const [a, b] = f.eig.re;
  const [ia, ib] = f.eig.im;
  if (ia === 0) return `λ = ${fmt3(a)}, ${fmt3(b)}`;
  return `λ = ${fmt3(a)} ± ${fmt3(Math.abs(ia || ib))}i`;
}

export function FixedPointGlyph({ x, y, point }: { x: number; y: number; point: FixedPoint }) {
  const kind = point.kind;
  const title = `${kind} at (${fmt3(point.h[0])}, ${fmt3(point.h[1])}); ${eigText(point)}`;
  const cls = point.stable ? `${styles.fp} ${styles.stable}` : styles.fp;
  return (
    <g className={cls} transform={`translate(${x},${y})`} data-testid="phaseplane-fp" data-kind={kind}>
      <title>{title}</title>
      <circle r={R} className={styles.fpRing} />
      {kind === 'saddle' && <path className={styles.fpHalf} d={`M0,${-R}A${R},${R} 0 0,0 0,${R}Z`} />}
    </g>
  );
}
