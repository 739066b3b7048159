/**
 * Seeded pseudo-random numbers (mulberry32 stream, splitmix32-style seeding). The same seed gives
 * the same numbers in node, in the page and in a worker. `fork(label)` derives an independent
 * stream from the seed and a label only — not from how many numbers were drawn — so adding a draw
 * to one use (say, data order) never shifts another (say, the initial weights).
 */

export interface Rng {
  /** The 32-bit seed this stream was created from. */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Fisher–Yates shuffle in place; returns its argument. */
  shuffle<A extends { length: number; [i: number]: number } | unknown[]>(a: A): A;
  /** An independent stream named by `label`, determined by this stream's seed and the label. */
  fork(label: string): Rng;
}

/** splitmix32 finaliser: a good 32-bit mix, so nearby seeds give unrelated streams. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a label, to turn stream names into seeds. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const root = seed >>> 0;
  let state = mix32(root);
  let spare: number | null = null;

  const next = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const rng: Rng = {
    seed: root,
    next,
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      // 1 − next() is in (0, 1]: log never sees 0.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const th = 2 * Math.PI * next();
      spare = r * Math.sin(th);
      return r * Math.cos(th);
    },
    int(n) {
      return Math.floor(next() * n);
    },
    uniform(lo, hi) {
      return lo + (hi - lo) * next();
    },
    shuffle(a) {
      const arr = a as { length: number; [i: number]: unknown };
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = arr[i];
        arr[i] = arr[j];
        arr[j] = tmp;
      }
      return a;
    },
    fork(label) {
      return createRng(mix32(root ^ hashLabel(label)) ^ hashLabel(label));
    },
  };
  return rng;
}
