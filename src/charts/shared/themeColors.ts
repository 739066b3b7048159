/**
 * Colours for canvas layers, read from the palette's CSS variables (canvas cannot use var()).
 * Re-read when the colour scheme flips, so dark mode repaints the canvases too.
 */
import { useEffect, useState } from 'react';

export function readVar(name: string, el: Element = document.documentElement): string {
  return getComputedStyle(el).getPropertyValue(name).trim();
}

/** A counter that changes whenever prefers-color-scheme changes; use it as an effect dependency. */
export function useSchemeVersion(): number {
  const [v, setV] = useState(0);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const on = () => setV((x) => x + 1);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return v;
}

/** True when the reader asked for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Backing-store scale for crisp canvases, capped so huge screens do not allocate huge buffers. */
export function pixelRatio(): number {
  return Math.min(2, typeof devicePixelRatio === 'number' ? devicePixelRatio : 1);
}

/** Sizes a canvas for CSS size w × h and returns its context, scaled to CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D | null {
  const r = pixelRatio();
  const W = Math.max(1, Math.round(w * r));
  const H = Math.max(1, Math.round(h * r));
  if (canvas.width !== W) canvas.width = W;
  if (canvas.height !== H) canvas.height = H;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(r, 0, 0, r, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}
