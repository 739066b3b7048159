/**
 * Helpers for drawing probe portraits: consistent signs between successive projections (a
 * principal axis is only defined up to sign, so an unaligned redraw would flip the picture), the
 * blend used when a new portrait animates in, and the extent of a chosen pair of components.
 */
import type { ProbePortrait } from '../../engine/protocol';

/** `next.proj` with each component's sign chosen to agree best with `prev` (same shape only). */
export function alignSigns(prev: ProbePortrait | null, next: ProbePortrait): Float32Array {
  const out = Float32Array.from(next.proj);
  if (!prev || prev.probes !== next.probes || prev.steps !== next.steps || prev.dims !== next.dims) return out;
  const D = next.dims;
  for (let d = 0; d < D; d++) {
    let dot = 0;
    for (let i = d; i < out.length; i += D) dot += out[i] * prev.proj[i];
    if (dot < 0) for (let i = d; i < out.length; i += D) out[i] = -out[i];
  }
  return out;
}

/** (1 − t)·a + t·b element-wise; b alone when the shapes differ. */
export function blend(a: Float32Array | null, b: Float32Array, t: number): Float32Array {
  if (!a || a.length !== b.length || t >= 1) return b;
  const out = new Float32Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
  return out;
}

/** Min and max of components (cx, cy) over every probe and step, padded by 5 %. */
export function pairExtent(proj: Float32Array, dims: number, cx: number, cy: number): { x: [number, number]; y: [number, number] } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < proj.length; i += dims) {
    const x = proj[i + cx];
    const y = proj[i + cy];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (!(x1 >= x0)) return { x: [-1, 1], y: [-1, 1] };
  const px = Math.max(1e-6, (x1 - x0) * 0.05);
  const py = Math.max(1e-6, (y1 - y0) * 0.05);
  return { x: [x0 - px, x1 + px], y: [y0 - py, y1 + py] };
}
