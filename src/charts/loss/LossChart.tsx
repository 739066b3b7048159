/**
 * Training loss and accuracy of one run or several, on one step axis: the loss on top, the
 * accuracy on a small panel below. One run: its per-step values faintly (on a canvas), the
 * smoothed curve and the test evaluations. Several runs: each smoothed curve in the run's own
 * colour, with a band (mean ± sd over seeds) where a setting has several. The chance level (the
 * best input-blind guess) is a dashed baseline. The DOM holds a fixed number of elements however
 * long the runs: every series is one path over a decimated series.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { bisector, scaleLinear, scaleLog } from 'd3';
import type { SeriesPoints } from '../../core/decimate';
import { Axis } from '../axes/Axis';
import { useWidth } from '../axes/useWidth';
import { fmt3 } from '../axes/format';
import type { CsvSettings } from '../exportFormat';
import { FigureFrame } from '../frame/FigureFrame';
import { strokeSeries } from '../shared/seriesPixels';
import { prepareCanvas, useCssVar } from '../shared/themeColors';
import { bandPath, dotsPath, linePath, lossRange, lossTable, stepDomain, type LossSeries } from './lossSeries';
import parts from '../shared/chartParts.module.css';
import styles from './lossChart.module.css';

export interface LossChartProps {
  series: readonly LossSeries[];
  /** Loss of the best input-blind guess (TaskInfo.chanceLoss). */
  chanceLoss?: number;
  chanceAcc?: number;
  chanceLabel?: string;
  logY: boolean;
  onLogY: (v: boolean) => void;
  /** Settings written at the top of the CSV. */
  settings?: CsvSettings;
  title?: string;
  /** Export and embed names. */
  name?: string;
  embed?: 'loss' | 'compare';
  /** Fixed height of the loss panel; by default it follows the width. */
  height?: number;
}

const M = { top: 12, right: 16, bottom: 40, left: 58 };
const ACC_H = 84;
const GAP = 34;
/** Opacity of the raw per-step series (the faint trace under the smoothed curve). */
const RAW_ALPHA = 0.22;

function LossChartImpl({ series, chanceLoss, chanceAcc, chanceLabel = 'chance', logY, onLogY, settings, title = 'Loss and accuracy', name = 'loss', embed = 'loss', height }: LossChartProps) {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const clipId = useId();
  const [hover, setHover] = useState<number | null>(null);
  const single = series.length === 1;

  const H1 = height ?? Math.round(Math.min(260, Math.max(170, width * 0.36)));
  const iw = Math.max(10, width - M.left - M.right);
  const totalH = M.top + H1 + GAP + ACC_H + M.bottom;

  const [x0, x1] = stepDomain(series);
  const empty = series.every((s) => (s.loss ?? s.lossSmooth).length === 0);
  const xs = useMemo(() => scaleLinear().domain([x0, x1]).range([0, iw]), [x0, x1, iw]);
  const range = useMemo(() => lossRange(series, chanceLoss), [series, chanceLoss]);
  const ys = useMemo(
    () =>
      logY
        ? scaleLog().domain([range.bottom * 0.8, range.top * 1.25]).range([H1, 0]).clamp(true)
        : scaleLinear().domain([0, range.top * 1.05]).range([H1, 0]).nice().clamp(true),
    [logY, range, H1],
  );
  const ya = useMemo(() => scaleLinear().domain([0, 1]).range([ACC_H, 0]), []);
  const lossY = useCallback((v: number) => ys(Math.max(v, 1e-12)), [ys]);

  const hoverInfo = useMemo(() => {
    if (hover === null || empty) return null;
    const bis = bisector((v: number) => v).center;
    const pick = (p: SeriesPoints) => (p.length ? { x: p.x[bis(p.x, hover)], y: p.y[bis(p.x, hover)] } : null);
    const rows = series.map((s) => ({ label: s.label, colour: s.colour, loss: pick(s.lossSmooth), acc: pick(s.accSmooth) }));
    return { step: rows.find((r) => r.loss)?.loss?.x ?? hover, rows };
  }, [hover, empty, series]);

  const onPointer = (e: React.PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setHover(xs.invert(Math.min(iw, Math.max(0, e.clientX - r.left))));
  };

  // The noisy per-step series of a single run go on a canvas under the SVG: thousands of points per
  // update would otherwise be serialised into path strings (the export embeds the canvas as an image).
  const rawRef = useRef<HTMLCanvasElement>(null);
  const rawColour = useCssVar('--c-train');
  const raw = single ? series[0] : null;
  useEffect(() => {
    const canvas = rawRef.current;
    const ctx = canvas && prepareCanvas(canvas, width, totalH);
    if (!ctx || !raw) return;
    ctx.strokeStyle = rawColour;
    ctx.globalAlpha = RAW_ALPHA;
    ctx.lineWidth = 1;
    const panel = (top: number, h: number, draw: () => void) => {
      ctx.save();
      ctx.beginPath();
      ctx.rect(M.left, top, iw, h);
      ctx.clip();
      ctx.translate(M.left, top);
      draw();
      ctx.restore();
    };
    if (raw.loss) panel(M.top, H1, () => strokeSeries(ctx, raw.loss!, xs, lossY));
    if (raw.acc) panel(M.top + H1 + GAP, ACC_H, () => strokeSeries(ctx, raw.acc!, xs, ya));
  }, [raw, width, totalH, iw, H1, rawColour, xs, lossY, ya]);

  const pointCount = series.reduce((a, s) => a + (s.loss?.length ?? 0) + s.lossSmooth.length + (s.acc?.length ?? 0) + s.accSmooth.length, 0);
  const tests = series.reduce((a, s) => a + s.tests.length, 0);
  const step = Math.max(0, ...series.map((s) => s.lossSmooth.x[s.lossSmooth.length - 1] ?? 0));
  const lastTest = single ? series[0].tests[series[0].tests.length - 1] : undefined;
  const colourOf = (s: LossSeries) => (single ? undefined : { stroke: s.colour, fill: s.colour });

  return (
    <FigureFrame
      name={name}
      title={title}
      testId={`${name}-chart`}
      embed={embed}
      data={() => lossTable(series)}
      settings={settings}
      tools={
        <label className={parts.figToggle}>
          <input type="checkbox" checked={logY} onChange={(e) => onLogY(e.target.checked)} data-testid={`${name}-log-toggle`} /> log scale
        </label>
      }
      caption={
        <p className={parts.figLegend}>
          {single ? (
            <>
              <span className={`${parts.key} ${parts.keyRaw}`} /> loss per step <span className={parts.key} /> smoothed <span className={`${parts.key} ${parts.keyTest}`} /> test set
            </>
          ) : (
            series.map((s, i) => (
              <span key={s.key} className={parts.legendRun} data-testid={`${name}-legend-${i}`}>
                <span className={`${parts.key} ${parts.keyRun}`} style={{ background: s.colour }} /> {s.label}
              </span>
            ))
          )}
          {chanceLoss !== undefined && (
            <>
              {' '}
              <span className={`${parts.key} ${parts.keyChance}`} /> {chanceLabel}
            </>
          )}
        </p>
      }
    >
      <div className={parts.figBody} ref={wrapRef}>
        {single && <canvas ref={rawRef} className={styles.rawCanvas} data-testid={`${name}-raw`} aria-hidden="true" />}
        <svg
          width={width}
          height={totalH}
          role="img"
          aria-label={empty ? 'Loss chart: no training steps yet' : `Loss of ${series.length} run${single ? '' : 's'} over ${step} steps${lastTest ? `; last test accuracy ${(lastTest.acc * 100).toFixed(1)} %` : ''}`}
          data-testid={`${name}-svg`}
          data-points={pointCount}
          data-tests={tests}
          data-step={step}
        >
          <defs>
            <clipPath id={clipId}>
              <rect width={iw} height={H1} />
            </clipPath>
          </defs>
          <g transform={`translate(${M.left},${M.top})`}>
            <Axis scale={ys} orient="left" grid={iw} ticks={logY ? 4 : 5} label={logY ? 'loss (log)' : 'loss'} testId={`${name}-y-axis`} />
            <Axis scale={xs} orient="bottom" transform={`translate(0,${H1})`} ticks={Math.max(2, Math.floor(iw / 90))} />
            <g clipPath={`url(#${clipId})`}>
              {chanceLoss !== undefined && Number.isFinite(chanceLoss) && (
                <g data-testid={`${name}-chance`} data-value={chanceLoss}>
                  <line className={parts.chanceLine} x1={0} x2={iw} y1={ys(chanceLoss)} y2={ys(chanceLoss)} />
                  <text className={parts.chanceLabel} x={iw - 4} y={ys(chanceLoss) - 4} textAnchor="end">
                    {chanceLabel} {fmt3(chanceLoss)}
                  </text>
                </g>
              )}
              {series.map((s) => s.lossBand && <path key={`b${s.key}`} className={parts.seriesBand} d={bandPath(s.lossBand, xs, lossY)} style={{ fill: s.colour }} />)}
              {series.map((s, i) => (
                <path key={s.key} className={parts.seriesSmooth} d={linePath(s.lossSmooth, xs, lossY)} style={colourOf(s) && { stroke: s.colour }} data-testid={single ? `${name}-smooth` : `loss-run-${i}`} data-run={i} />
              ))}
              {series.map((s) => (
                <path key={`t${s.key}`} className={styles.testDots} d={dotsPath(s.tests.map((t) => ({ x: xs(t.step), y: lossY(t.loss) })), 3)} style={colourOf(s)} data-testid={single ? `${name}-tests` : undefined} />
              ))}
            </g>
            <g transform={`translate(0,${H1 + GAP})`}>
              <Axis scale={ya} orient="left" ticks={[0, 0.5, 1]} format={(v) => `${Math.round(v * 100)}%`} grid={iw} label="accuracy" />
              <Axis scale={xs} orient="bottom" transform={`translate(0,${ACC_H})`} ticks={Math.max(2, Math.floor(iw / 90))} label="training step" />
              {chanceAcc !== undefined && <line className={parts.chanceLine} x1={0} x2={iw} y1={ya(chanceAcc)} y2={ya(chanceAcc)} data-testid={`${name === 'loss' ? 'acc' : `${name}-acc`}-chance`} data-value={chanceAcc} />}
              {series.map((s) => s.accBand && <path key={`b${s.key}`} className={parts.seriesBand} d={bandPath(s.accBand, xs, ya)} style={{ fill: s.colour }} />)}
              {series.map((s, i) => (
                <path key={s.key} className={parts.seriesSmooth} d={linePath(s.accSmooth, xs, ya)} style={colourOf(s) && { stroke: s.colour }} data-testid={single ? 'acc-smooth' : `${name}-acc-run-${i}`} />
              ))}
              {series.map((s) => (
                <path key={`t${s.key}`} className={styles.testDots} d={dotsPath(s.tests.map((t) => ({ x: xs(t.step), y: ya(t.acc) })), 3)} style={colourOf(s)} data-testid={single ? 'acc-tests' : undefined} />
              ))}
            </g>
            {hoverInfo && <line className={parts.hoverRule} x1={xs(hoverInfo.step)} x2={xs(hoverInfo.step)} y1={0} y2={H1 + GAP + ACC_H} data-export="skip" />}
            {empty && (
              <text className={parts.emptyNote} x={iw / 2} y={H1 / 2} textAnchor="middle">
                No steps yet — press play to train.
              </text>
            )}
            <rect className={parts.hoverCatcher} width={iw} height={H1 + GAP + ACC_H} onPointerMove={onPointer} onPointerDown={onPointer} onPointerLeave={() => setHover(null)} />
          </g>
        </svg>
        {hoverInfo && (
          <div className={parts.figReadout} data-testid={`${name}-hover`} data-export="skip" style={xs(hoverInfo.step) > iw * 0.6 ? { right: width - M.left - xs(hoverInfo.step) + 10 } : { left: M.left + xs(hoverInfo.step) + 10 }}>
            <div>step {Math.round(hoverInfo.step)}</div>
            {hoverInfo.rows.map((r) => (
              <div key={r.label}>
                {!single && <span className={`${parts.key} ${parts.keyRun}`} style={{ background: r.colour }} />} loss {fmt3(r.loss?.y ?? NaN)}, accuracy {((r.acc?.y ?? NaN) * 100).toFixed(1)} %
              </div>
            ))}
          </div>
        )}
      </div>
    </FigureFrame>
  );
}

export const LossChart = memo(LossChartImpl);
export default LossChart;
