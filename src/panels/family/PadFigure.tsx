/** The (n, s) pad connected to the store: dragging or arrow keys set n and s. */
import { useCallback } from 'react';
import { NSPad, type PadUpdate } from '../../charts/NSPad';
import { appStore } from '../../state/store';
import { useAppState } from '../../app/useAppState';

export default function PadFigure() {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const onChange = useCallback((nn: number, ss: number, kind: PadUpdate) => appStore().set({ n: nn, s: ss }, kind), []);
  return (
    <figure className="figure pad-figure" data-testid="figure-pad">
      <NSPad n={n} s={s} onChange={onChange} />
      <figcaption className="hint">
        Drag anywhere, or focus the handle and use the arrow keys (Shift: bigger steps). Shaded: sup γ′ &gt; 1.
      </figcaption>
    </figure>
  );
}
