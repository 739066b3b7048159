/**
 * Placement of the landmark labels on the (n, s) pad so that no two labels overlap, no label covers
 * a landmark marker, and every label stays inside the plot, at any pad width. Each landmark has
 * candidate spots in order of preference; labels are placed greedily, longest first, and a limit
 * landmark's long form ("ReLU (n → ∞)") falls back to its short one ("ReLU") when it does not fit.
 * Pure: text widths come from a measuring function (canvas in the page, an estimate in tests).
 */

export interface LabelInput {
  id: string;
  /** Marker centre in plot pixels. */
  x: number;
  y: number;
  /** Texts to try, preferred first (e.g. long, then short). */
  texts: readonly string[];
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Text anchor point (SVG x, baseline y) and anchor. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
  /** False when no spot was free: the least-overlapping one is used. */
  clear: boolean;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Height of a label line (12 px text) and its baseline below the box top. */
const LINE = 14;
const ASCENT = 11;
/** Gap between a marker and its label, and the marker's radius (kept clear). */
const GAP = 9;
const MARKER_R = 7;

interface Spot {
  dx: number;
  dy: number;
  anchor: 'start' | 'middle' | 'end';
}

/** Candidate spots around a marker at (x, y): beside, above and below, right side first. */
function spots(): Spot[] {
  return [
    { dx: GAP, dy: -GAP, anchor: 'start' },
    { dx: -GAP, dy: -GAP, anchor: 'end' },
    { dx: GAP, dy: GAP + LINE, anchor: 'start' },
    { dx: -GAP, dy: GAP + LINE, anchor: 'end' },
    { dx: 0, dy: -GAP - 2, anchor: 'middle' },
    { dx: 0, dy: GAP + LINE + 2, anchor: 'middle' },
    { dx: GAP + 2, dy: LINE / 2 - 3, anchor: 'start' },
    { dx: -GAP - 2, dy: LINE / 2 - 3, anchor: 'end' },
    // Further out, for crowded narrow pads.
    { dx: -GAP, dy: -GAP - LINE, anchor: 'end' },
    { dx: GAP, dy: -GAP - LINE, anchor: 'start' },
    { dx: -GAP, dy: GAP + 2 * LINE, anchor: 'end' },
    { dx: GAP, dy: GAP + 2 * LINE, anchor: 'start' },
  ];
}

function boxAt(x: number, baseline: number, width: number, anchor: Spot['anchor']): Box {
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  return { x0, y0: baseline - ASCENT, x1: x0 + width, y1: baseline - ASCENT + LINE };
}

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Area of `b` outside the plot [0, iw] × [0, ih]. */
function outside(b: Box, iw: number, ih: number): number {
  const area = (b.x1 - b.x0) * (b.y1 - b.y0);
  return area - overlapArea(b, { x0: 0, y0: 0, x1: iw, y1: ih });
}

/**
 * Places every label. `measure(text)` returns a text's width in px. `avoid` lists other boxes to
 * keep clear of (e.g. the handle's start position is not included: it moves).
 */
export function placeLandmarkLabels(items: readonly LabelInput[], iw: number, ih: number, measure: (text: string) => number, avoid: readonly Box[] = []): PlacedLabel[] {
  const markers: Box[] = items.map((it) => ({ x0: it.x - MARKER_R, y0: it.y - MARKER_R, x1: it.x + MARKER_R, y1: it.y + MARKER_R }));
  const taken: Box[] = [...markers, ...avoid];
  const order = [...items].sort((a, b) => measure(b.texts[0]) - measure(a.texts[0]));
  const placed = new Map<string, PlacedLabel>();
  for (const it of order) {
    let best: PlacedLabel | null = null;
    let bestCost = Infinity;
    for (const [ti, text] of it.texts.entries()) {
      const w = measure(text);
      for (const sp of spots()) {
        const x = it.x + sp.dx;
        const y = it.y + sp.dy;
        const box = boxAt(x, y, w, sp.anchor);
        const hit = taken.reduce((a, t) => a + overlapArea(box, t), 0) + outside(box, iw, ih);
        // A shorter text is a small cost; any overlap costs far more than that.
        const cost = hit * 1000 + ti;
        if (cost < bestCost) {
          bestCost = cost;
          best = { id: it.id, text, x, y, anchor: sp.anchor, box, clear: hit === 0 };
        }
      }
      if (best?.clear) break;
    }
    if (best) {
      placed.set(it.id, best);
      taken.push(best.box);
    }
  }
  return items.map((it) => placed.get(it.id)!).filter(Boolean);
}

/** Width estimate for 12 px semibold sans-serif text, for tests and where no canvas is available. */
export function estimateWidth(text: string): number {
  return text.length * 7.2;
}
