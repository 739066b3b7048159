/**
 * Data drawn on the pad by other figures (a layer of NSPad): a learned (n, s) trajectory (line +
 * points, the newest emphasised) and a cloud of per-neuron (n_i, s_i), in the run's colour when
 * given. Points off the pad are pinned to its edge with an outward triangle, and counted.
 */
import { memo } from 'react';
import { pin, type PadScales, type PinnedPoint, type Side } from './padGeometry';
import styles from './pad.module.css';

export interface PadPoint {
  n: number;
  s: number;
}
export interface PadCloud {
  n: ArrayLike<number>;
  s: ArrayLike<number>;
}

/** At most this many trajectory dots (the line keeps every point). */
const MAX_DOTS = 200;

const ROTATE: Record<Side, number> = { top: 0, right: 90, bottom: 180, left: 270 };

function EdgeMarker({ p }: { p: PinnedPoint }) {
  if (!p.outside) return null;
  return <path className={styles.edgeMarker} d="M0,-7L4,-1L-4,-1Z" transform={`translate(${p.px},${p.py}) rotate(${ROTATE[p.outside]})`} />;
}

interface Props {
  sc: PadScales;
  trajectory?: readonly PadPoint[];
  cloud?: PadCloud;
  /** CSS colour of the marks (a compared run's); the accent by default. */
  colour?: string;
  /** Show how many points fall off the pad (once per pad, by one layer). */
  countOutside?: boolean;
  testId?: string;
}

function PadMarksImpl({ sc, trajectory, cloud, colour, countOutside = true, testId }: Props) {
  const ih = sc.y.range()[0];
  const traj = trajectory?.map((p) => pin(sc, p.n, p.s)) ?? [];
  const stride = Math.max(1, Math.ceil(traj.length / MAX_DOTS));
  const cloudPts: PinnedPoint[] = [];
  if (cloud) {
    const len = Math.min(cloud.n.length, cloud.s.length);
    for (let i = 0; i < len; i++) cloudPts.push(pin(sc, cloud.n[i], cloud.s[i]));
  }
  const outside = cloudPts.filter((p) => p.outside).length + traj.filter((p) => p.outside).length;
  return (
    <g className={styles.marks} style={colour ? { color: colour } : undefined} data-testid={testId}>
      {cloudPts.length > 0 && (
        <g className={styles.cloud} data-testid="pad-cloud" data-count={cloudPts.length}>
          {cloudPts.map((p, i) =>
            p.outside ? <EdgeMarker key={i} p={p} /> : <circle key={i} cx={p.px} cy={p.py} r={2.5} />,
          )}
        </g>
      )}
      {traj.length > 0 && (
        <g className={styles.trajectory} data-testid="pad-trajectory" data-count={traj.length}>
          <path d={traj.map((p, i) => `${i ? 'L' : 'M'}${p.px.toFixed(1)},${p.py.toFixed(1)}`).join('')} />
          {traj.map((p, i) =>
            i % stride === 0 || i === traj.length - 1 ? (
              p.outside ? <EdgeMarker key={i} p={p} /> : <circle key={i} cx={p.px} cy={p.py} r={i === traj.length - 1 ? 4.5 : 2} />
            ) : null,
          )}
        </g>
      )}
      {countOutside && outside > 0 && (
        <text className={styles.outsideCount} x={6} y={ih - 8} data-testid="pad-cloud-outside">
          {outside} off the pad (▲ at the edge)
        </text>
      )}
    </g>
  );
}

export const PadMarks = memo(PadMarksImpl);
