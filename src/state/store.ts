/**
 * The page's one store of AppState, framework-free, kept in step with the URL hash.
 *
 * History: a gesture (slider or pad drag) pushes one history entry when it starts and then only
 * replaces it, so back/forward steps over whole gestures, not over every pixel. Hash writes during
 * a gesture are throttled: browsers rate-limit the History API, and the state itself (what the
 * charts read) updates at once anyway.
 */
import type { AppState } from './schema';
import { parseHash, serialize } from './url';

/** How an update reaches the history: 'live' while dragging, 'commit' when a change is final. */
export type UpdateKind = 'live' | 'commit';

/** The parts of `window` the store needs; tests pass a fake. */
export interface HashEnv {
  getHash(): string;
  replaceHash(hash: string): void;
  pushHash(hash: string): void;
  /** Registers a callback for hashchange and popstate; returns an unregister function. */
  onNavigate(fn: () => void): () => void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface AppStore {
  get(): AppState;
  /** Notes from the last parse of a URL (malformed or clamped values); empty when all was well. */
  notes(): readonly string[];
  set(patch: Partial<AppState>, kind?: UpdateKind): void;
  dismissNotes(): void;
  subscribe(fn: () => void): () => void;
  /** Stops listening to the window (tests, hot reload). */
  destroy(): void;
}

/** Least time between two hash writes during a gesture. */
export const LIVE_WRITE_MS = 120;

export function windowEnv(win: Window = window): HashEnv {
  return {
    getHash: () => win.location.hash,
    replaceHash: (h) => win.history.replaceState(win.history.state, '', toHref(win, h)),
    pushHash: (h) => win.history.pushState(null, '', toHref(win, h)),
    onNavigate: (fn) => {
      win.addEventListener('hashchange', fn);
      win.addEventListener('popstate', fn);
      return () => {
        win.removeEventListener('hashchange', fn);
        win.removeEventListener('popstate', fn);
      };
    },
    now: () => win.performance.now(),
    setTimer: (fn, ms) => win.setTimeout(fn, ms),
    clearTimer: (h) => win.clearTimeout(h as number),
  };
}

/** An empty hash must still drop the old one: use the path without '#…'. */
function toHref(win: Window, hash: string): string {
  return hash ? `#${hash}` : win.location.pathname + win.location.search;
}

function stripHash(h: string): string {
  return h.replace(/^#/, '');
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return Object.is(a, b);
}

function changed(a: AppState, b: AppState): boolean {
  return (Object.keys(b) as (keyof AppState)[]).some((k) => !sameValue(a[k], b[k]));
}

export function createStore(env: HashEnv): AppStore {
  const first = parseHash(env.getHash());
  let state: AppState = first.state;
  let notes: readonly string[] = first.notes;
  /** The hash we last wrote or read, to ignore the echo of our own writes. */
  let lastHash = stripHash(env.getHash());
  let inGesture = false;
  let lastWrite = -Infinity;
  let pending: unknown = null;
  const listeners = new Set<() => void>();

  const emit = () => {
    for (const fn of [...listeners]) fn();
  };

  const write = (push: boolean) => {
    if (pending !== null) {
      env.clearTimer(pending);
      pending = null;
    }
    const h = serialize(state);
    lastWrite = env.now();
    if (h === lastHash) return;
    if (push) env.pushHash(h);
    else env.replaceHash(h);
    lastHash = h;
  };

  const onNavigate = () => {
    const h = stripHash(env.getHash());
    if (h === lastHash) return;
    lastHash = h;
    inGesture = false;
    if (pending !== null) {
      env.clearTimer(pending);
      pending = null;
    }
    const parsed = parseHash(h);
    state = parsed.state;
    notes = parsed.notes;
    emit();
  };
  const unlisten = env.onNavigate(onNavigate);

  return {
    get: () => state,
    notes: () => notes,
    set(patch, kind = 'commit') {
      const next = { ...state, ...patch };
      if (!changed(state, next)) {
        // A gesture that ends where it is still needs its final value in the URL.
        if (kind === 'commit' && inGesture) {
          inGesture = false;
          write(false);
        }
        return;
      }
      state = next;
      if (kind === 'live') {
        if (!inGesture) {
          // The gesture's one history entry; later moves only replace it.
          inGesture = true;
          write(true);
        } else if (pending === null) {
          // Trailing write in its own task: the URL lags a drag by at most LIVE_WRITE_MS, and
          // the (slow) History API call never delays the frame that shows the move.
          const wait = Math.max(0, LIVE_WRITE_MS - (env.now() - lastWrite));
          pending = env.setTimer(() => {
            pending = null;
            write(false);
          }, wait);
        }
      } else {
        // A commit closes a gesture (its entry already exists) or is a change of its own.
        const push = !inGesture;
        inGesture = false;
        write(push);
      }
      emit();
    },
    dismissNotes() {
      if (notes.length === 0) return;
      notes = [];
      emit();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    destroy() {
      unlisten();
      if (pending !== null) env.clearTimer(pending);
      listeners.clear();
    },
  };
}

let pageStore: AppStore | null = null;

/** The page's store, created on first use from the real window. */
export function appStore(): AppStore {
  pageStore ??= createStore(windowEnv());
  return pageStore;
}
