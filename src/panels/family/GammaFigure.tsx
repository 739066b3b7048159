/**
 * The γ chart connected to the store: n, s, x range and overlays come from the URL state; the
 * legend switches overlays and Ctrl/⌘ + wheel or the range control zooms x.
 */
import { useCallback, useEffect, useRef } from 'react';
import { GammaChart, type LegendFlag } from '../../charts/GammaChart';
import { SCHEMA, OVERLAYS } from '../../state/schema';
import { appStore } from '../../state/store';
import { useAppState } from '../../app/useAppState';
import { XRangeControl } from './XRangeControl';
import { FigureFrame } from '../../charts/frame/FigureFrame';
import { gammaSeries } from '../../charts/gamma/gammaSeries';
import common from '../../app/common.module.css';
import slot from '../../app/figureSlot.module.css';

type OverlayFlag = (typeof OVERLAYS)[number];
const XR_BOUNDS: [number, number] = [SCHEMA.xr.min, SCHEMA.xr.max];
const WHEEL_PAUSE_MS = 300;

export default function GammaFigure() {
  const n = useAppState((st) => st.n);
  const s = useAppState((st) => st.s);
  const xr = useAppState((st) => st.xr);
  const show = useAppState((st) => st.show);
  const onToggle = useCallback((flag: LegendFlag, on: boolean) => {
    const cur = appStore().get().show;
    const next = OVERLAYS.filter((o: OverlayFlag) => (o === flag ? on : cur.includes(o)));
    appStore().set({ show: next });
  }, []);
  // Wheel zoom is a gesture without an end event: it ends (one history entry) after a short pause.
  const wheelEnd = useRef<number | undefined>(undefined);
  const onXrChange = useCallback((v: number) => {
    appStore().set({ xr: v }, 'live');
    window.clearTimeout(wheelEnd.current);
    wheelEnd.current = window.setTimeout(() => appStore().set({ xr: v }, 'commit'), WHEEL_PAUSE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(wheelEnd.current), []);
  // The CSV is the curve as drawn: γ and its three derivatives at the plotted x samples.
  const data = useCallback(() => {
    const g = gammaSeries(n, s, xr);
    return Array.from(g.x, (x, i) => ({ x, n, s, gamma: g.gamma[i], dgamma_dx: g.dx[i], dgamma_dn: g.dn[i], dgamma_ds: g.ds[i] }));
  }, [n, s, xr]);
  return (
    <figure className={slot.figureSlot} data-testid="figure-gamma">
      <FigureFrame
        name="gamma"
        title="The activation γ(x; n, s)"
        testId="gamma-frame"
        embed="gamma"
        data={data}
        tools={<XRangeControl />}
        caption={<p className={common.hint}>Hover for values · Ctrl/⌘ + wheel zooms x</p>}
      >
        <GammaChart n={n} s={s} xr={xr} show={show} onToggle={onToggle} onXrChange={onXrChange} xrBounds={XR_BOUNDS} />
      </FigureFrame>
    </figure>
  );
}
