/**
 * Numeric arrays as base64 of their little-endian bytes: compact and exact in a JSON file (a
 * float32 takes 5⅓ characters, against up to 15 as a decimal number, and NaN survives). Encoded by
 * table over bytes: a run's arrays are megabytes, and btoa over a spread string is ~50× slower.
 */

export type ElementKind = 'f32' | 'f64' | 'i32';
export type ArrayOf<K extends ElementKind> = K extends 'f32' ? Float32Array : K extends 'f64' ? Float64Array : Int32Array;

const BYTES: Record<ElementKind, number> = { f32: 4, f64: 8, i32: 4 };
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // '='
/** Character code → 6-bit value; 255 for characters outside the alphabet. */
const VALUE = new Uint8Array(256).fill(255);
CODE.forEach((c, i) => (VALUE[c] = i));
// UTF-8 coding of pure ASCII is the engines' fastest bytes ⇄ string path.
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The bytes with each `w`-byte element reversed (big-endian machines only). */
function swapBytes(bytes: Uint8Array, w: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += w) for (let j = 0; j < w; j++) out[i + j] = bytes[i + w - 1 - j];
  return out;
}

export function toBase64(a: Float32Array | Float64Array | Int32Array): string {
  const own = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const b = LITTLE_ENDIAN ? own : swapBytes(own, a.BYTES_PER_ELEMENT);
  const n = b.length;
  const out = new Uint8Array(4 * Math.ceil(n / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const t = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out[o++] = CODE[t >> 18];
    out[o++] = CODE[(t >> 12) & 63];
    out[o++] = CODE[(t >> 6) & 63];
    out[o++] = CODE[t & 63];
  }
  if (i < n) {
    const t = (b[i] << 16) | ((i + 1 < n ? b[i + 1] : 0) << 8);
    out[o++] = CODE[t >> 18];
    out[o++] = CODE[(t >> 12) & 63];
    out[o++] = i + 1 < n ? CODE[(t >> 6) & 63] : PAD;
    out[o] = PAD;
  }
  return decoder.decode(out);
}

/** Bytes of base64 text; a message when it is not base64. */
function decodeBytes(text: string): Uint8Array<ArrayBuffer> | string {
  const src = encoder.encode(text);
  // A character beyond ASCII takes several bytes: such text is not base64 either.
  if (src.length !== text.length || src.length % 4 !== 0) return 'is not base64';
  const pad = src[src.length - 1] !== PAD ? 0 : src[src.length - 2] === PAD ? 2 : 1;
  for (let k = src.length - pad; k < src.length; k++) src[k] = CODE[0];
  const out = new Uint8Array((src.length / 4) * 3);
  // Values are 0…63; a character outside the alphabet reads 255 and leaves its high bit in `seen`.
  let seen = 0;
  for (let i = 0, o = 0; i < src.length; i += 4) {
    const a = VALUE[src[i]];
    const b = VALUE[src[i + 1]];
    const c = VALUE[src[i + 2]];
    const d = VALUE[src[i + 3]];
    seen |= a | b | c | d;
    const t = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = t >> 16;
    out[o++] = (t >> 8) & 255;
    out[o++] = t & 255;
  }
  if (seen & 128) return 'is not base64';
  return pad ? out.slice(0, out.length - pad) : out;
}

/** Decodes what toBase64 wrote; a message (to follow the field's name) when it cannot. */
export function fromBase64<K extends ElementKind>(text: string, kind: K): ArrayOf<K> | string {
  const decoded = decodeBytes(text);
  if (typeof decoded === 'string') return decoded;
  const size = BYTES[kind];
  if (decoded.length % size !== 0) return `holds ${decoded.length} bytes, not a whole number of ${size}-byte values`;
  const buf = (LITTLE_ENDIAN ? decoded : swapBytes(decoded, size)).buffer;
  return (kind === 'f32' ? new Float32Array(buf) : kind === 'f64' ? new Float64Array(buf) : new Int32Array(buf)) as ArrayOf<K>;
}
