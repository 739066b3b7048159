/**
 * The page's one dynamics worker client (engine/dynamicsClient.ts), made on first use: the worker
 * starts only when a Dynamics figure first asks for something, and its finished maps are kept for
 * the session by the client. While any run trains, the analyses get only the share of a core the
 * machine can spare, so that training keeps its speed with the Dynamics section open.
 */
import { createDynamicsClient, type DynamicsClient } from '../../engine/dynamicsClient';
import { runStore } from '../../state/runStore';
import { runs } from '../runtime';

/**
 * The most of one core the dynamics worker may use while a run trains, on a machine with `cores`
 * logical cores: the page's main thread and the training worker need one each, the rest is spare.
 * With none spare, a quarter: maps and analyses still progress, four times slower.
 */
export function shareWhileTraining(cores: number): number {
  const spare = cores - 2;
  return spare >= 1 ? 1 : 0.25;
}

let client: DynamicsClient | null = null;

function followTraining(c: DynamicsClient): void {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  const update = () => {
    const store = runStore();
    const training = runs()
      .entries()
      .some((e) => store.run(e.runId).status === 'running');
    c.setShare(training ? shareWhileTraining(cores) : 1);
  };
  runStore().subscribe(update);
  runs().subscribe(update);
  update();
}

export function dynamics(): DynamicsClient {
  if (!client) {
    client = createDynamicsClient();
    followTraining(client);
  }
  return client;
}
