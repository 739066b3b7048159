/**
 * Messages between the client and the worker that are about the worker itself, not about a run:
 * where the site lives (for data files), the heartbeat, and fault injection for tests and
 * diagnostics. They never reach subscribers.
 */

/**
 * Faults a test or the diagnostics page can inject. 'device-lost': the next training step on the
 * active backend throws as a step on a lost GPU device does, so the backend fallback runs for real.
 * 'corrupt-fused-kernel': from now on the fused WebGPU forward kernel computes wrong hidden states,
 * so the backend self-check must reject webgpu (send it before 'configure').
 */
export type FaultKind = 'device-lost' | 'corrupt-fused-kernel';

export type ClientControl = { type: '__hello'; baseUrl: string } | { type: '__ping'; id: number } | { type: '__fault'; kind: FaultKind };
/**
 * '__busy': the worker is about to block for about `ms` (a training step, a backend measurement,
 * an evaluation) and cannot answer pings meanwhile; the heartbeat allows for it.
 */
export type WorkerControl = { type: '__pong'; id: number } | { type: '__busy'; ms: number };

export function isClientControl(m: unknown): m is ClientControl {
  const t = (m as { type?: unknown } | null)?.type;
  return t === '__hello' || t === '__ping' || t === '__fault';
}

export function isWorkerControl(m: unknown): m is WorkerControl {
  const t = (m as { type?: unknown } | null)?.type;
  return t === '__pong' || t === '__busy';
}

/** The error a step throws for an injected fault: what the reader sees as the cause. */
export function faultError(kind: FaultKind): Error {
  switch (kind) {
    case 'device-lost':
      return new Error('device lost (injected fault)');
    case 'corrupt-fused-kernel':
      return new Error('fused kernel corrupted (injected fault)');
  }
}
