/**
 * An (n, s) map of untrained networks from the dynamics worker, coarse first and refined, while
 * the figure is on screen (leaving cancels; the client keeps finished maps for the session, so a
 * map computed once comes back at once). Progress is drawn at most once per animation frame.
 */
import { useEffect, useState } from 'react';
import type { MapProgress } from '../../engine/dynamicsClient';
import type { NsMapKind } from '../../engine/dynamicsProtocol';
import { dynamics } from './dynamicsRuntime';
import { mapRequest } from './requests';

export interface NsMapState {
  map: MapProgress | null;
  error: string | null;
}

export function useNsMap(kind: NsMapKind, hidden: number, seed: number, active: boolean): NsMapState {
  const key = `${kind}|${hidden}|${seed}`;
  const [state, setState] = useState<{ key: string } & NsMapState>({ key, map: null, error: null });
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    let latest: MapProgress | null = null;
    const job = dynamics().map(mapRequest(kind, hidden, seed), (p) => {
      latest = p;
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setState({ key, map: latest, error: null });
      });
    });
    job.done.catch((e: unknown) => setState((s) => ({ ...s, key, error: e instanceof Error ? e.message : String(e) })));
    return () => {
      cancelAnimationFrame(frame);
      job.cancel();
    };
  }, [key, kind, hidden, seed, active]);
  // A map of another network (other N or seed) is not shown; the cache may already hold this one.
  const own = state.key === key ? state : null;
  return { map: own?.map ?? dynamics().cached(mapRequest(kind, hidden, seed)) ?? null, error: own?.error ?? null };
}
