/**
 * Runs a packed program that writes several outputs in one draw (several render targets), which
 * tfjs's program runner does not offer: a fragment writes one 4-value texel per target, so a
 * product whose fragment computes k output blocks shares each fetched input block among them.
 *
 * The program is compiled with tfjs's own shader compiler (its samplers, getOutputCoords and
 * setOutput), with the output declaration given a location so that userCode can declare
 * `layout(location = i) out vec4 outputColor<i>;` for i = 1 … k − 1, and it is run by tfjs's own
 * runner, with the extra textures attached to tfjs's framebuffer for that draw only.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { getUniformLocations, runProgram, type GPGPUBinary, type TensorData } from '@tensorflow/tfjs-backend-webgl/dist/gpgpu_math';
import { makeShader, type ShapeInfo } from '@tensorflow/tfjs-backend-webgl/dist/shader_compiler';
import { createFragmentShader, isReshapeFree } from '@tensorflow/tfjs-backend-webgl/dist/webgl_util';
import { packedProgram } from './packedGlsl';

const OUTPUT_DECLARATION = 'out vec4 outputColor;';

/** The GLSL declarations of outputs 1 … targets − 1 (output 0 is tfjs's setOutput). */
export function extraOutputs(targets: number): string {
  return Array.from({ length: targets - 1 }, (_, i) => `layout(location = ${i + 1}) out vec4 outputColor${i + 1};`).join('\n');
}

const targetLimits = new WeakMap<MathBackendWebGL, number>();

/** Render targets one draw may write on this context (WebGL 2 guarantees 4). */
export function targetLimit(backend: MathBackendWebGL): number {
  let limit = targetLimits.get(backend);
  if (limit === undefined) {
    const gl = backend.gpgpu.gl as WebGL2RenderingContext;
    limit = Math.min(gl.getParameter(gl.MAX_DRAW_BUFFERS) as number, gl.getParameter(gl.MAX_COLOR_ATTACHMENTS) as number);
    targetLimits.set(backend, limit);
  }
  return limit;
}

/** Compiled binaries by backend, program object, and the inputs' and output's layouts. */
const binaries = new WeakMap<MathBackendWebGL, WeakMap<GPGPUProgram, Map<string, GPGPUBinary>>>();

function shapeInfo(d: TensorData): ShapeInfo {
  const texShape = d.texData.texShape;
  if (!texShape) throw new Error('several render targets: a tensor without a texture');
  // flatOffset: tfjs types it as a number but passes null for "not a slice".
  return { logicalShape: d.shape, texShape, isUniform: false, isPacked: true, flatOffset: null as unknown as number };
}

function texture(d: TensorData): WebGLTexture {
  const t = d.texData.texture;
  if (!t) throw new Error('several render targets: a tensor without a texture');
  return t.texture;
}

function compile(backend: MathBackendWebGL, program: GPGPUProgram, ins: TensorData[], out: TensorData): GPGPUBinary {
  const gpgpu = backend.gpgpu;
  const inputInfos = ins.map((d, i) => ({ name: program.variableNames[i], shapeInfo: shapeInfo(d) }));
  const outShapeInfo = shapeInfo(out);
  const generated = makeShader(inputInfos, outShapeInfo, program);
  if (!generated.includes(OUTPUT_DECLARATION)) throw new Error('several render targets: the shader header has changed');
  const source = generated.replace(OUTPUT_DECLARATION, `layout(location = 0) ${OUTPUT_DECLARATION}`);
  const fragmentShader = createFragmentShader(gpgpu.gl, source);
  const webGLProgram = gpgpu.createProgram(fragmentShader);
  gpgpu.buildVao(webGLProgram);
  return { program, fragmentShader, source, webGLProgram, inShapeInfos: inputInfos.map((x) => x.shapeInfo), outShapeInfo, ...getUniformLocations(gpgpu, program, webGLProgram) };
}

/** t itself as a kernel's output (one more reference to its data). */
export function passThrough(backend: MathBackendWebGL, t: TensorInfo): TensorInfo {
  backend.incRef(t.dataId);
  return { dataId: t.dataId, shape: t.shape, dtype: t.dtype };
}

/** A copy of t through tfjs's runner: packed, on the GPU, its texture laid out for its shape. */
function packedCopy(backend: MathBackendWebGL, t: TensorInfo): TensorInfo {
  const copy = packedProgram(['x'], [...t.shape], 'void main() { ivec2 rc = getOutputCoords(); setOutput(getX(rc.x, rc.y)); }');
  return backend.runWebGLProgram(copy, [t], 'float32');
}

/**
 * Runs `program` (packed inputs and outputs, `targets` outputs of program.outputShape) and
 * returns its outputs in target order. Binaries are kept by program object: pass one object per
 * program text (programs.ts), or it is compiled again. A one-target program runs through tfjs.
 */
export function runMultiTarget(backend: MathBackendWebGL, program: GPGPUProgram, targets: number, inputs: TensorInfo[], uniforms?: number[][]): TensorInfo[] {
  // One target is what tfjs's own runner does, without the framebuffer set-up around each draw.
  if (targets === 1) return [backend.runWebGLProgram(program, inputs, 'float32', uniforms)];
  const gpgpu = backend.gpgpu;
  const gl = gpgpu.gl as WebGL2RenderingContext;
  const temps: TensorInfo[] = [];
  const ins: TensorData[] = inputs.map((t) => {
    let d = backend.texData.get(t.dataId);
    if (d.texture == null) {
      // Not on the GPU yet: uploaded packed right away, as tfjs does for a packed program.
      d.isPacked = true;
      d.shape = t.shape;
    }
    backend.uploadToGPU(t.dataId);
    if (!d.isPacked || !isReshapeFree(d.shape, t.shape) || t.shape.length !== 2) {
      t = packedCopy(backend, t);
      temps.push(t);
      d = backend.texData.get(t.dataId);
    }
    return { shape: [...t.shape], texData: d, isUniform: false };
  });
  const outputs = Array.from({ length: targets }, () => {
    const o = backend.makeTensorInfo([...program.outputShape], 'float32');
    backend.texData.get(o.dataId).isPacked = true;
    backend.uploadToGPU(o.dataId);
    return o;
  });
  const outs: TensorData[] = outputs.map((o) => ({ shape: [...o.shape], texData: backend.texData.get(o.dataId), isUniform: false }));
  let byProgram = binaries.get(backend);
  if (!byProgram) binaries.set(backend, (byProgram = new WeakMap()));
  let cache = byProgram.get(program);
  if (!cache) byProgram.set(program, (cache = new Map()));
  // The program's own text is fixed for its object (programs.ts); the inputs' layouts are not.
  const key = `${targets}|${[...ins, outs[0]].map((d) => `${d.shape}:${d.texData.texShape}`).join('|')}`;
  let binary = cache.get(key);
  if (!binary) cache.set(key, (binary = compile(backend, program, ins, outs[0])));
  const attachments = outs.map((_, i) => gl.COLOR_ATTACHMENT0 + i);
  gl.bindFramebuffer(gl.FRAMEBUFFER, gpgpu.framebuffer);
  outs.forEach((o, i) => {
    if (i > 0) gl.framebufferTexture2D(gl.FRAMEBUFFER, attachments[i], gl.TEXTURE_2D, texture(o), 0);
  });
  gl.drawBuffers(attachments);
  try {
    runProgram(gpgpu, binary, ins, outs[0], uniforms);
  } finally {
    // tfjs's own draws expect its framebuffer as it left it: one target.
    gl.bindFramebuffer(gl.FRAMEBUFFER, gpgpu.framebuffer);
    for (let i = 1; i < targets; i++) gl.framebufferTexture2D(gl.FRAMEBUFFER, attachments[i], gl.TEXTURE_2D, null, 0);
    gl.drawBuffers([gl.COLOR_ATTACHMENT0]);
    temps.forEach((t) => backend.disposeIntermediateTensorInfo(t));
  }
  return outputs;
}
