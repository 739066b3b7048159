/**
 * The training worker: thin wiring between messages and the engine host.
 */
import './registerBackends';
import { setFusedCorruption } from './webgpu/registerFused';
import { EngineHost } from './host';
import { isClientControl, type WorkerControl } from './internal';
import { createMnistLoader } from './loadMnist';
import type { Command, WorkerMessage } from './protocol';
import { warmShapeFeedback } from './jitWarmup';

warmShapeFeedback();

const scope = self as unknown as DedicatedWorkerGlobalScope;
let baseUrl = new URL('../', scope.location.href).href;
const loader = createMnistLoader(() => baseUrl);

const host = new EngineHost({
  post: (msg: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(msg, transfer),
  loadData: (task) => loader(task),
  busy: (ms) => scope.postMessage({ type: '__busy', ms } satisfies WorkerControl),
});

scope.onmessage = (e: MessageEvent<Command | unknown>) => {
  const m = e.data;
  if (isClientControl(m)) {
    if (m.type === '__hello') baseUrl = m.baseUrl;
    else if (m.type === '__fault' && m.kind === 'corrupt-fused-kernel') setFusedCorruption(true);
    else if (m.type === '__fault') host.injectFault(m.kind);
    else scope.postMessage({ type: '__pong', id: m.id } satisfies WorkerControl);
    return;
  }
  void host.handle(m as Command);
};
