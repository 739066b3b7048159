/**
 * Drawing a decimated series at screen resolution. The run store keeps up to ~2,000 points per
 * series; a chart a few hundred pixels wide gains nothing from more than one point per pixel
 * column for a smooth curve, and a noisy one is cheaper to stroke on a canvas than to serialise
 * into an SVG path string on every update.
 */
import type { SeriesPoints } from '../../core/decimate';

/** Indices of the points to draw: the first point of each pixel column, and always the last. */
export function pixelThin(p: SeriesPoints, x: (v: number) => number): number[] {
  const keep: number[] = [];
  let lastPx = -Infinity;
  for (let i = 0; i < p.length; i++) {
    const px = Math.floor(x(p.x[i]));
    if (px > lastPx || i === p.length - 1) {
      keep.push(i);
      lastPx = px;
    }
  }
  return keep;
}

/** Strokes the whole series as one polyline (non-finite values break the line). */
export function strokeSeries(
  ctx: CanvasRenderingContext2D,
  p: SeriesPoints,
  x: (v: number) => number,
  y: (v: number) => number,
): void {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < p.length; i++) {
    const py = y(p.y[i]);
    if (!Number.isFinite(py)) {
      pen = false;
      continue;
    }
    const px = x(p.x[i]);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
}
