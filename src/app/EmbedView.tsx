/**
 * One figure alone, full-bleed, for an iframe (#embed=<figure>), with a link to the full explorable
 * carrying the same state. "Figure only" (figonly) leaves out its controls and export menu. The
 * embed tells the page around it how tall it is whenever that changes, so the snippet's script
 * can size the iframe to fit (no inner scrollbar).
 */
import { Suspense, useEffect, useMemo } from 'react';
import { EMBED_HEIGHT_MESSAGE } from '../charts/exportFormat';
import { FigureChrome } from '../charts/frame/FigureFrame';
import type { FigureId } from '../state/schema';
import { serialize } from '../state/url';
import { EMBEDS } from './embeds';
import { NotesBar } from './NotesBar';
import { useAppState } from './useAppState';
import common from './common.module.css';
import slot from './figureSlot.module.css';
import styles from './page.module.css';

/** Posts the document's height to the parent page, now and whenever it changes. */
function useReportHeight(): void {
  useEffect(() => {
    if (window.parent === window || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const send = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: EMBED_HEIGHT_MESSAGE, height }, '*');
    };
    const ro = new ResizeObserver(send);
    ro.observe(document.documentElement);
    send();
    return () => ro.disconnect();
  }, []);
}

export function EmbedView({ figure }: { figure: FigureId }) {
  const entry = EMBEDS[figure];
  const Figure = entry?.current();
  // Re-render on any state change so the link back always carries the current state.
  const state = useAppState((st) => st);
  const back = serialize({ ...state, embed: '', figonly: false });
  const chrome = useMemo(() => ({ bare: state.figonly }), [state.figonly]);
  useReportHeight();
  return (
    <FigureChrome.Provider value={chrome}>
    <main className={slot.embed} data-testid={`embed-${figure}`}>
      <NotesBar />
      {Figure ? (
        <Suspense fallback={<p className={common.loading}>Loading…</p>}>
          {/* A module-level lazy entry's component, the same on every render. */}
          {/* eslint-disable-next-line react-hooks/static-components */}
          <Figure />
        </Suspense>
      ) : (
        <p className={common.empty}>The figure “{figure}” cannot be embedded yet.</p>
      )}
      <a className={styles.embedOpen} href={`#${back}`} target="_blank" rel="noopener" data-testid="embed-open">
        Open the full explorable ↗
      </a>
    </main>
    </FigureChrome.Provider>
  );
}
