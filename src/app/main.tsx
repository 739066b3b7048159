import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './theme.css';
import './app.css';
import { App } from './App';
import { appStore } from '../state/store';
import { SECTIONS } from './sections';
import { EMBEDS } from './embeds';

/** Code of what is on screen first: the embedded figure, or the first section shown. */
function firstView(): Promise<unknown> | undefined {
  const st = appStore().get();
  if (st.embed) return EMBEDS[st.embed]?.load();
  return SECTIONS.find((sec) => st.panels.includes(sec.id))?.load();
}

const root = document.getElementById('root');
if (root) {
  // Load the first view's code before the first render so it paints without a loading fallback.
  await firstView()?.catch(() => undefined);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
