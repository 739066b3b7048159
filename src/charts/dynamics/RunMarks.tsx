/**
 * A run's activation on an (n, s) map: its shared (n, s) through training as a line ending in a
 * dot, or its per-neuron (n_i, s_i) as a cloud, drawn with a light halo so they read on any colour
 * of the map. Points off the pad are pinned to its edge.
 */
import { memo } from 'react';
import { pin, type PadScales } from '../pad/padGeometry';
import type { PadCloud, PadPoint } from '../pad/PadMarks';
import styles from './dynamics.module.css';

export interface RunMarksData {
  /** Shared (n, s) through training (static and homogeneous runs). */
  trajectory?: readonly PadPoint[];
  /** Per-neuron (n_i, s_i) now (heterogeneous runs). */
  cloud?: PadCloud;
}

function RunMarksImpl({ sc, trajectory, cloud, testId }: RunMarksData & { sc: PadScales; testId: string }) {
  const pts = (trajectory ?? []).map((p) => pin(sc, p.n, p.s));
  const line = pts.map((p, i) => `${i ? 'L' : 'M'}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join('');
  const last = pts[pts.length - 1];
  const cloudPts = cloud ? Array.from({ length: Math.min(cloud.n.length, cloud.s.length) }, (_, i) => pin(sc, cloud.n[i], cloud.s[i])) : [];
  return (
    <g data-testid={testId} data-count={pts.length + cloudPts.length}>
      {pts.length > 1 && (
        <>
          <path className={styles.mapRunHalo} d={line} />
          <path className={styles.mapRunLine} d={line} />
        </>
      )}
      {last && <circle className={styles.mapRunDot} cx={last.px} cy={last.py} r={5} data-testid={`${testId}-now`} />}
      {cloudPts.map((p, i) => (
        <circle key={i} className={styles.mapRunCloud} cx={p.px} cy={p.py} r={3} />
      ))}
    </g>
  );
}

export const RunMarks = memo(RunMarksImpl);
