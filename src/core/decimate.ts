/**
 * Bounded series for runs of any length (the frame log is core/thinningLog.ts).
 *
 * * `DecimatedSeries`: (x, y) points with min/max-preserving bucket decimation. Each bucket keeps
 *   the lowest and the highest point of the raw points it covers, so spikes survive however long
 *   the run. When the buckets fill up, adjacent pairs merge and the bucket width doubles: every
 *   raw point is touched O(log n) times in total, i.e. O(1) amortised per append. The very first
 *   and the latest raw points are always part of the output.
 */

/** One bucket: the extreme points of a run of consecutive raw points. */
interface Bucket {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Raw points merged into this bucket. */
  count: number;
}

export interface SeriesPoints {
  x: Float64Array;
  y: Float64Array;
  length: number;
}

export class DecimatedSeries {
  /** Largest number of points `points()` returns. */
  readonly maxPoints: number;
  /** Most buckets kept (a saved state may hold no more). */
  readonly maxBuckets: number;
  private buckets: Bucket[] = [];
  /** Raw points per closed bucket; the open (last) bucket fills up to this. */
  private width = 1;
  private first: { x: number; y: number } | null = null;
  private last: { x: number; y: number } | null = null;
  private raw = 0;
  private skipped = 0;
  private cache: SeriesPoints | null = null;

  constructor(maxPoints = 2000) {
    if (maxPoints < 6) throw new Error('DecimatedSeries needs room for at least 6 points');
    this.maxPoints = maxPoints;
    // Two points per bucket, plus the first and the latest raw points.
    this.maxBuckets = Math.floor((maxPoints - 2) / 2);
  }

  /** Raw points appended so far (finite ones). */
  get rawCount(): number {
    return this.raw;
  }

  /** Non-finite values that were refused (a diverged loss is reported, not drawn). */
  get skippedCount(): number {
    return this.skipped;
  }

  get bucketWidth(): number {
    return this.width;
  }

  get latest(): { x: number; y: number } | null {
    return this.last;
  }

  append(x: number, y: number): void {
    if (!Number.isFinite(y) || !Number.isFinite(x)) {
      this.skipped++;
      return;
    }
    this.cache = null;
    this.raw++;
    if (!this.first) this.first = { x, y };
    this.last = { x, y };
    const open = this.buckets[this.buckets.length - 1];
    if (open && open.count < this.width) {
      if (y < open.minY) {
        open.minY = y;
        open.minX = x;
      }
      if (y > open.maxY) {
        open.maxY = y;
        open.maxX = x;
      }
      open.count++;
      return;
    }
    if (this.buckets.length >= this.maxBuckets) this.mergePairs();
    this.buckets.push({ minX: x, minY: y, maxX: x, maxY: y, count: 1 });
  }

  /** Halves the number of buckets by merging neighbours; keeps each pair's extremes. */
  private mergePairs(): void {
    const out: Bucket[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i];
      const b = this.buckets[i + 1];
      if (!b) {
        out.push(a);
        continue;
      }
      out.push({
        minX: b.minY < a.minY ? b.minX : a.minX,
        minY: Math.min(a.minY, b.minY),
        maxX: b.maxY > a.maxY ? b.maxX : a.maxX,
        maxY: Math.max(a.maxY, b.maxY),
        count: a.count + b.count,
      });
    }
    this.buckets = out;
    this.width *= 2;
  }

  /** The decimated points in x order (first and latest raw points included). Cached. */
  points(): SeriesPoints {
    if (this.cache) return this.cache;
    const cap = this.buckets.length * 2 + 2;
    const x = new Float64Array(cap);
    const y = new Float64Array(cap);
    let k = 0;
    const push = (px: number, py: number) => {
      // Equal x means the same raw point (x is the step): keep one.
      if (k > 0 && x[k - 1] === px) return;
      x[k] = px;
      y[k] = py;
      k++;
    };
    if (this.first) push(this.first.x, this.first.y);
    for (const b of this.buckets) {
      if (b.minX <= b.maxX) {
        push(b.minX, b.minY);
        push(b.maxX, b.maxY);
      } else {
        push(b.maxX, b.maxY);
        push(b.minX, b.minY);
      }
    }
    if (this.last) push(this.last.x, this.last.y);
    this.cache = { x: x.subarray(0, k), y: y.subarray(0, k), length: k };
    return this.cache;
  }

  /** Smallest and largest y seen (over every raw point, since buckets keep extremes). */
  extent(): [number, number] | null {
    if (!this.buckets.length) return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (const b of this.buckets) {
      if (b.minY < lo) lo = b.minY;
      if (b.maxY > hi) hi = b.maxY;
    }
    return [lo, hi];
  }

  clear(): void {
    this.buckets = [];
    this.width = 1;
    this.first = null;
    this.last = null;
    this.raw = 0;
    this.skipped = 0;
    this.cache = null;
  }

  /** Everything the series holds, as columns: saved with a run, so a loaded run goes on decimating as before. */
  state(): SeriesState {
    const col = (f: (b: Bucket) => number) => Float64Array.from(this.buckets, f);
    return {
      width: this.width,
      raw: this.raw,
      skipped: this.skipped,
      first: this.first ? { ...this.first } : null,
      last: this.last ? { ...this.last } : null,
      minX: col((b) => b.minX),
      minY: col((b) => b.minY),
      maxX: col((b) => b.maxX),
      maxY: col((b) => b.maxY),
      count: col((b) => b.count),
    };
  }

  /** Replaces the contents with a saved state (validated by the caller: equal column lengths, at most maxPoints' buckets). */
  load(st: SeriesState): void {
    if (st.minX.length > this.maxBuckets) throw new Error(`a saved series of ${st.minX.length} buckets exceeds this series' ${this.maxBuckets}`);
    this.buckets = Array.from(st.minX, (minX, i) => ({ minX, minY: st.minY[i], maxX: st.maxX[i], maxY: st.maxY[i], count: st.count[i] }));
    this.width = st.width;
    this.raw = st.raw;
    this.skipped = st.skipped;
    this.first = st.first ? { ...st.first } : null;
    this.last = st.last ? { ...st.last } : null;
    this.cache = null;
  }
}

/** A DecimatedSeries' contents: its buckets as equal-length columns, plus the counters. */
export interface SeriesState {
  /** Raw points per closed bucket. */
  width: number;
  raw: number;
  skipped: number;
  first: { x: number; y: number } | null;
  last: { x: number; y: number } | null;
  minX: Float64Array;
  minY: Float64Array;
  maxX: Float64Array;
  maxY: Float64Array;
  count: Float64Array;
}
