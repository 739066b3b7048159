/**
 * The phase plane of a 2-neuron autonomous network with the γ activation:
 *   map:  h ← F(h) = γ(W h + b; n, s)
 *   flow: ḣ = F(h) − h   (the continuous-time rate model whose fixed points are the same)
 * Both share the vector field F(h) − h (for the map it is each point's displacement in one step),
 * the nullclines (where a component of F(h) − h vanishes) and the fixed points; they differ in how
 * the Jacobian's eigenvalues decide stability and in what a trajectory looks like.
 */
import { gamma, gammaPrime } from './gamma';

/** Weights row-major [w11, w12, w21, w22] (w12: from neuron 2 to neuron 1) and biases. */
export interface Net2 {
  w: readonly [number, number, number, number];
  b: readonly [number, number];
}

export type Dynamics = 'flow' | 'map';

export type Vec2 = [number, number];

/** Axis-aligned domain of the plane. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export type FixedPointKind = 'stable node' | 'stable spiral' | 'saddle' | 'unstable node' | 'unstable spiral' | 'center';

export interface FixedPoint {
  h: Vec2;
  /** Eigenvalues of the linearisation (of F for the map, of F − I for the flow). */
  eig: { re: Vec2; im: Vec2 };
  kind: FixedPointKind;
  stable: boolean;
}

/** F(h) = γ(W h + b). */
export function mapStep(net: Net2, n: number, s: number, h: Vec2): Vec2 {
  const [w11, w12, w21, w22] = net.w;
  return [
    gamma(w11 * h[0] + w12 * h[1] + net.b[0], n, s),
    gamma(w21 * h[0] + w22 * h[1] + net.b[1], n, s),
  ];
}

/** F(h) − h: the flow's velocity and the map's one-step displacement. */
export function velocity(net: Net2, n: number, s: number, h: Vec2): Vec2 {
  const f = mapStep(net, n, s, h);
  return [f[0] - h[0], f[1] - h[1]];
}

/** ∂F/∂h = diag(γ′(W h + b)) W, row-major [j11, j12, j21, j22]. */
export function jacobian(net: Net2, n: number, s: number, h: Vec2): [number, number, number, number] {
  const [w11, w12, w21, w22] = net.w;
  const g1 = gammaPrime(w11 * h[0] + w12 * h[1] + net.b[0], n, s);
  const g2 = gammaPrime(w21 * h[0] + w22 * h[1] + net.b[1], n, s);
  return [g1 * w11, g1 * w12, g2 * w21, g2 * w22];
}

/** Eigenvalues of a real 2×2 matrix. */
export function eigen2(m: readonly [number, number, number, number]): { re: Vec2; im: Vec2 } {
  const tr = m[0] + m[3];
  const det = m[0] * m[3] - m[1] * m[2];
  const disc = (tr * tr) / 4 - det;
  if (disc >= 0) {
    const r = Math.sqrt(disc);
    return { re: [tr / 2 + r, tr / 2 - r], im: [0, 0] };
  }
  const i = Math.sqrt(-disc);
  return { re: [tr / 2, tr / 2], im: [i, -i] };
}

const EPS_MARGINAL = 1e-9;

/** Classifies a fixed point from the eigenvalues of ∂F/∂h at it. */
export function classify(jF: readonly [number, number, number, number], dynamics: Dynamics): Omit<FixedPoint, 'h'> {
  if (dynamics === 'flow') {
    const eig = eigen2([jF[0] - 1, jF[1], jF[2], jF[3] - 1]);
    const complex = eig.im[0] !== 0;
    const [a, b] = eig.re;
    let kind: FixedPointKind;
    if (complex) kind = Math.abs(a) < EPS_MARGINAL ? 'center' : a < 0 ? 'stable spiral' : 'unstable spiral';
    else if (a * b < 0) kind = 'saddle';
    else kind = a < 0 && b < 0 ? 'stable node' : 'unstable node';
    return { eig, kind, stable: kind === 'stable node' || kind === 'stable spiral' };
  }
  const eig = eigen2(jF);
  const complex = eig.im[0] !== 0;
  const m0 = Math.hypot(eig.re[0], eig.im[0]);
  const m1 = Math.hypot(eig.re[1], eig.im[1]);
  let kind: FixedPointKind;
  if (complex) kind = Math.abs(m0 - 1) < EPS_MARGINAL ? 'center' : m0 < 1 ? 'stable spiral' : 'unstable spiral';
  else if ((m0 - 1) * (m1 - 1) < 0) kind = 'saddle';
  else kind = m0 < 1 && m1 < 1 ? 'stable node' : 'unstable node';
  return { eig, kind, stable: kind === 'stable node' || kind === 'stable spiral' };
}

/** One Newton solve of F(h) − h = 0 from `h0`, with step halving; null when it does not converge. */
export function newton(net: Net2, n: number, s: number, h0: Vec2, maxIter = 60): Vec2 | null {
  let h: Vec2 = [h0[0], h0[1]];
  let g = velocity(net, n, s, h);
  let norm = Math.hypot(g[0], g[1]);
  for (let it = 0; it < maxIter; it++) {
    if (norm < 1e-13 * (1 + Math.hypot(h[0], h[1]))) return h;
    const j = jacobian(net, n, s, h);
    // J_G = J_F − I; solve J_G · d = −g.
    const a = j[0] - 1;
    const b = j[1];
    const c = j[2];
    const d = j[3] - 1;
    const det = a * d - b * c;
    if (!Number.isFinite(det) || Math.abs(det) < 1e-300) return null;
    const dx = (-g[0] * d + g[1] * b) / det;
    const dy = (-a * g[1] + c * g[0]) / det;
    let t = 1;
    let next: Vec2 = [h[0] + dx, h[1] + dy];
    let gn = velocity(net, n, s, next);
    let nn = Math.hypot(gn[0], gn[1]);
    while (!(nn < norm) && t > 1e-4) {
      t /= 2;
      next = [h[0] + t * dx, h[1] + t * dy];
      gn = velocity(net, n, s, next);
      nn = Math.hypot(gn[0], gn[1]);
    }
    if (!(nn < norm) && nn > 1e-13) return null;
    h = next;
    g = gn;
    norm = nn;
  }
  return norm < 1e-11 ? h : null;
}

/**
 * Every fixed point Newton finds from a k×k grid of starts over `box` (slightly enlarged),
 * deduplicated, with its stability for the given dynamics. Sorted by h1 then h2.
 */
export function fixedPoints(net: Net2, n: number, s: number, box: Box, dynamics: Dynamics, k = 9): FixedPoint[] {
  const found: Vec2[] = [];
  const span = Math.max(box.x1 - box.x0, box.y1 - box.y0);
  const tol = 1e-6 * (1 + span);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const start: Vec2 = [
        box.x0 + ((i + 0.5) / k) * (box.x1 - box.x0),
        box.y0 + ((j + 0.5) / k) * (box.y1 - box.y0),
      ];
      const h = newton(net, n, s, start);
      if (!h || !Number.isFinite(h[0]) || !Number.isFinite(h[1])) continue;
      if (found.some((f) => Math.abs(f[0] - h[0]) < tol && Math.abs(f[1] - h[1]) < tol)) continue;
      found.push(h);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return found.map((h) => ({ h, ...classify(jacobian(net, n, s, h), dynamics) }));
}

/** F(h) − h sampled on an nx × ny grid of cell centres over `box`, row-major with x fastest. */
export function sampleField(net: Net2, n: number, s: number, box: Box, nx: number, ny: number): { u: Float64Array; v: Float64Array } {
  const u = new Float64Array(nx * ny);
  const v = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = box.y0 + ((j + 0.5) / ny) * (box.y1 - box.y0);
    for (let i = 0; i < nx; i++) {
      const x = box.x0 + ((i + 0.5) / nx) * (box.x1 - box.x0);
      const d = velocity(net, n, s, [x, y]);
      u[j * nx + i] = d[0];
      v[j * nx + i] = d[1];
    }
  }
  return { u, v };
}

/**
 * A trajectory from `h0`. Flow: RK4 with step `dt` until it settles, leaves a margin around the
 * box, or `maxSteps`. Map: the iterates themselves.
 */
export function trajectory(net: Net2, n: number, s: number, h0: Vec2, dynamics: Dynamics, box: Box, maxSteps = 600, dt = 0.05): Vec2[] {
  const out: Vec2[] = [[h0[0], h0[1]]];
  const mx = box.x1 - box.x0;
  const my = box.y1 - box.y0;
  const outside = (h: Vec2) => h[0] < box.x0 - mx || h[0] > box.x1 + mx || h[1] < box.y0 - my || h[1] > box.y1 + my;
  let h: Vec2 = [h0[0], h0[1]];
  for (let i = 0; i < maxSteps; i++) {
    let next: Vec2;
    if (dynamics === 'map') {
      next = mapStep(net, n, s, h);
    } else {
      const k1 = velocity(net, n, s, h);
      const k2 = velocity(net, n, s, [h[0] + (dt / 2) * k1[0], h[1] + (dt / 2) * k1[1]]);
      const k3 = velocity(net, n, s, [h[0] + (dt / 2) * k2[0], h[1] + (dt / 2) * k2[1]]);
      const k4 = velocity(net, n, s, [h[0] + dt * k3[0], h[1] + dt * k3[1]]);
      next = [
        h[0] + (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
        h[1] + (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]),
      ];
    }
    if (!Number.isFinite(next[0]) || !Number.isFinite(next[1])) break;
    const moved = Math.hypot(next[0] - h[0], next[1] - h[1]);
    out.push(next);
    h = next;
    if (outside(h)) break;
    if (moved < 1e-5 * Math.max(mx, my) * (dynamics === 'flow' ? dt : 1)) break;
  }
  return out;
}

export type PresetId = 'switch' | 'oscillator' | 'memories';

export interface Preset {
  id: PresetId;
  label: string;
  /** What to look for as n and s move, shown under the figure. */
  hint: string;
  net: Net2;
  /** The smallest view; it grows to include far fixed points (softplus is unbounded). */
  box: Box;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'switch',
    label: 'bistable switch',
    hint: 'Self-excitation with mutual inhibition. Raise s: saturation bounds the winner and two stable states (a memory bit) appear on either side of a saddle.',
    net: { w: [2, -3, -3, 2], b: [0.3, 0.3] },
    box: { x0: -0.2, x1: 1.6, y0: -0.2, y1: 1.6 },
  },
  {
    id: 'oscillator',
    label: 'E–I oscillator',
    hint: 'An excitatory unit (h₁) drives an inhibitory one (h₂) that suppresses it. Raise n: the damped spiral loses stability and a limit cycle appears; higher still, a resting state is born beside it.',
    net: { w: [3, -6, 6, 0], b: [-0.5, -3] },
    box: { x0: -0.1, x1: 1.1, y0: -0.1, y1: 1.1 },
  },
  {
    id: 'memories',
    label: 'two self-exciting units',
    hint: 'Two uncoupled units with strong self-excitation. At low gain each has one state; raise n with s = 1 and each becomes bistable: four stable states, four saddles, one repeller.',
    net: { w: [3, 0, 0, 3], b: [-1.2, -1.2] },
    box: { x0: -0.2, x1: 1.6, y0: -0.2, y1: 1.6 },
  },
];

/** Rounds up to 1, 2 or 5 × 10^k so the view does not jitter while n and s move. */
function niceCeil(v: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** The preset's box, grown (to a nice bound, at most `maxSide`) so every fixed point is inside. */
export function viewBox(base: Box, points: readonly FixedPoint[], maxSide = 50): Box {
  let hi = Math.max(base.x1, base.y1);
  for (const p of points) hi = Math.max(hi, p.h[0] * 1.15, p.h[1] * 1.15);
  const top = Math.min(maxSide, hi > Math.max(base.x1, base.y1) ? niceCeil(hi) : hi);
  const grow = (a0: number, a1: number): [number, number] => (top > a1 ? [a0 * (top / a1), top] : [a0, a1]);
  const [x0, x1] = grow(base.x0, base.x1);
  const [y0, y1] = grow(base.y0, base.y1);
  return { x0, x1, y0, y1 };
}
