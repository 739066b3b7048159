/** Facts about one run for the sentences of the Train and Compare sections. Pure. */
import { fmt3 } from '../../charts/axes/format';
import type { SeriesPoints } from '../../core/decimate';
import type { Point } from '../../state/solutions';

/** The first step where a (smoothed) loss series is at or under `level`, or null. */
export function firstBelow(series: SeriesPoints, level: number): number | null {
  for (let i = 0; i < series.length; i++) if (series.y[i] <= level) return series.x[i];
  return null;
}

const p = (x: Point) => `n = ${fmt3(x.n)}, s = ${fmt3(x.s)}`;

/** Where the activation went, in words: "(n, s) moved from … to …: a sharper, more saturating curve." */
export function activationText(mode: string, start: Point, now: Point, neurons: number): string {
  if (mode === 'static') return `Its activation stays fixed at ${p(start)}.`;
  if (mode === 'tanh' || mode === 'relu') return '';
  const dn = Math.log10(now.n / start.n);
  const ds = now.s - start.s;
  const gain = Math.abs(dn) < 0.02 ? 'about the same gain' : dn > 0 ? 'a sharper curve (higher gain)' : 'a gentler curve (lower gain)';
  const sat = Math.abs(ds) < 0.02 ? 'about as saturating' : ds > 0 ? 'more saturating' : 'less saturating';
  const who = mode === 'heterogeneous' ? `The centre of its ${neurons} neurons’ (n, s)` : 'Its shared (n, s)';
  return `${who} moved from ${p(start)} to ${p(now)}: ${gain}, ${sat}.`;
}
