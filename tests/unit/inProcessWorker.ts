/**
 * The training worker's host running in this process, behind the Worker interface the client
 * uses: messages travel asynchronously (a macrotask each way) as they would between threads, so
 * the page's client, run controller and store can be tested with real training on the cpu backend.
 */
import { EngineHost } from '../../src/engine/host';
import { isClientControl } from '../../src/engine/internal';
import type { Command } from '../../src/engine/protocol';

export function inProcessWorker(): Worker {
  let terminated = false;
  const w = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage(msg: unknown) {
      if (terminated) return;
      if (isClientControl(msg)) {
        if (msg.type === '__ping') deliver({ type: '__pong', id: msg.id });
        return;
      }
      setTimeout(() => void host.handle(msg as Command), 0);
    },
    terminate() {
      terminated = true;
    },
  };
  const deliver = (data: unknown) =>
    setTimeout(() => {
      if (!terminated) w.onmessage?.({ data } as MessageEvent);
    }, 0);
  const host = new EngineHost({ post: deliver, loadData: async () => undefined });
  return w as unknown as Worker;
}
