/**
 * The page's runs: one run controller (state/runController.ts) with its worker client and the
 * settings subscription, made on first use so the first paint carries no worker.
 */
import { createTrainerClient } from '../engine/client';
import { createRunController, type RunController } from '../state/runController';
import { runStore } from '../state/runStore';
import { syncSettings } from '../state/settingsSync';
import { appStore } from '../state/store';

let controller: RunController | null = null;

export function runs(): RunController {
  if (!controller) {
    controller = createRunController(() => createTrainerClient(), runStore());
    syncSettings(appStore(), controller);
  }
  return controller;
}
