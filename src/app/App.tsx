/** The shell: one figure alone when state.embed names one, otherwise the full page. */
import { EmbedView } from './EmbedView';
import { FullPage } from './FullPage';
import { useAppState } from './useAppState';

export function App() {
  const embed = useAppState((st) => st.embed);
  return embed ? <EmbedView figure={embed} /> : <FullPage />;
}
