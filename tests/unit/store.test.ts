import { describe, expect, it } from 'vitest';
import { createStore, LIVE_WRITE_MS, type HashEnv } from '../../src/state/store';

/** A browser history in miniature: entries, an index, navigation listeners and a manual clock. */
function fakeEnv(initial = '') {
  const entries = [initial];
  let index = 0;
  let clock = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const listeners = new Set<() => void>();
  const env: HashEnv = {
    getHash: () => (entries[index] ? `#${entries[index]}` : ''),
    replaceHash: (h) => {
      entries[index] = h;
    },
    pushHash: (h) => {
      entries.splice(index + 1);
      entries.push(h);
      index++;
    },
    onNavigate: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    now: () => clock,
    setTimer: (fn, ms) => {
      const t = { at: clock + ms, fn, id: nextId++ };
      timers.push(t);
      return t.id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  return {
    env,
    entries,
    index: () => index,
    advance(ms: number) {
      clock += ms;
      for (const t of timers.filter((t) => t.at <= clock)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
    go(delta: number) {
      index += delta;
      for (const fn of listeners) fn();
    },
    typeUrl(h: string) {
      entries.splice(index + 1);
      entries.push(h);
      index++;
      for (const fn of listeners) fn();
    },
  };
}

describe('store ⇄ URL hash', () => {
  it('starts from the hash, with its notes', () => {
    const f = fakeEnv('n=abc&s=7');
    const st = createStore(f.env);
    expect(st.get().n).toBe(1);
    expect(st.get().s).toBe(1);
    expect(st.notes()).toHaveLength(2);
    st.dismissNotes();
    expect(st.notes()).toEqual([]);
  });

  it('a drag pushes one entry, replaces it while moving (throttled), and back restores the start', () => {
    const f = fakeEnv('n=2');
    const st = createStore(f.env);
    let calls = 0;
    st.subscribe(() => calls++);
    for (let i = 1; i <= 10; i++) {
      st.set({ s: i / 20 }, 'live');
      f.advance(16);
    }
    expect(st.get().s).toBe(0.5);
    expect(calls).toBe(10);
    expect(f.entries).toHaveLength(2);
    f.advance(LIVE_WRITE_MS);
    expect(f.entries[1]).toBe('n=2&s=0.5');
    st.set({ s: 0.55 }, 'commit');
    expect(f.entries).toEqual(['n=2', 'n=2&s=0.55']);
    f.go(-1);
    expect(st.get().s).toBe(0);
    expect(st.get().n).toBe(2);
    f.go(+1);
    expect(st.get().s).toBe(0.55);
  });

  it('each commit outside a gesture is its own history entry; equal values write nothing', () => {
    const f = fakeEnv();
    const st = createStore(f.env);
    st.set({ n: 3 });
    st.set({ n: 3 });
    st.set({ s: 0.2 });
    expect(f.entries).toEqual(['', 'n=3', 'n=3&s=0.2']);
  });

  it('a typed URL re-parses, notes included; echoes of its own writes are ignored', () => {
    const f = fakeEnv();
    const st = createStore(f.env);
    let calls = 0;
    st.subscribe(() => calls++);
    st.set({ n: 5 });
    expect(calls).toBe(1);
    f.go(0); // our own write seen again by popstate: no re-parse, no emit
    expect(calls).toBe(1);
    f.typeUrl('s=2&task=copy');
    expect(st.get()).toMatchObject({ n: 1, s: 1, task: 'copy' });
    expect(st.notes()).toEqual(['s = 2 is outside [0, 1]; using 1']);
  });
});
