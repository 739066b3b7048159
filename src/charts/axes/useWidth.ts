/**
 * Width of an element, measured before the first paint (layout effect) and kept current with a
 * ResizeObserver, so a chart sizes its SVG to its container (375 px phones to wide screens).
 * Returns 0 until measured: charts then draw nothing, rather than drawing twice at a guessed size.
 * `skip` (a chart given its width by its parent) measures nothing: each measure right after a
 * mount forces a layout of the page.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function useWidth<T extends HTMLElement>(skip = false): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || skip) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [skip]);
  return [ref, width];
}
