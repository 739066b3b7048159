/**
 * bench.html: a plain-DOM diagnostics page for the training engine. Runs one run configured from
 * the URL hash (same names as the app's settings: task, mode, hidden, batch, lr, clip, seed, n, s,
 * constrain, delay, backend, speed; play=1 starts it), shows the backend report and a status line,
 * and exposes window.engineHarness for tests and the benchmark script.
 */
import '../app/theme.css';
import { createTrainerClient } from '../engine/client';
import type { BackendReport, RunConfig, WorkerMessage } from '../engine/protocol';
import { defaultState, SCHEMA } from '../state/schema';
import type { BenchEvent, BenchRequest, KernelCount, WorkerRequest } from './benchTypes';
import type { FusedCase } from '../engine/fusedFixture';
import type { FusedCaseErrors } from './fusedCheck';
import { mountBenchTable } from './benchTableUi';

function configFromHash(params: URLSearchParams): RunConfig {
  const d = defaultState();
  const num = (key: string, fallback: number) => {
    const v = params.get(key);
    return v !== null && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;
  };
  const pick = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const v = params.get(key) as T | null;
    return v !== null && options.includes(v) ? v : fallback;
  };
  return {
    task: pick('task', SCHEMA.task.options, d.task),
    mode: pick('mode', SCHEMA.mode.options, d.mode),
    hidden: num('hidden', d.hidden),
    batch: num('batch', d.batch),
    lr: num('lr', d.lr),
    clip: num('clip', d.clip),
    seed: num('seed', d.seed),
    n0: num('n', d.n),
    s0: num('s', d.s),
    constrain: params.has('constrain') ? params.get('constrain') !== '0' : d.constrain,
    init: pick('init', SCHEMA.init.options, d.init),
    actLr: num('actlr', d.actlr),
    logGain: params.has('logn') ? params.get('logn') !== '0' : d.logn,
    delay: num('delay', d.delay),
    backend: pick('backend', SCHEMA.backend.options, d.backend),
    speed: num('speed', d.speed),
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function renderReport(table: HTMLTableElement, report: BackendReport): void {
  table.replaceChildren(el('caption', `backend: ${report.active}`));
  const head = table.createTHead().insertRow();
  for (const h of ['backend', 'outcome', 'ms/step', 'detail']) head.append(el('th', h));
  const body = table.createTBody();
  for (const r of report.reasons) {
    const row = body.insertRow();
    row.dataset.backend = r.backend;
    row.dataset.outcome = r.outcome;
    for (const text of [r.backend, r.outcome, r.msPerStep !== undefined ? r.msPerStep.toFixed(1) : '', r.detail]) row.insertCell().textContent = text;
  }
}

const root = document.getElementById('bench') as HTMLElement;
const params = new URLSearchParams(location.hash.slice(1));
const config = configFromHash(params);
const runId = 'bench';
const client = createTrainerClient();
const messages: WorkerMessage[] = [];
const longTasks: { start: number; duration: number }[] = [];

const title = el('h1', 'Training engine diagnostics');
const status = el('p', 'starting…', { id: 'status', role: 'status' });
const toggle = el('button', 'play', { id: 'toggle', type: 'button' });
const crash = el('button', 'simulate crash', { id: 'crash', type: 'button' });
const fault = el('button', 'lose the device', { id: 'fault', type: 'button', title: 'the next step on the active backend fails as on a lost GPU device' });
const report = el('table', '', { id: 'report' });
const log = el('pre', '', { id: 'log' });
root.append(title, el('p', `config: ${JSON.stringify(config)}`), toggle, crash, fault, status, report, log);

let running = false;
let last = { step: 0, loss: NaN, stepsPerSec: 0, backend: '', tensors: 0, state: 'idle', reason: '' };
const paint = () => {
  status.textContent =
    `${last.state} · step ${last.step} · loss ${Number.isFinite(last.loss) ? last.loss.toFixed(4) : '–'} · ` +
    `${last.stepsPerSec.toFixed(1)} steps/s · ${last.backend || '…'} · ${last.tensors} tensors` +
    (last.reason ? ` · ${last.reason}` : '');
  toggle.textContent = running ? 'pause' : 'play';
};

client.subscribe((msg) => {
  messages.push(msg);
  if (msg.runId !== runId) return;
  if (msg.type === 'ready') renderReport(report, msg.backend);
  else if (msg.type === 'snapshot') {
    const s = msg.snapshot;
    last = { ...last, step: s.step, stepsPerSec: s.stepsPerSec, backend: s.backend, tensors: s.tensors, loss: s.losses.length ? s.losses[s.losses.length - 1] : last.loss };
  } else if (msg.type === 'status') {
    running = msg.status === 'running';
    last = { ...last, state: msg.status, step: msg.step, reason: msg.reason ?? '' };
  } else if (msg.type === 'error') last = { ...last, state: 'error', reason: msg.message };
  else if (msg.type === 'backendFallback') last = { ...last, reason: msg.reason };
  paint();
});

toggle.addEventListener('click', () => client.send({ type: running ? 'pause' : 'play', runId }));
crash.addEventListener('click', () => client.crash());
fault.addEventListener('click', () => client.injectFault('device-lost'));

if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

// Test-only: the fused WebGPU kernel computes wrong states from now on (sent before configure).
if (params.get('corrupt') === '1') client.injectFault('corrupt-fused-kernel');

if (params.get('run') !== '0') {
  client.send({ type: 'configure', runId, config });
  if (params.get('play') === '1') client.send({ type: 'play', runId });
}

const baseUrl = () => new URL('./', document.baseURI).href;

/** Runs one request in a fresh benchmark worker; resolves with every event it sent. */
function runWorker(req: WorkerRequest, onEvent?: (e: BenchEvent) => void): Promise<BenchEvent[]> {
  const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
  const events: BenchEvent[] = [];
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<BenchEvent>) => {
      events.push(e.data);
      onEvent?.(e.data);
      log.textContent += `${JSON.stringify(e.data)}\n`;
      if (e.data.type === 'done' || e.data.type === 'error') {
        worker.terminate();
        resolve(events);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'benchmark worker crashed'));
    };
    worker.postMessage(req);
  });
}

function runBenchmark(req: Partial<Omit<BenchRequest, 'type' | 'baseUrl'>>, onEvent?: (e: BenchEvent) => void): Promise<BenchEvent[]> {
  return runWorker(
    {
      type: 'bench',
      baseUrl: baseUrl(),
      backends: req.backends ?? ['webgpu', 'webgl', 'wasm', 'cpu'],
      tasks: req.tasks ?? ['rows', 'ps14', 'ps28'],
      hidden: req.hidden ?? [64],
      budgetMs: req.budgetMs ?? 4000,
      maxSteps: req.maxSteps ?? 200,
      slowStepMs: req.slowStepMs ?? 15_000,
      skipPredictedMs: req.skipPredictedMs ?? 60_000,
      opByOp: req.opByOp ?? false,
      layers: req.layers ?? true,
    },
    onEvent,
  );
}

function failure(events: BenchEvent[]): string | undefined {
  const e = events.find((x) => x.type === 'error' || (x.type === 'backend' && !x.ok));
  const logs = events.flatMap((x) => (x.type === 'log' ? [x.text] : []));
  const why = e?.type === 'error' ? e.message : e?.type === 'backend' ? e.detail : undefined;
  return why && logs.length ? `${why}\n${logs.join('\n')}` : why;
}

async function fusedCheck(backend: 'webgpu' | 'webgl', cases: FusedCase[], stepParts?: [number, number]): Promise<FusedCaseErrors[]> {
  const events = await runWorker({ type: 'fused-check', baseUrl: baseUrl(), backend, cases, ...(stepParts ? { stepParts } : {}) });
  const why = failure(events);
  if (why) throw new Error(why);
  return events.flatMap((e) => (e.type === 'fused' ? [e.result] : []));
}

async function countKernels(backend: BenchRequest['backends'][number], tasks: BenchRequest['tasks'], hidden: number, logGains: boolean[]): Promise<KernelCount[]> {
  const events = await runWorker({ type: 'count', baseUrl: baseUrl(), backend, tasks, hidden, logGains });
  const why = failure(events);
  if (why) throw new Error(why);
  return events.flatMap((e) => (e.type === 'count' ? [{ task: e.task, logGain: e.logGain, steps: e.steps, kernelsPerStep: e.kernelsPerStep }] : []));
}

const table = el('section', '', { id: 'bench-section' });
table.append(el('h2', 'Engine benchmark'));
root.append(table);
mountBenchTable(table, runBenchmark);

window.engineHarness = { client, messages, runId, config, longTasks, runBenchmark, fusedCheck, countKernels };
paint();
