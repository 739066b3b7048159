/**
 * A build-time rewrite of tfjs-backend-wasm's kernels. Each call passes tensor shapes and strides
 * to wasm as `new Uint8Array(new Int32Array(shape).buffer)`: reading `.buffer` gives every small
 * array its own off-heap backing store, so a training step of ~650 kernels leaves ~1,000 ArrayBuffers
 * for the garbage collector, whose sweeping then competes with the page for the cores. Emscripten
 * copies an 'array' argument with HEAP8.set, which takes any array of bytes, so the same bytes in a
 * plain array reach wasm unchanged, with no backing store behind them.
 */
import type { Plugin } from 'vite';

/** `new Uint8Array(new Int32Array(EXPR).buffer)`, EXPR with at most one level of parentheses. */
const PATTERN = /new Uint8Array\(new Int32Array\(((?:[^()]|\([^()]*\))*)\)\.buffer\)/g;

const HELPER =
  'const __int32Bytes = (a) => { const o = new Array(a.length * 4); for (let i = 0; i < a.length; i++) { const v = a[i] | 0; o[4 * i] = v & 255; o[4 * i + 1] = (v >> 8) & 255; o[4 * i + 2] = (v >> 16) & 255; o[4 * i + 3] = (v >>> 24) & 255; } return o; };\n';

/** The source with every such conversion replaced, or null when it has none. */
export function rewriteShapeBytes(code: string): string | null {
  let hits = 0;
  const out = code.replace(PATTERN, (_m, expr: string) => {
    hits++;
    return `__int32Bytes(${expr})`;
  });
  return hits > 0 ? HELPER + out : null;
}

export function wasmShapeBytes(): Plugin {
  return {
    name: 'wasm-shape-bytes',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]/.test(id)) return null;
      const out = rewriteShapeBytes(code);
      return out === null ? null : { code: out, map: null };
    },
  };
}
