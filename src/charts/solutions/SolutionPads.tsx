/**
 * Heterogeneous solutions, one small (n, s) pad per task side by side: each run's final cloud of
 * per-neuron (n_i, s_i) in its colour, where it started (hollow ring), its centre of mass (cross)
 * and a dashed line between the two; optionally the task's best fixed activation from its
 * landscape (a square). Plain data in.
 */
import { memo } from 'react';
import { NSPad } from '../NSPad';
import { PadMarks, type PadCloud } from '../pad/PadMarks';
import { pin, type PadScales } from '../pad/padGeometry';
import styles from './solutionPads.module.css';

export interface PadPointNS {
  n: number;
  s: number;
}

export interface SolutionMark {
  key: string;
  label: string;
  colour: string;
  start: PadPointNS;
  centre: PadPointNS;
  cloud: PadCloud;
}

export interface SolutionPanel {
  key: string;
  title: string;
  solutions: readonly SolutionMark[];
  /** The task's best static cell, when its landscape is known. */
  best?: PadPointNS;
}

function Marks({ sc, panel }: { sc: PadScales; panel: SolutionPanel }) {
  return (
    <>
      {panel.solutions.map((m, i) => {
        const a = pin(sc, m.start.n, m.start.s);
        const c = pin(sc, m.centre.n, m.centre.s);
        return (
          <g key={m.key} style={{ color: m.colour }} data-testid={`solution-${panel.key}-${i}`} data-centre-n={m.centre.n} data-centre-s={m.centre.s}>
            <PadMarks sc={sc} cloud={m.cloud} colour={m.colour} countOutside={i === 0} />
            <line className={styles.path} x1={a.px} y1={a.py} x2={c.px} y2={c.py} />
            <circle className={styles.start} cx={a.px} cy={a.py} r={6} data-testid="solution-start" />
            <path className={styles.centre} d={`M${c.px - 7},${c.py}H${c.px + 7}M${c.px},${c.py - 7}V${c.py + 7}`} data-testid="solution-centre" />
          </g>
        );
      })}
      {panel.best && (
        <rect className={styles.best} x={sc.x(panel.best.n) - 6} y={sc.y(panel.best.s) - 6} width={12} height={12} data-testid="solution-best" />
      )}
    </>
  );
}

function SolutionPadsImpl({ panels }: { panels: readonly SolutionPanel[] }) {
  return (
    <div className={styles.grid} data-testid="solution-pads" data-count={panels.length}>
      {panels.map((p) => (
        <div key={p.key} className={styles.cell} data-testid={`solution-pad-${p.key}`}>
          <h4 className={styles.title} data-export="html">
            {p.title}
          </h4>
          <NSPad readOnly contours={false} label={`per-neuron (n, s) after training: ${p.title}`} layers={(sc) => <Marks sc={sc} panel={p} />} />
        </div>
      ))}
    </div>
  );
}

export const SolutionPads = memo(SolutionPadsImpl);
