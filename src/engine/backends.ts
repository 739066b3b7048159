/// <reference types="@webgpu/types" />
/**
 * Backend selection. Candidates in order of preference: webgpu → webgl → wasm → cpu. A candidate
 * is used only after it is available, initialises, and passes the γ self-check against cpu.
 * "auto" then measures the passing candidates on the actual model and keeps the fastest; a forced
 * choice that fails falls back to the next candidate, with the reason in the report. A fallback
 * tries software GPUs (SwiftShader and the like) last: they are slower than the CPU backends.
 * Which backends exist is decided by whoever registered them (the worker imports all four; node
 * tests register cpu only), so this file imports no backend package.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../state/schema';
import type { BackendName, BackendReport } from './protocol';
import { selfCheckActive } from './selfCheck';

export const CANDIDATES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/** Measured first: cheap to warm up, so a slow GPU warm-up can be compared against them. */
const MEASURE_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl', 'webgpu'];
/** Upper bound on the whole auto choice, shader compiles included. */
export const AUTO_BUDGET_MS = 15_000;

type Reason = BackendReport['reasons'][number];

export interface Availability {
  ok: boolean;
  detail: string;
  /** A software GPU (SwiftShader, llvmpipe, a fallback WebGPU adapter): correct but slow. */
  software: boolean;
}

/** Milliseconds per training step of the actual model on the active backend, or why it stopped. */
export interface Measurement {
  msPerStep: number;
  /** True when timing stopped after the warm-up because that alone was slower than the best. */
  cutShort: boolean;
  /** True when nothing ran: the size alone says the step would be far slower than the best. */
  estimated?: boolean;
}
export type Measure = (bestMsPerStep: number | undefined) => Promise<Measurement>;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function webgpuAvailability(): Promise<Availability> {
  const gpu = typeof navigator !== 'undefined' ? navigator.gpu : undefined;
  if (!gpu) return { ok: false, software: false, detail: 'this browser exposes no WebGPU (navigator.gpu is missing)' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, software: false, detail: 'WebGPU is present but offers no adapter' };
  // Chromium ≥ 136 moved the flag to adapter.info; older builds have it on the adapter.
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
  const software = Boolean(info?.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  return { ok: true, software, detail: software ? `software adapter (isFallbackAdapter) ${name}`.trim() : name || 'adapter found' };
}

function webglAvailability(): Availability {
  let gl: WebGL2RenderingContext | null = null;
  try {
    if (typeof OffscreenCanvas !== 'undefined') gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    else if (typeof document !== 'undefined') gl = document.createElement('canvas').getContext('webgl2');
  } catch {
    gl = null;
  }
  if (!gl) return { ok: false, software: false, detail: 'no WebGL2 context in this context' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const software = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
  return { ok: true, software, detail: software ? `software renderer (${renderer})` : renderer };
}

export async function availability(name: BackendName): Promise<Availability> {
  if (!tf.findBackendFactory(name)) return { ok: false, software: false, detail: 'not registered in this context' };
  switch (name) {
    case 'webgpu':
      return webgpuAvailability();
    case 'webgl':
      return webglAvailability();
    case 'wasm':
      return typeof WebAssembly === 'object'
        ? { ok: true, software: false, detail: 'WebAssembly' }
        : { ok: false, software: false, detail: 'no WebAssembly' };
    case 'cpu':
      return { ok: true, software: false, detail: 'plain JavaScript' };
  }
}

/** Makes `name` the active backend and self-checks it; on failure the previous one stays active. */
export async function activate(name: BackendName): Promise<{ ok: boolean; detail: string }> {
  const previous = tf.getBackend();
  try {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error('initialisation failed');
    await tf.ready();
    const check = await selfCheckActive();
    if (!check.ok) throw new Error(check.detail);
    return { ok: true, detail: check.detail };
  } catch (e) {
    if (previous && previous !== name && tf.findBackend(previous)) await tf.setBackend(previous);
    return { ok: false, detail: message(e) };
  }
}

/**
 * Fallback order after `forced`: the next candidates, wrapping around, with software GPUs moved
 * to the end (a reader whose forced backend is missing wants the fast path, not an emulated GPU).
 */
async function fallbackOrder(forced: BackendName): Promise<{ name: BackendName; avail: Availability }[]> {
  const start = CANDIDATES.indexOf(forced);
  const rest = [...CANDIDATES.slice(start + 1), ...CANDIDATES.slice(0, start)];
  const withAvail = await Promise.all(rest.map(async (name) => ({ name, avail: await availability(name) })));
  return [...withAvail.filter((c) => !c.avail.software), ...withAvail.filter((c) => c.avail.software)];
}

/** A forced choice: that backend if it passes, else the next candidate that does. */
async function selectForced(forced: BackendName, exclude: ReadonlySet<BackendName>): Promise<BackendReport> {
  const reasons: Reason[] = [];
  const attempt = async (name: BackendName, avail: Availability): Promise<boolean> => {
    if (exclude.has(name)) {
      reasons.push({ backend: name, outcome: 'failed', detail: 'failed earlier in this session' });
      return false;
    }
    if (!avail.ok) {
      reasons.push({ backend: name, outcome: 'unavailable', detail: avail.detail });
      return false;
    }
    const act = await activate(name);
    if (!act.ok) {
      reasons.push({ backend: name, outcome: 'failed', detail: act.detail });
      return false;
    }
    const fell = name === forced ? '' : `; ${forced} was asked for but could not be used`;
    reasons.push({ backend: name, outcome: 'chosen', detail: `${act.detail}${fell}` });
    return true;
  };
  const skip = (name: BackendName) => reasons.push({ backend: name, outcome: 'skipped', detail: `not tried: ${forced} was asked for` });
  let active: BackendName | undefined;
  if (await attempt(forced, await availability(forced))) {
    active = forced;
    for (const name of CANDIDATES) if (name !== forced) skip(name);
  } else {
    // Only now are the others probed: availability checks have a cost (a GPU adapter request).
    for (const { name, avail } of await fallbackOrder(forced)) {
      if (active) skip(name);
      else if (await attempt(name, avail)) active = name;
    }
  }
  if (!active) throw new Error('no backend passed its self-check');
  return { active, requested: forced, reasons: sortReasons(reasons) };
}

function sortReasons(reasons: Reason[]): Reason[] {
  return [...reasons].sort((a, b) => CANDIDATES.indexOf(a.backend) - CANDIDATES.indexOf(b.backend));
}

/** auto: every available hardware candidate is self-checked and timed on the model; fastest wins. */
async function selectAuto(measure: Measure, exclude: ReadonlySet<BackendName>, now: () => number): Promise<BackendReport> {
  const t0 = now();
  const reasons = new Map<BackendName, Reason>();
  const timed: { name: BackendName; ms: number; detail: string; estimated: boolean }[] = [];
  for (const name of MEASURE_ORDER) {
    if (exclude.has(name)) {
      reasons.set(name, { backend: name, outcome: 'failed', detail: 'failed earlier in this session' });
      continue;
    }
    const avail = await availability(name);
    if (!avail.ok) {
      reasons.set(name, { backend: name, outcome: 'unavailable', detail: avail.detail });
      continue;
    }
    if (avail.software && timed.length > 0) {
      // A software GPU runs every kernel on the CPU through an emulation layer and compiles
      // shaders for seconds first: it cannot beat wasm, and measuring it would blow the budget.
      reasons.set(name, { backend: name, outcome: 'skipped', detail: `${avail.detail}: a software GPU is slower than the CPU backends, not measured (choose it explicitly to use it)` });
      continue;
    }
    if (now() - t0 > AUTO_BUDGET_MS && timed.length > 0) {
      reasons.set(name, { backend: name, outcome: 'skipped', detail: `auto's time budget (${AUTO_BUDGET_MS / 1000} s) was spent before it could be measured` });
      continue;
    }
    const act = await activate(name);
    if (!act.ok) {
      reasons.set(name, { backend: name, outcome: 'failed', detail: act.detail });
      continue;
    }
    try {
      const best = timed.length ? Math.min(...timed.map((t) => t.ms)) : undefined;
      const m = await measure(best);
      const detail = m.estimated
        ? `estimated ${Math.round(m.msPerStep)} ms per step from the network's size, far slower than the best; not timed`
        : m.cutShort
          ? 'warm-up step alone was slower than the best, not timed further'
          : act.detail;
      timed.push({ name, ms: m.msPerStep, detail, estimated: m.estimated === true });
    } catch (e) {
      reasons.set(name, { backend: name, outcome: 'failed', detail: `training step failed: ${message(e)}` });
    }
  }
  if (timed.length === 0) throw new Error('no backend passed its self-check');
  timed.sort((a, b) => a.ms - b.ms);
  const [best, ...rest] = timed;
  reasons.set(best.name, { backend: best.name, outcome: 'chosen', detail: `fastest measured: ${best.detail}`, msPerStep: best.ms });
  for (const r of rest) {
    reasons.set(r.name, { backend: r.name, outcome: 'slower', detail: `${r.estimated ? 'about ' : ''}${r.ms.toFixed(0)} ms per step${r.estimated ? ' (estimated, not run)' : ''} against ${best.ms.toFixed(0)} on ${best.name}`, msPerStep: r.ms });
  }
  if (tf.getBackend() !== best.name) await tf.setBackend(best.name);
  return { active: best.name, requested: 'auto', reasons: sortReasons([...reasons.values()]) };
}

/**
 * Chooses and activates a backend. `exclude` lists backends that failed during a run in this
 * worker, so a fallback never returns to them.
 */
export async function selectBackend(
  choice: BackendChoice,
  measure: Measure,
  exclude: ReadonlySet<BackendName> = new Set(),
  now: () => number = () => performance.now(),
): Promise<BackendReport> {
  return choice === 'auto' ? selectAuto(measure, exclude, now) : selectForced(choice, exclude);
}

/** The next candidate after `failed` that passes, for a backend that breaks in the middle of a run. */
export async function fallbackAfter(failed: BackendName, exclude: ReadonlySet<BackendName>): Promise<BackendReport> {
  // `failed` is excluded, so this is the forced choice's fallback order (software GPUs last).
  return selectForced(failed, new Set([...exclude, failed]));
}
