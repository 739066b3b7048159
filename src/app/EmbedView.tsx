/**
 * One figure alone, full-bleed, for an iframe (#embed=<figure>), with a link to the full explorable
 * carrying the same state.
 */
import { Suspense } from 'react';
import type { FigureId } from '../state/schema';
import { serialize } from '../state/url';
import { EMBEDS } from './embeds';
import { NotesBar } from './NotesBar';
import { useAppState } from './useAppState';

export function EmbedView({ figure }: { figure: FigureId }) {
  const entry = EMBEDS[figure];
  const Figure = entry?.current();
  // Re-render on any state change so the link back always carries the current state.
  const state = useAppState((st) => st);
  const back = serialize({ ...state, embed: '' });
  return (
    <main className="embed" data-testid={`embed-${figure}`}>
      <NotesBar />
      {Figure ? (
        <Suspense fallback={<p className="loading">Loading…</p>}>
          {/* A module-level lazy entry's component, the same on every render. */}
          {/* eslint-disable-next-line react-hooks/static-components */}
          <Figure />
        </Suspense>
      ) : (
        <p className="empty">The figure “{figure}” cannot be embedded yet.</p>
      )}
      <a className="embed-open" href={`#${back}`} target="_blank" rel="noopener" data-testid="embed-open">
        Open the full explorable ↗
      </a>
    </main>
  );
}
