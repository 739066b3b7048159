import { describe, expect, it } from 'vitest';
import { parseHash, serialize, compactNumber, NOTES_MAX } from '../../src/state/url';
import { SCHEMA, defaultState, type AppState, type ParamName, type ParamSpec } from '../../src/state/schema';

/** Deterministic PRNG (mulberry32) so a failing fuzz case can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomState(r: () => number): AppState {
  const st = defaultState() as Record<ParamName, unknown>;
  for (const [name, spec] of Object.entries(SCHEMA) as [ParamName, ParamSpec][]) {
    switch (spec.kind) {
      case 'number': {
        const v =
          spec.scale === 'log'
            ? spec.min * Math.pow(spec.max / spec.min, r())
            : spec.min + (spec.max - spec.min) * r();
        st[name] = spec.integer ? Math.round(v) : Number(compactNumber(v));
        break;
      }
      case 'boolean':
        st[name] = r() < 0.5;
        break;
      case 'enum':
        st[name] = spec.options[Math.floor(r() * spec.options.length)];
        break;
      case 'flags':
        st[name] = spec.options.filter(() => r() < 0.5);
        break;
    }
  }
  return st as AppState;
}

describe('parseHash / serialize', () => {
  it('defaults serialise to the empty string and parse back with no note', () => {
    expect(serialize(defaultState())).toBe('');
    expect(parseHash('')).toEqual({ state: defaultState(), notes: [] });
    expect(parseHash('#')).toEqual({ state: defaultState(), notes: [] });
  });

  it('round-trips 300 random states exactly, with no note', () => {
    const r = rng(7);
    for (let i = 0; i < 300; i++) {
      const st = randomState(r);
      const h = serialize(st);
      const back = parseHash('#' + h);
      expect(back.notes, h).toEqual([]);
      expect(back.state, h).toEqual(st);
      expect(serialize(back.state)).toBe(h);
    }
  });

  it('writes only non-default values, in schema order, with compact numbers', () => {
    const st = { ...defaultState(), s: 0.30000000000000004, n: 12.5, task: 'copy' as const, show: ['dn', 'dx'] as const };
    expect(serialize({ ...st, show: [...st.show] })).toBe('n=12.5&s=0.3&show=dn,dx&task=copy');
    expect(serialize({ ...defaultState(), show: [] })).toBe('show=');
    expect(parseHash('show=').state.show).toEqual([]);
    expect(serialize({ ...defaultState(), lr: 0.00001 })).toBe('lr=0.00001');
    expect(serialize({ ...defaultState(), constrain: false })).toBe('constrain=0');
  });

  it('clamps numbers to [min, max] and says so', () => {
    const p = parseHash('#s=7&n=1000&xr=-3');
    expect(p.state.s).toBe(1);
    expect(p.state.n).toBe(100);
    expect(p.state.xr).toBe(0.5);
    expect(p.notes).toEqual([
      's = 7 is outside [0, 1]; using 1',
      'n = 1000 is outside [0.1, 100]; using 100',
      'xr = -3 is outside [0.5, 50]; using 0.5',
    ]);
  });

  it('rounds integers', () => {
    const p = parseHash('hidden=31.6&seed=4');
    expect(p.state.hidden).toBe(32);
    expect(p.state.seed).toBe(4);
    expect(p.notes).toEqual(['hidden = 31.6 must be a whole number; using 32']);
  });

  it('#n=abc&s=7: default n, clamped s, two notes', () => {
    const p = parseHash('#n=abc&s=7');
    expect(p.state.n).toBe(SCHEMA.n.default);
    expect(p.state.s).toBe(1);
    expect(p.notes).toEqual(['n = abc is not a number; using 1', 's = 7 is outside [0, 1]; using 1']);
  });

  it('replaces malformed values by defaults, notes unknown keys, keeps good values', () => {
    const p = parseHash('#task=chess&constrain=maybe&show=dx,wiggle,dx&panels=train&foo=1&n=&s=0.25&embed=pad&s=0.5');
    expect(p.state.task).toBe('rows');
    expect(p.state.constrain).toBe(true);
    expect(p.state.show).toEqual(['dx']);
    expect(p.state.panels).toEqual(['train']);
    expect(p.state.n).toBe(1);
    expect(p.state.s).toBe(0.5);
    expect(p.state.embed).toBe('pad');
    expect(p.notes).toEqual([
      'task = chess is not one of rows, ps14, ps28, copy, flipflop; using rows',
      'constrain = maybe is not on/off; using on',
      'show: wiggle is not one of dx, dn, ds, ghosts; ignored',
      'n =  is not a number; using 1',
      's is given more than once; the last value counts',
      'unknown setting “foo” ignored',
    ]);
  });

  it('groups many unknown keys into one note and caps the number of notes', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}=1`).join('&');
    const p = parseHash(`#${keys}&n=abc`);
    expect(p.notes).toEqual(['n = abc is not a number; using 1', 'unknown settings “k0”, “k1”, “k2”, “k3”, “k4” and 19,995 more ignored']);
    const many = parseHash(Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'n' : 's'}=x${i}`).join('&'));
    expect(many.notes.length).toBe(NOTES_MAX);
    expect(many.notes[NOTES_MAX - 1]).toMatch(/^and \d+ more problems in this link$/);
  });

  it('reads an ordered list (the comparison), keeping the reader’s order, each option once, at most four', () => {
    expect(parseHash('#compare=tanh,homogeneous,tanh').state.compare).toEqual(['tanh', 'homogeneous']);
    expect(serialize({ ...parseHash('').state, compare: ['relu', 'static-sigmoid'] })).toBe('compare=relu,static-sigmoid');
    const p = parseHash('#compare=relu,tanh,homogeneous,heterogeneous,static-sigmoid,bogus');
    expect(p.state.compare).toEqual(['relu', 'tanh', 'homogeneous', 'heterogeneous']);
    expect(p.notes).toEqual(['compare: bogus is not one of static-relu, static-sigmoid, static-softplus, static-here, homogeneous, heterogeneous, tanh, relu; ignored', 'compare holds at most 4; using the first 4']);
  });

  it('rejects Infinity, hex-looking and bad % escapes without throwing', () => {
    const p = parseHash('n=Infinity&s=%E0%A4%A&xr=1e1');
    expect(p.state.n).toBe(1);
    expect(p.state.s).toBe(0);
    expect(p.state.xr).toBe(10);
    expect(p.notes.length).toBe(2);
    expect(p.notes[1]).toContain('not readable');
  });

  it('never throws on a few hundred garbage hashes and always returns a valid state', () => {
    const r = rng(42);
    const alphabet = 'ns=&#%,.-+eE0123456789abcxyz=&&==%%ü😀 \u0000';
    const keys = Object.keys(SCHEMA);
    for (let i = 0; i < 500; i++) {
      let h = '';
      const len = Math.floor(r() * 60);
      for (let j = 0; j < len; j++) {
        h += r() < 0.15 ? keys[Math.floor(r() * keys.length)] + '=' : alphabet[Math.floor(r() * alphabet.length)];
      }
      const p = parseHash(h);
      for (const [name, spec] of Object.entries(SCHEMA) as [ParamName, ParamSpec][]) {
        const v = p.state[name];
        if (spec.kind === 'number') {
          expect(Number.isFinite(v), h).toBe(true);
          expect(v as number).toBeGreaterThanOrEqual(spec.min);
          expect(v as number).toBeLessThanOrEqual(spec.max);
          if (spec.integer) expect(Number.isInteger(v)).toBe(true);
        } else if (spec.kind === 'boolean') expect(typeof v).toBe('boolean');
        else if (spec.kind === 'enum') expect(spec.options as readonly unknown[]).toContain(v);
        else for (const f of v as readonly string[]) expect(spec.options as readonly string[]).toContain(f);
      }
      // What was parsed serialises to something that parses to the same state, silently.
      const again = parseHash(serialize(p.state));
      expect(again.notes).toEqual([]);
      expect(again.state).toEqual(p.state);
    }
  });
});
