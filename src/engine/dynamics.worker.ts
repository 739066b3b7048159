/**
 * The dynamics worker: thin wiring between messages and the dynamics host. Imports only core/
 * (through the host): no tfjs, so it starts in milliseconds beside the training worker.
 */
import { createDynamicsHost } from './dynamicsHost';
import type { DynamicsCommand, DynamicsMessage } from './dynamicsProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = createDynamicsHost({
  post: (msg: DynamicsMessage, transfer: Transferable[] = []) => scope.postMessage(msg, transfer),
});

scope.onmessage = (e: MessageEvent<DynamicsCommand>) => host.handle(e.data);
