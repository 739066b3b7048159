/**
 * The base of every fused program: a flat output, inputs indexed by hand, and the sizes that only
 * bound loops or offsets (T, B, the optimizer's variable sizes) passed as uniforms rather than baked
 * into the shader. tfjs caches pipelines by shaderKey, so a key holding only what shapes the code
 * (N, the read-out's classes, the activation) lets a new sequence length, batch size or variable
 * reuse a compiled pipeline: the evaluation's batch, a task switch, the self-check's networks.
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export interface ProgramUniform {
  type: 'int32' | 'float32';
  data: number[];
}

export abstract class FlatProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  /** The uniform struct's fields after tfjs's own, in the order uniformData() gives them. */
  uniforms: string;
  abstract variableNames: string[];

  constructor(
    key: string,
    outputSize: number,
    workgroups: number,
    workgroupSize: number,
    private readonly ints: Readonly<Record<string, number>>,
    private readonly floats: Readonly<Record<string, number>> = {},
  ) {
    this.outputShape = [outputSize];
    this.shaderKey = key;
    this.dispatch = [workgroups, 1, 1];
    this.workgroupSize = [workgroupSize, 1, 1];
    const fields = (r: Readonly<Record<string, number>>, type: string) => Object.keys(r).map((k) => `${k} : ${type}, `);
    this.uniforms = [...fields(ints, 'i32'), ...fields(floats, 'f32')].join('');
  }

  uniformData(): ProgramUniform[] {
    return [
      ...Object.values(this.ints).map((v): ProgramUniform => ({ type: 'int32', data: [v] })),
      ...Object.values(this.floats).map((v): ProgramUniform => ({ type: 'float32', data: [v] })),
    ];
  }

  abstract getUserCode(): string;
}

/**
 * WGSL has no module-scope values read from uniforms: each function that needs the sizes starts
 * with these lets (the uniform fields by name, then sizes derived from them).
 */
export function uniformLets(names: readonly string[], derived: readonly string[] = []): string {
  return [...names.map((k) => `let ${k} = uniforms.${k};`), ...derived.map((d) => `let ${d};`)].join(' ');
}
