/**
 * True once `key` has stayed the same for `ms` milliseconds. A figure that is costly to compute
 * uses it to draw a coarse version while its inputs move (a drag) and the full one when they stop.
 * The first value counts as settled.
 */
import { useEffect, useState } from 'react';

export function useSettled(key: string, ms: number): boolean {
  const [settledKey, setSettledKey] = useState(key);
  useEffect(() => {
    if (key === settledKey) return;
    const id = setTimeout(() => setSettledKey(key), ms);
    return () => clearTimeout(id);
  }, [key, settledKey, ms]);
  return key === settledKey;
}
