/**
 * The build-time rewrite of tfjs-backend-wasm's shape arguments (scripts/vite/wasmShapeBytes.ts):
 * it must reach every conversion in the installed kernels (an upgrade that writes them otherwise
 * would silently bring the garbage back), and hand wasm exactly the bytes it got before.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteShapeBytes } from '../../scripts/vite/wasmShapeBytes';
import { ROOT } from './mnistData';

const DIST = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const CONVERSION = /new Uint8Array\(new Int32Array\(/;

/** What the rewritten call `__int32Bytes(expr)` returns, run on its own. */
function rewritten(values: number[]): number[] {
  const code = rewriteShapeBytes('const f = (a) => new Uint8Array(new Int32Array(a).buffer);');
  if (code === null) throw new Error('nothing rewritten');
  // Runs the plugin's own output, as the bundle will.
  return new Function(`${code}; return f;`)()(values) as number[];
}

describe('wasm shape bytes', () => {
  it('rewrites every conversion in the installed kernels', () => {
    const files = [...readdirSync(join(DIST, 'kernels')).map((f) => join(DIST, 'kernels', f)), join(DIST, 'backend_wasm.js')].filter((f) => f.endsWith('.js'));
    let rewrittenFiles = 0;
    for (const f of files) {
      const code = readFileSync(f, 'utf8');
      const out = rewriteShapeBytes(code);
      if (out !== null) rewrittenFiles++;
      expect(CONVERSION.test(out ?? code), f).toBe(false);
    }
    // BatchMatMul, Transpose, the binary ops' shared kernel and the other users of the pattern.
    expect(rewrittenFiles).toBeGreaterThanOrEqual(20);
  });

  it('gives wasm the same bytes as the Int32Array it replaces', () => {
    for (const values of [[], [1], [32, 28, 64], [0, -1, 2 ** 31 - 1, -(2 ** 31), 65_536, 300]]) {
      expect(rewritten(values)).toEqual(Array.from(new Uint8Array(new Int32Array(values).buffer)));
    }
  });

  it('rewrites expressions with a call inside, and leaves other code alone', () => {
    const code = 'g(new Uint8Array(new Int32Array(util.computeStrides(x.shape)).buffer), new Int32Array(4));';
    expect(rewriteShapeBytes(code)).toMatch(/g\(__int32Bytes\(util\.computeStrides\(x\.shape\)\), new Int32Array\(4\)\);$/);
    expect(rewriteShapeBytes('const y = new Int32Array(shape);')).toBeNull();
  });
});
