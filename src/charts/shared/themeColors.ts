/**
 * Colours for canvas layers, read from the palette's CSS variables (canvas cannot use var()).
 * Re-read when the colour scheme flips, so dark mode repaints the canvases too.
 */
import { useSyncExternalStore } from 'react';

export function readVar(name: string, el: Element = document.documentElement): string {
  return getComputedStyle(el).getPropertyValue(name).trim();
}

/** Bumped whenever prefers-color-scheme changes: the palette's values are read again. */
let schemeVersion = 0;
const cache = new Map<string, { version: number; value: string }>();

function subscribeScheme(changed: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const mq = matchMedia('(prefers-color-scheme: dark)');
  const on = () => {
    schemeVersion++;
    changed();
  };
  mq.addEventListener('change', on);
  return () => mq.removeEventListener('change', on);
}

/**
 * A palette colour for a canvas, read once per colour scheme (getComputedStyle on every draw
 * would force a style recalculation), and again when the scheme flips.
 */
export function useCssVar(name: string, fallback = ''): string {
  return useSyncExternalStore(subscribeScheme, () => {
    const hit = cache.get(name);
    if (hit && hit.version === schemeVersion) return hit.value;
    const value = readVar(name) || fallback;
    cache.set(name, { version: schemeVersion, value });
    return value;
  });
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
