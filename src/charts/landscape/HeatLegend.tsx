/** The heat map's colour legend: the ramp as a bar with ticks, chance marked, and which end is better. */
import { useId } from 'react';
import { scaleLinear } from 'd3';
import { fmt3 } from '../axes/format';
import type { ColourScale, Metric } from './heatGeometry';
import styles from './heatMap.module.css';

const STOPS = 12;
const H = 62;
const BAR_Y = 16;
const BAR = 10;

export function HeatLegend({ scale, metric, chance, seeds, width }: { scale: ColourScale; metric: Metric; chance: number; seeds: number; width: number }) {
  const id = useId();
  if (width === 0) return null;
  const left = 48;
  const w = Math.max(60, Math.min(360, width - left - 14));
  const x = scaleLinear().domain([scale.lo, scale.hi]).range([0, w]);
  const fmt = metric === 'accuracy' ? (v: number) => `${Math.round(v * 100)} %` : fmt3;
  const ticks = x.ticks(4);
  const name = metric === 'accuracy' ? 'test accuracy' : 'test loss';
  return (
    <svg className={styles.legend} width={left + w + 14} height={H} data-testid="landscape-legend" aria-label={`colour scale: ${name} from ${fmt(scale.lo)} to ${fmt(scale.hi)}, brighter is better`}>
      <defs>
        <linearGradient id={id}>
          {Array.from({ length: STOPS + 1 }, (_, k) => {
            const v = scale.lo + ((scale.hi - scale.lo) * k) / STOPS;
            return <stop key={k} offset={`${(100 * k) / STOPS}%`} stopColor={scale.colour(v)} />;
          })}
        </linearGradient>
      </defs>
      <g transform={`translate(${left},4)`}>
        <text className={styles.legendTitle} x={0} y={0} dy="0.8em">
          {name}, mean of {seeds} seed{seeds === 1 ? '' : 's'} · brighter is better
        </text>
        <rect y={BAR_Y} width={w} height={BAR} fill={`url(#${id})`} />
        {ticks.map((t) => (
          <g key={t} transform={`translate(${x(t)},${BAR_Y + BAR})`}>
            <line className={styles.legendTick} y2={4} />
            <text className={styles.legendText} y={6} dy="0.8em" textAnchor="middle">
              {fmt(t)}
            </text>
          </g>
        ))}
        <g transform={`translate(${x(chance)},${BAR_Y - 2})`} data-testid="landscape-legend-chance">
          <line className={styles.legendChance} y2={BAR + 30} />
          <text className={styles.legendText} x={3} y={BAR + 30} textAnchor="start">
            guessing ({fmt(chance)})
          </text>
        </g>
      </g>
    </svg>
  );
}
