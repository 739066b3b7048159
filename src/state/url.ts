/**
 * The URL hash ⇄ AppState, driven only by SCHEMA. Parsing never throws: every value that cannot be
 * used is replaced (clamped, rounded or defaulted) and a note tells the reader what happened.
 * Serialising writes only values that differ from the defaults, in SCHEMA order, with compact numbers.
 */
import { SCHEMA, defaultState, type AppState, type ParamName, type ParamSpec, type NumberSpec } from './schema';
import { formatCount } from '../core/formatCount';

export interface ParsedHash {
  state: AppState;
  /** One plain sentence per problem found, in the order met. */
  notes: string[];
}

const NAMES = Object.keys(SCHEMA) as ParamName[];
const TRUE_WORDS = ['1', 'true', 'yes', 'on', ''];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** Longest a shown value gets in a note, so a pasted essay does not flood the page. */
const NOTE_VALUE_MAX = 24;

function shown(raw: string): string {
  return raw.length > NOTE_VALUE_MAX ? `${raw.slice(0, NOTE_VALUE_MAX)}…` : raw;
}

/**
 * Six significant digits, no trailing zeros: 0.30000000000000004 → "0.3", 1e-5 → "0.00001".
 * Whole numbers (seeds) are written exactly.
 */
export function compactNumber(v: number): string {
  if (Number.isSafeInteger(v)) return String(v);
  const r = Number(v.toPrecision(6));
  return Object.is(r, -0) ? '0' : String(r);
}

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function formatDefault(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number':
      return compactNumber(spec.default);
    case 'boolean':
      return spec.default ? 'on' : 'off';
    case 'enum':
      return spec.default === '' ? '(none)' : spec.default;
    case 'flags':
    case 'list':
      return spec.default.length ? spec.default.join(',') : '(none)';
  }
}

function parseNumber(name: string, raw: string, spec: NumberSpec, notes: string[]): number {
  const trimmed = raw.trim();
  const v = trimmed === '' ? NaN : Number(trimmed);
  if (!Number.isFinite(v)) {
    notes.push(`${name} = ${shown(raw)} is not a number; using ${compactNumber(spec.default)}`);
    return spec.default;
  }
  let out = v;
  if (out < spec.min || out > spec.max) {
    out = Math.min(spec.max, Math.max(spec.min, out));
    notes.push(`${name} = ${shown(raw)} is outside [${compactNumber(spec.min)}, ${compactNumber(spec.max)}]; using ${compactNumber(out)}`);
  }
  if (spec.integer && !Number.isInteger(out)) {
    const r = Math.round(out);
    notes.push(`${name} = ${shown(raw)} must be a whole number; using ${r}`);
    out = r;
  }
  return out;
}

function parseValue(name: ParamName, raw: string, notes: string[]): unknown {
  const spec: ParamSpec = SCHEMA[name];
  switch (spec.kind) {
    case 'number':
      return parseNumber(name, raw, spec, notes);
    case 'boolean': {
      const w = raw.trim().toLowerCase();
      if (TRUE_WORDS.includes(w)) return true;
      if (FALSE_WORDS.includes(w)) return false;
      notes.push(`${name} = ${shown(raw)} is not on/off; using ${formatDefault(spec)}`);
      return spec.default;
    }
    case 'enum': {
      const w = raw.trim();
      if ((spec.options as readonly string[]).includes(w)) return w;
      const list = spec.options.filter((o) => o !== '').join(', ');
      notes.push(`${name} = ${shown(raw)} is not one of ${list}; using ${formatDefault(spec)}`);
      return spec.default;
    }
    case 'flags': {
      const options = spec.options as readonly string[];
      const asked = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
      const bad = asked.filter((p) => !options.includes(p));
      if (bad.length) {
        notes.push(`${name}: ${bad.map(shown).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not one of ${options.join(', ')}; ignored`);
      }
      // Schema order, no duplicates: equal sets always serialise the same way.
      return options.filter((o) => asked.includes(o));
    }
    case 'list': {
      const options = spec.options as readonly string[];
      const asked = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
      const bad = asked.filter((p) => !options.includes(p));
      if (bad.length) notes.push(`${name}: ${bad.map(shown).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not one of ${options.join(', ')}; ignored`);
      // The reader's order, each option once.
      const kept = [...new Set(asked.filter((p) => options.includes(p)))];
      if (kept.length > spec.maxItems) notes.push(`${name} holds at most ${spec.maxItems}; using the first ${spec.maxItems}`);
      return kept.slice(0, spec.maxItems);
    }
  }
}

/** Names listed in one grouped note; the rest are counted. */
const NOTE_NAMES_MAX = 5;
/** Most notes shown; a link with more problems gets one last note counting the rest. */
export const NOTES_MAX = 12;

/** “a”, “b”, “c” and 4 more. */
function grouped(items: string[]): string {
  const shownItems = items.slice(0, NOTE_NAMES_MAX).map((k) => `“${shown(k)}”`);
  const rest = items.length - shownItems.length;
  return rest > 0 ? `${shownItems.join(', ')} and ${formatCount(rest)} more` : shownItems.join(', ');
}

/** Parses "#n=2&s=0.5" (with or without '#'). Never throws. */
export function parseHash(hash: string): ParsedHash {
  const state = defaultState() as Record<ParamName, unknown>;
  const notes: string[] = [];
  const unknown: string[] = [];
  const unreadable: string[] = [];
  const body = String(hash ?? '').replace(/^[#?/]+/, '');
  const seen = new Set<string>();
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawVal = eq < 0 ? '' : part.slice(eq + 1);
    const key = safeDecode(rawKey);
    const val = safeDecode(rawVal);
    if (key === null || val === null) {
      unreadable.push(part);
      continue;
    }
    if (!(NAMES as string[]).includes(key)) {
      if (!unknown.includes(key)) unknown.push(key);
      continue;
    }
    const name = key as ParamName;
    if (seen.has(name)) notes.push(`${name} is given more than once; the last value counts`);
    seen.add(name);
    state[name] = parseValue(name, val, notes);
  }
  if (unreadable.length) notes.push(`${grouped(unreadable)} ${unreadable.length > 1 ? 'are' : 'is'} not readable (bad % escape); ignored`);
  if (unknown.length) notes.push(`unknown setting${unknown.length > 1 ? 's' : ''} ${grouped(unknown)} ignored`);
  if (notes.length > NOTES_MAX) {
    const rest = notes.length - (NOTES_MAX - 1);
    notes.splice(NOTES_MAX - 1, notes.length, `and ${rest} more problems in this link`);
  }
  return { state: state as AppState, notes };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function formatValue(spec: ParamSpec, v: unknown): string {
  switch (spec.kind) {
    case 'number':
      return compactNumber(v as number);
    case 'boolean':
      return v ? '1' : '0';
    case 'enum':
      return encodeURIComponent(v as string);
    case 'flags':
    case 'list':
      return (v as readonly string[]).map(encodeURIComponent).join(',');
  }
}

/** "n=2&s=0.5" (no '#'): only the non-default values, in SCHEMA order. */
export function serialize(state: AppState): string {
  const defaults = defaultState();
  const parts: string[] = [];
  for (const name of NAMES) {
    const spec: ParamSpec = SCHEMA[name];
    const v = state[name];
    // Compare what would be written, so 1.0000001 (written "1") does not appear as a change.
    const written = formatValue(spec, v);
    if (sameValue(v, defaults[name]) || written === formatValue(spec, defaults[name])) continue;
    parts.push(`${name}=${written}`);
  }
  return parts.join('&');
}
