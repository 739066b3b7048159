/**
 * Whether an element is on screen (or within MARGIN of it). Figures off screen skip their updates
 * (training snapshots, n and s moves) and catch up as they scroll into view, so the page's work
 * follows what the reader can see. True until first observed (or `initial`: false for a figure that
 * starts costly work only once seen), and always wherever IntersectionObserver is missing, so
 * nothing is ever frozen by mistake.
 */
import { useEffect, useState, type RefObject } from 'react';

/** Figures this close to the viewport already count as visible, so they are fresh on arrival. */
const MARGIN = '300px';

export function useOnScreen(ref: RefObject<Element | null>, initial = true): boolean {
  const [visible, setVisible] = useState(() => initial || typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setVisible(entries[entries.length - 1].isIntersecting), { rootMargin: MARGIN });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return visible;
}
