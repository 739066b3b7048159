/** The whole explorable: header, URL notes, and the sections listed in state.panels. */
import { Suspense, useEffect, useState } from 'react';
import { Header } from './Header';
import { NotesBar } from './NotesBar';
import { TourBar } from '../panels/tour/TourBar';
import { SECTIONS, type SectionEntry } from './sections';
import { useAppState } from './useAppState';
import { appStore } from '../state/store';
import { defaultState } from '../state/schema';
import common from './common.module.css';
import styles from './page.module.css';

function SectionBody({ entry, active }: { entry: SectionEntry; active: boolean }) {
  if (!active) return <p className={common.loading}>Loading…</p>;
  const Body = entry.current();
  // Not a component made during render: a module-level lazy entry's component, the same every time.
  // eslint-disable-next-line react-hooks/static-components
  return <Body />;
}

export function FullPage() {
  const panels = useAppState((st) => st.panels);
  const shown = SECTIONS.filter((sec) => panels.includes(sec.id));
  // Sections below the first start loading only after the first has painted, so they do not
  // compete with it for the main thread.
  const [rest, setRest] = useState(false);
  useEffect(() => {
    const id = requestAnimationFrame(() => setTimeout(() => setRest(true), 0));
    return () => cancelAnimationFrame(id);
  }, []);
  return (
    <>
      <Header />
      <main className={styles.page}>
        <NotesBar />
        {shown.map((sec, i) => (
          <section key={sec.id} id={sec.id} className={styles.section} aria-labelledby={`${sec.id}-title`} data-testid={`section-${sec.id}`}>
            <h2 id={`${sec.id}-title`}>
              <span className={styles.sectionNumber}>{i + 1}</span> {sec.title}
            </h2>
            <Suspense fallback={<p className={common.loading}>Loading…</p>}>
              <SectionBody entry={sec} active={i === 0 || rest} />
            </Suspense>
          </section>
        ))}
        {shown.length === 0 && (
          <p className={common.empty}>
            No section is selected in this link.{' '}
            <button type="button" className={common.linkButton} onClick={() => appStore().set({ panels: defaultState().panels })}>
              Show all sections
            </button>
          </p>
        )}
      </main>
      <TourBar />
    </>
  );
}
