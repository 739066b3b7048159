/** The (n, s) pad connected to the store: dragging or arrow keys set n and s. */
import { useCallback } from 'react';
import { FigureFrame } from '../../charts/frame/FigureFrame';
import { LANDMARKS, supSlope } from '../../core/landmarks';
import { NSPad, type PadUpdate } from '../../charts/NSPad';
import { appStore } from '../../state/store';
import { useAppState } from '../../app/useAppState';
import common from '../../app/common.module.css';
import slot from '../../app/figureSlot.module.css';

export default function PadFigure() {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const onChange = useCallback((nn: number, ss: number, kind: PadUpdate) => appStore().set({ n: nn, s: ss }, kind), []);
  // The CSV lists the marked points of the pad: the reader's (n, s) and the landmarks.
  const data = useCallback(
    () => [
      { point: 'current', n, s, sup_slope: supSlope(n, s) },
      ...LANDMARKS.map((l) => ({ point: l.label + (l.isLimit ? ' (n → ∞)' : ''), n: l.n, s: l.s, sup_slope: l.isLimit ? '' : supSlope(l.n, l.s) })),
    ],
    [n, s],
  );
  return (
    <figure className={slot.figureSlot} data-testid="figure-pad">
      <FigureFrame
        name="pad"
        title="The (n, s) pad"
        testId="pad-frame"
        embed="pad"
        data={data}
        caption={<p className={common.hint}>Drag anywhere, or focus the handle and use the arrow keys (Shift: bigger steps). Shaded: sup γ′ &gt; 1.</p>}
      >
        <NSPad n={n} s={s} onChange={onChange} />
      </FigureFrame>
    </figure>
  );
}
