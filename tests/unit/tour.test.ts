/** The guided tour's steps: URL states that round-trip, each showing a section that exists (or standing in for 'shift'). */
import { describe, expect, it } from 'vitest';
import { PANELS, SCHEMA, defaultState } from '../../src/state/schema';
import { atTourStep, TOUR, tourPatch, tourStep } from '../../src/state/tour';
import { parseHash, serialize } from '../../src/state/url';

describe('tour', () => {
  it('has as many steps as the schema allows for `tour`, and 0 means no tour', () => {
    expect(TOUR.length).toBe(SCHEMA.tour.max);
    expect(tourStep(0)).toBeUndefined();
    expect(tourStep(TOUR.length + 1)).toBeUndefined();
    expect(tourPatch(0, defaultState())).toEqual({ tour: 0 });
  });

  it('every step is a URL state: serialised and parsed back, it is at that step, with no notes', () => {
    for (let k = 1; k <= TOUR.length; k++) {
      const st = { ...defaultState(), ...tourPatch(k, defaultState()) };
      const parsed = parseHash(serialize(st));
      expect(parsed.notes).toEqual([]);
      expect(parsed.state.tour).toBe(k);
      expect(atTourStep(k, parsed.state)).toBe(true);
      expect(parsed.state.panels).toContain(TOUR[k - 1].section);
    }
  });

  it('adds the section a step shows to the panels a reader had, keeping theirs', () => {
    const st = { ...defaultState(), panels: ['family'] as typeof PANELS[number][] };
    const k = TOUR.findIndex((s) => s.section === 'landscape') + 1;
    expect(tourPatch(k, st).panels).toEqual(['family', 'landscape']);
  });

  it('goes from the family to the shift experiment, and never quotes a number as a result', () => {
    expect(TOUR[0].section).toBe('family');
    expect(TOUR[TOUR.length - 1].section).toBe('shift');
    for (const s of TOUR) expect(s.text).not.toMatch(/\d+(\.\d+)?\s?%/);
  });

  it('a link naming only a step is not at it until its settings are applied', () => {
    const k = 3;
    const st = parseHash(`tour=${k}`).state;
    expect(atTourStep(k, st)).toBe(false);
    expect(atTourStep(k, { ...st, ...tourPatch(k, st) })).toBe(true);
  });
});
