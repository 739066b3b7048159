/**
 * Whether a Dynamics figure is on screen (or within MARGIN of it). Unlike the Train section's
 * useOnScreen it starts false: these figures start background computations, which should not
 * begin for a section the reader has not scrolled to. Without IntersectionObserver: always true.
 */
import { useEffect, useState, type RefObject } from 'react';

const MARGIN = '200px';

export function useVisible(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setVisible(entries[entries.length - 1].isIntersecting), { rootMargin: MARGIN });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return visible;
}
