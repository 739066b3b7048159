/**
 * Recovery after a change of inputs: test accuracy (on the changed inputs) against the steps
 * re-adapted, one line per way of answering it, with the accuracy before the change as a dashed
 * line and the drop marked at step 0.
 */
import { memo, useMemo } from 'react';
import { line, scaleLinear } from 'd3';
import type { TestPoint } from '../../engine/protocol';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import type { CsvSettings, FigureData } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import parts from '../shared/chartParts.module.css';

export interface RecoveryLine {
  key: string;
  label: string;
  colour: string;
  /** Test evaluations, steps counted from the change of inputs. */
  points: readonly TestPoint[];
}

export interface RecoveryChartProps {
  lines: readonly RecoveryLine[];
  /** Test accuracy before the change (dashed), NaN when unknown. */
  before: number;
  /** Steps each re-adaptation runs (the x axis's end). */
  steps: number;
  caption: string;
  settings?: CsvSettings;
}

const M = { top: 14, right: 16, bottom: 40, left: 54 };

function RecoveryChartImpl({ lines, before, steps, caption, settings }: RecoveryChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const H = Math.round(Math.min(300, Math.max(200, width * 0.42)));
  const iw = Math.max(10, width - M.left - M.right);
  const ih = H - M.top - M.bottom;
  const xs = useMemo(() => scaleLinear().domain([0, Math.max(1, steps)]).range([0, iw]), [steps, iw]);
  const ys = useMemo(() => scaleLinear().domain([0, 1]).range([ih, 0]), [ih]);
  const path = (pts: readonly TestPoint[]) =>
    line<TestPoint>()
      .x((p) => xs(p.step))
      .y((p) => ys(p.acc))(pts as TestPoint[]) ?? '';
  const data = (): FigureData => ({
    columns: ['way', 'steps_since_shift', 'test_accuracy'],
    rows: lines.flatMap((l) => l.points.map((p) => [l.label, p.step, p.acc])),
  });
  return (
    <FigureFrame
      name="shift"
      title="Recovery after the inputs change"
      testId="shift-chart"
      embed="shift"
      data={data}
      settings={settings}
      caption={
        <p className={parts.figLegend}>
          {lines.map((l) => (
            <span key={l.key} className={parts.legendRun}>
              {/* A way with one evaluation (do nothing) is drawn dotted across the chart. */}
              <span className={`${parts.key} ${parts.keyRun}`} style={l.points.length === 1 ? { background: 'none', borderTop: `2px dotted ${l.colour}` } : { background: l.colour }} /> {l.label}{' '}
            </span>
          ))}
          <span className={`${parts.key} ${parts.keyChance}`} /> before the change. {caption}
        </p>
      }
    >
      <div className={parts.figBody} ref={wrapRef}>
        <svg width={width} height={H} role="img" aria-label={`Test accuracy after the change of inputs, ${lines.length} ways of re-adapting`} data-testid="shift-svg">
          <g transform={`translate(${M.left},${M.top})`}>
            <Axis scale={ys} orient="left" ticks={[0, 0.25, 0.5, 0.75, 1]} format={(v) => `${Math.round(v * 100)}%`} grid={iw} label="test accuracy" />
            <Axis scale={xs} orient="bottom" transform={`translate(0,${ih})`} ticks={Math.max(2, Math.floor(iw / 90))} label="steps since the change" />
            {Number.isFinite(before) && <line className={parts.chanceLine} x1={0} x2={iw} y1={ys(before)} y2={ys(before)} data-testid="shift-before" data-value={before} />}
            {lines.map((l, i) =>
              l.points.length > 1 ? (
                <path key={l.key} className={parts.seriesSmooth} d={path(l.points)} style={{ stroke: l.colour }} data-testid={`shift-line-${i}`} data-way={l.key} />
              ) : (
                l.points.map((p) => <line key={l.key} x1={0} x2={iw} y1={ys(p.acc)} y2={ys(p.acc)} style={{ stroke: l.colour, strokeDasharray: '2 4', strokeWidth: 2 }} data-testid={`shift-line-${i}`} data-way={l.key} />)
              ),
            )}
            {lines.flatMap((l) =>
              l.points.map((p) => <circle key={`${l.key}-${p.step}`} cx={xs(p.step)} cy={ys(p.acc)} r={3} style={{ fill: l.colour }} />),
            )}
          </g>
        </svg>
      </div>
    </FigureFrame>
  );
}

export const RecoveryChart = memo(RecoveryChartImpl);
