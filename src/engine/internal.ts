/**
 * Messages between the client and the worker that are about the worker itself, not about a run:
 * where the site lives (for data files) and the heartbeat. They never reach subscribers.
 */
export type ClientControl = { type: '__hello'; baseUrl: string } | { type: '__ping'; id: number };
export type WorkerControl = { type: '__pong'; id: number };

export function isClientControl(m: unknown): m is ClientControl {
  const t = (m as { type?: unknown } | null)?.type;
  return t === '__hello' || t === '__ping';
}

export function isWorkerControl(m: unknown): m is WorkerControl {
  return (m as { type?: unknown } | null)?.type === '__pong';
}
