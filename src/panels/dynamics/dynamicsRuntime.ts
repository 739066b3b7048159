/**
 * The page's one dynamics worker client (engine/dynamicsClient.ts), made on first use: the worker
 * starts only when a Dynamics figure first asks for something, and its finished maps are kept for
 * the session by the client.
 */
import { createDynamicsClient, type DynamicsClient } from '../../engine/dynamicsClient';

let client: DynamicsClient | null = null;

export function dynamics(): DynamicsClient {
  return (client ??= createDynamicsClient());
}
