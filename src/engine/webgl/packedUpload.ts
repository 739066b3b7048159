/**
 * A batch's input uploaded straight into a packed texture: its values laid out in 2×2 blocks on
 * the CPU (≈ 25,000 values at row-sMNIST, a fraction of a millisecond) and written with one
 * texSubImage2D, where tfjs uploads them dense and packs them with a draw whose every value
 * computes its place with integer divisions (1.7–5 ms a step at row-sMNIST on SwiftShader).
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { getTextureShapeFromLogicalShape } from '@tensorflow/tfjs-backend-webgl/dist/webgl_util';

/** The [R, C] row-major values as packed texels: texel (i, j) holds (2i, 2j), (2i, 2j+1), (2i+1, 2j), (2i+1, 2j+1). */
export function packBlocks(values: Float32Array, R: number, C: number): Float32Array {
  const w = Math.ceil(C / 2);
  const out = new Float32Array(w * Math.ceil(R / 2) * 4);
  for (let r = 0; r < R; r++) {
    const base = (r >> 1) * w * 4 + (r & 1) * 2;
    for (let c = 0; c < C; c++) out[base + (c >> 1) * 4 + (c & 1)] = values[r * C + c];
  }
  return out;
}

/**
 * x as a new packed tensor, when its float32 values are still on the CPU and tfjs would give its
 * packed texture x's own shape (it folds long or narrow matrices into squarer textures); otherwise null.
 */
export function uploadPacked(backend: MathBackendWebGL, x: TensorInfo): TensorInfo | null {
  const d = backend.texData.get(x.dataId);
  if (x.shape.length !== 2 || d.texture != null || !(d.values instanceof Float32Array)) return null;
  const [R, C] = x.shape;
  const texShape = getTextureShapeFromLogicalShape([R, C], true);
  if (texShape[0] !== R || texShape[1] !== C) return null;
  const out = backend.makeTensorInfo([R, C], 'float32');
  const o = backend.texData.get(out.dataId);
  o.isPacked = true;
  backend.uploadToGPU(out.dataId);
  if (!o.texture) throw new Error('packed upload: no texture');
  backend.gpgpu.uploadDenseMatrixToTexture(o.texture.texture, Math.ceil(C / 2), Math.ceil(R / 2), packBlocks(d.values, R, C));
  return out;
}
