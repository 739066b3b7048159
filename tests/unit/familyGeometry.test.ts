import { describe, expect, it } from 'vitest';
import { gamma } from '../../src/core/gamma';
import { LANDMARKS, supSlope, unitSlopeSaturation } from '../../src/core/landmarks';
import { gammaSeries, sampleX, yDomains, SAMPLES } from '../../src/charts/gamma/gammaSeries';
import { padScales, pin, quantize, slopeContourPathsUnit, SLOPE_LEVELS, unitSlopeEdgePath } from '../../src/charts/pad/padGeometry';
import { estimateWidth, overlapArea, placeLandmarkLabels } from '../../src/charts/pad/landmarkLabels';

describe('γ chart samples and domains', () => {
  it('samples [−xr, xr] in order, with x = 0, densely across the bend when n is large', () => {
    for (const [xr, n] of [[4, 1], [4, 100], [50, 3], [0.5, 100]] as const) {
      const x = sampleX(xr, n);
      expect(x[0]).toBe(-xr);
      expect(x[x.length - 1]).toBe(xr);
      expect(Array.from(x)).toContain(0);
      for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThan(x[i - 1]);
    }
    expect(sampleX(4, 1).length).toBe(SAMPLES);
    const sharp = sampleX(4, 100);
    const inBend = Array.from(sharp).filter((v) => Math.abs(v) <= 1 / 100).length;
    expect(inBend).toBeGreaterThanOrEqual(10);
  });

  it('series values are γ at the samples', () => {
    const s = gammaSeries(7, 0.4, 3);
    s.x.forEach((x, i) => expect(s.gamma[i]).toBe(gamma(x, 7, 0.4)));
  });

  it('keeps γ’s axis at [0, xr] with ghosts, shares it with comparable derivatives, splits it otherwise', () => {
    const relu = gammaSeries(50, 0, 4);
    const d = yDomains(relu, 4, true, []);
    expect(d.primary[0]).toBeLessThan(0);
    expect(d.primary[1]).toBeCloseTo(4 * 1.06, 1);
    expect(d.secondary).toBeNull();
    // ∂γ/∂s = σ − softplus reaches about −3 at x = 4 for softplus: close enough to γ to share its axis,
    // which then grows to hold it.
    const soft = yDomains(gammaSeries(1, 0, 4), 4, true, ['ds']);
    expect(soft.secondary).toBeNull();
    expect(soft.primary[0]).toBeLessThan(-2.9);
    // γ′ of the ReLU-like curve spans [0, 1], over 4 times less than γ's axis: its own axis.
    expect(yDomains(relu, 4, true, ['dx']).secondary).not.toBeNull();
    // At n = 100, s = 1 the slope reaches 25 while γ stays below 1: its own axis.
    const step = gammaSeries(100, 1, 4);
    const split = yDomains(step, 4, false, ['dx']);
    expect(split.secondary).not.toBeNull();
    expect(split.secondary![1]).toBeGreaterThanOrEqual(25);
    expect(split.primary[1]).toBeLessThan(1.2);
  });
});

describe('pad geometry', () => {
  const sc = padScales(300, 200);

  it('maps n on a log scale and s upward', () => {
    expect(sc.x(0.1)).toBeCloseTo(0, 9);
    expect(sc.x(1)).toBeCloseTo(100, 9);
    expect(sc.x(100)).toBeCloseTo(300, 9);
    expect(sc.y(0)).toBe(200);
    expect(sc.y(1)).toBe(0);
  });

  it('pins off-pad points to the edge they left by', () => {
    expect(pin(sc, 1, 1.3)).toEqual({ px: sc.x(1), py: 0, outside: 'top' });
    expect(pin(sc, 1, -0.2).outside).toBe('bottom');
    expect(pin(sc, 0.01, 0.5).outside).toBe('left');
    expect(pin(sc, 400, 0.5)).toMatchObject({ px: 300, outside: 'right' });
    expect(pin(sc, Number.NaN, 0.5).outside).toBe('left');
    expect(pin(sc, 3, 0.5).outside).toBeNull();
  });

  it('quantizes to 3 significant digits of n and 0.001 of s, inside the pad', () => {
    expect(quantize(3.14159, 0.12345)).toEqual({ n: 3.14, s: 0.123 });
    expect(quantize(1000, 2)).toEqual({ n: 100, s: 1 });
    expect(quantize(0.01, -1)).toEqual({ n: 0.1, s: 0 });
  });

  it('draws the sup γ′ = 1 edge through points where the slope is 1', () => {
    const pts = unitSlopeEdgePath(sc).slice(1).split('L').map((p) => p.split(',').map(Number));
    expect(pts.length).toBeGreaterThan(50);
    for (const [px, py] of pts) {
      const n = sc.x.invert(px);
      const s = sc.y.invert(py);
      expect(Math.abs(s - unitSlopeSaturation(n)!)).toBeLessThan(0.01);
      expect(Math.abs(supSlope(n, s) - 1)).toBeLessThan(0.05);
    }
  });

  it('contour lines follow their sup γ′ level', () => {
    const lines = slopeContourPathsUnit();
    expect(lines.map((l) => l.level)).toEqual([...SLOPE_LEVELS]);
    for (const l of lines) {
      const pts = l.d.split(/[ML]/).filter(Boolean).map((p) => p.split(',').map(Number));
      expect(pts.length).toBeGreaterThan(10);
      let bad = 0;
      for (const [u, v] of pts) {
        const n = 10 ** (u * 3 - 1);
        const s = 1 - v;
        // Grid interpolation: within 8 % of the level (or on the pad's edge, where lines are cut).
        const edge = u <= 0 || u >= 1 || v <= 0 || v >= 1;
        if (!edge && Math.abs(supSlope(n, s) / l.level - 1) > 0.08) bad++;
      }
      expect(bad / pts.length, `level ${l.level}`).toBeLessThan(0.05);
    }
  });
});

describe('pad landmark labels', () => {
  const margin = { top: 24, right: 14, bottom: 46, left: 48 };
  /** The pad's plot size at a given figure width (as NSPad sizes it). */
  const plot = (W: number) => {
    const H = Math.round(Math.min(420, Math.max(240, W * 0.8)));
    return { iw: W - margin.left - margin.right, ih: H - margin.top - margin.bottom };
  };
  const items = (iw: number, ih: number) => {
    const sc = padScales(iw, ih);
    return LANDMARKS.map((l) => ({ id: l.id, x: sc.x(l.n), y: sc.y(l.s), texts: l.isLimit ? [`${l.label} (n → ∞)`, l.label] : [l.label] }));
  };

  it('never overlap each other or a marker, and stay inside the plot, from 200 to 1600 px wide', () => {
    // Two width models: the estimate, and a 20 % wider font, in case the reader's font runs wide.
    for (const measure of [estimateWidth, (t: string) => estimateWidth(t) * 1.2]) {
      for (let W = 200; W <= 1600; W += 5) {
        const { iw, ih } = plot(W);
        const its = items(iw, ih);
        const placed = placeLandmarkLabels(its, iw, ih, measure);
        expect(placed.map((p) => p.id).sort()).toEqual(its.map((i) => i.id).sort());
        for (const p of placed) {
          expect(p.clear, `${p.id} at ${W}px`).toBe(true);
          expect(p.box.x0).toBeGreaterThanOrEqual(0);
          expect(p.box.x1).toBeLessThanOrEqual(iw);
          expect(p.box.y0).toBeGreaterThanOrEqual(0);
          expect(p.box.y1).toBeLessThanOrEqual(ih);
          for (const it of its) {
            const marker = { x0: it.x - 6, y0: it.y - 6, x1: it.x + 6, y1: it.y + 6 };
            expect(overlapArea(p.box, marker), `${p.id} over marker ${it.id} at ${W}px`).toBe(0);
          }
        }
        for (let i = 0; i < placed.length; i++)
          for (let j = i + 1; j < placed.length; j++)
            expect(overlapArea(placed[i].box, placed[j].box), `${placed[i].id} / ${placed[j].id} at ${W}px`).toBe(0);
      }
    }
  });

  it('keeps the long form of a limit label where it fits, and the short form on a phone', () => {
    const wide = plot(900);
    const atWide = placeLandmarkLabels(items(wide.iw, wide.ih), wide.iw, wide.ih, estimateWidth);
    expect(atWide.find((p) => p.id === 'relu')?.text).toBe('ReLU (n → ∞)');
    const phone = plot(375 - 2 * 16);
    const atPhone = placeLandmarkLabels(items(phone.iw, phone.ih), phone.iw, phone.ih, (t) => estimateWidth(t) * 1.2);
    const soft = atPhone.find((p) => p.id === 'softplus')!;
    const relu = atPhone.find((p) => p.id === 'relu')!;
    expect(overlapArea(soft.box, relu.box)).toBe(0);
  });

  it('reports a label as not clear when no spot is free', () => {
    // A plot too small for any label.
    const placed = placeLandmarkLabels(items(40, 30), 40, 30, estimateWidth);
    expect(placed.some((p) => !p.clear)).toBe(true);
  });
});
