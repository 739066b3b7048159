/**
 * The (n, s) pad: gain n across on a log scale (0.1 … 100), saturation s up (0 … 1). The handle is
 * dragged with a pointer (from anywhere on the pad, the handle included, which is always on top)
 * or moved with the arrow keys (Shift: bigger steps). Shared: other figures draw on it through
 * `layers`, which receive the pad's scales (trajectories, clouds of per-neuron (n_i, s_i), a heat
 * map), under the handle.
 */
import { memo, useCallback, useRef, useState, type ReactNode } from 'react';
import { useWidth } from './axes/useWidth';
import { fmt3 } from './axes/format';
import { PadBackdrop } from './pad/PadBackdrop';
import { N_MAX, N_MIN, padScales, pin, quantize, type PadScales } from './pad/padGeometry';
import styles from './pad/pad.module.css';

export type PadUpdate = 'live' | 'commit';

export interface NSPadProps {
  /** The handle's position; omit both to draw no handle. */
  n?: number;
  s?: number;
  /** Called while dragging ('live') and when a move is final ('commit': pointer up, key press). */
  onChange?: (n: number, s: number, kind: PadUpdate) => void;
  /** No dragging, no keyboard: the pad only shows. */
  readOnly?: boolean;
  /** What other figures draw on the pad, given its scales and plot size; above the backdrop, under the handle. */
  layers?: (sc: PadScales, size: { iw: number; ih: number }) => ReactNode;
  /** Fixed size in px; by default the pad fills its container's width. */
  width?: number;
  height?: number;
  /** Faint contour lines of sup γ′ (default on). */
  contours?: boolean;
  /** Accessible name of the pad. */
  label?: string;
}

/** The plot area's margins inside the pad (for layers drawn outside its SVG, such as a canvas under it). */
export const PAD_MARGIN = { top: 24, right: 14, bottom: 46, left: 48 } as const;
const M = PAD_MARGIN;
/** The pad's height for a width, when none is given. */
export const padHeight = (w: number): number => Math.round(Math.min(420, Math.max(240, w * 0.8)));
/** Arrow-key steps: log10 n and s; Shift multiplies by 10. */
const KEY_LOG_N = 0.02;
const KEY_S = 0.01;

function NSPadImpl({ n, s, onChange, readOnly = false, layers, width, height, contours = true, label = 'gain n and saturation s' }: NSPadProps) {
  const [wrapRef, measured] = useWidth<HTMLDivElement>(width !== undefined);
  const W = width ?? measured;
  const H = height ?? padHeight(W);
  const iw = Math.max(10, W - M.left - M.right);
  const ih = Math.max(10, H - M.top - M.bottom);
  const sc = padScales(iw, ih);
  const handleRef = useRef<SVGGElement>(null);
  const areaRef = useRef<SVGRectElement>(null);
  const dragging = useRef(false);
  const [focused, setFocused] = useState(false);
  const interactive = !readOnly && !!onChange && n !== undefined && s !== undefined;

  // Positions are read against the plot area, whichever element the pointer went down on.
  const fromPointer = useCallback(
    (e: React.PointerEvent<SVGElement>, kind: PadUpdate) => {
      const r = areaRef.current?.getBoundingClientRect();
      if (!r) return;
      const q = quantize(sc.x.invert(e.clientX - r.left), sc.y.invert(e.clientY - r.top));
      onChange?.(q.n, q.s, kind);
    },
    [sc, onChange],
  );
  const drag = {
    onPointerDown: (e: React.PointerEvent<SVGGElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      dragging.current = true;
      handleRef.current?.focus({ preventScroll: true });
      fromPointer(e, 'live');
    },
    onPointerMove: (e: React.PointerEvent<SVGGElement>) => {
      if (dragging.current) fromPointer(e, 'live');
    },
    onPointerUp: (e: React.PointerEvent<SVGGElement>) => {
      if (!dragging.current) return;
      dragging.current = false;
      fromPointer(e, 'commit');
    },
    onPointerCancel: () => {
      if (!dragging.current || n === undefined || s === undefined) return;
      dragging.current = false;
      onChange?.(n, s, 'commit');
    },
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!interactive) return;
    const big = e.shiftKey ? 10 : 1;
    let ln = Math.log10(n);
    let ss = s;
    switch (e.key) {
      case 'ArrowRight': ln += KEY_LOG_N * big; break;
      case 'ArrowLeft': ln -= KEY_LOG_N * big; break;
      case 'ArrowUp': ss += KEY_S * big; break;
      case 'ArrowDown': ss -= KEY_S * big; break;
      case 'PageUp': ss += KEY_S * 10; break;
      case 'PageDown': ss -= KEY_S * 10; break;
      case 'Home': ln = Math.log10(N_MIN); break;
      case 'End': ln = Math.log10(N_MAX); break;
      default: return;
    }
    e.preventDefault();
    const q = quantize(10 ** ln, ss);
    onChange(q.n, q.s, 'commit');
  };

  // Not measured yet: the layout effect measures and re-renders before anything is painted.
  if (W === 0) return <div className={styles.nsPad} ref={wrapRef} data-testid="ns-pad" />;

  const handle = n !== undefined && s !== undefined ? pin(sc, n, s) : null;
  const valueText = n !== undefined && s !== undefined ? `gain n ${fmt3(n)}, saturation s ${s.toFixed(3)}` : '';

  return (
    <div className={styles.nsPad} ref={wrapRef} data-testid="ns-pad">
      <svg
        width={W}
        height={H}
        className={interactive ? styles.interactive : undefined}
        data-testid="pad-svg"
        data-plot={`${M.left},${M.top},${iw},${ih}`}
        aria-label={`(n, s) pad: ${label}`}
        role="group"
      >
        <g transform={`translate(${M.left},${M.top})`}>
          <PadBackdrop iw={iw} ih={ih} contours={contours} />
          {layers?.(sc, { iw, ih })}
          <g {...(interactive ? drag : {})}>
          {interactive && <rect ref={areaRef} className={styles.catcher} width={iw} height={ih} data-testid="pad-area" />}
          {handle && (
            <g
              ref={handleRef}
              className={`${styles.handle}${focused ? ` ${styles.focused}` : ''}${readOnly ? ` ${styles.readOnly}` : ''}`}
              transform={`translate(${handle.px},${handle.py})`}
              data-testid="pad-handle"
              data-n={n}
              data-s={s}
              {...(interactive
                ? {
                    tabIndex: 0,
                    role: 'slider',
                    'aria-roledescription': '2D slider',
                    'aria-label': `${label}: left and right arrows change n, up and down change s, Shift for bigger steps`,
                    'aria-valuemin': N_MIN,
                    'aria-valuemax': N_MAX,
                    'aria-valuenow': n,
                    'aria-valuetext': valueText,
                    onKeyDown,
                    onFocus: () => setFocused(true),
                    onBlur: () => setFocused(false),
                  }
                : { 'aria-hidden': true })}
            >
              <circle className={styles.handleRing} r={15} />
              <circle className={styles.handleDot} r={8} />
            </g>
          )}
          </g>
        </g>
      </svg>
    </div>
  );
}

export const NSPad = memo(NSPadImpl);
export default NSPad;
