/**
 * Brings a tour step's section into view. Sections load lazily and grow as they do, which moves
 * the target: the scroll is repeated whenever the page's height changes, for a short while, until
 * the reader scrolls by themselves.
 */
import { useEffect } from 'react';

/** How long a step keeps following its section while the page settles. */
const SETTLE_MS = 2500;

export function useTourScroll(sectionId: string | null, step: number): void {
  useEffect(() => {
    if (!sectionId) return;
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const go = (smooth: boolean) => document.getElementById(sectionId)?.scrollIntoView({ block: 'start', behavior: smooth && !reduce ? 'smooth' : 'auto' });
    go(true);
    const ro = new ResizeObserver(() => go(false));
    ro.observe(document.body);
    const stop = () => ro.disconnect();
    const timer = setTimeout(stop, SETTLE_MS);
    // The reader's own scrolling wins.
    const opts = { once: true, passive: true } as const;
    window.addEventListener('wheel', stop, opts);
    window.addEventListener('touchstart', stop, opts);
    return () => {
      clearTimeout(timer);
      stop();
      window.removeEventListener('wheel', stop);
      window.removeEventListener('touchstart', stop);
    };
  }, [sectionId, step]);
}
