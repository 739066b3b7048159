/**
 * The actions behind the train buttons, shared by the panel and by embedded training figures:
 * play, pause, step, reset, and the way back from a divergence. A run is always built from what
 * the URL says; the learning rate reaches it through the settings subscription.
 */
import { useCallback } from 'react';
import { SCHEMA } from '../../state/schema';
import { appStore } from '../../state/store';
import { runs } from '../runtime';
import { ensureTrainRun, resetTrainRun, trainEntry } from './trainRun';

/**
 * The rate to offer after a divergence: a tenth of the one that diverged, and never more than the
 * default, which is known to train every task (a run diverged at 100 is not saved by 10).
 */
export function saferLr(lr: number): number {
  return Math.max(SCHEMA.lr.min, Number(Math.min(lr / 10, SCHEMA.lr.default).toPrecision(2)));
}

export function useTrainActions() {
  const play = useCallback(() => runs().command(ensureTrainRun(), 'play'), []);
  const pause = useCallback(() => {
    const id = trainEntry()?.runId;
    if (id) runs().command(id, 'pause');
  }, []);
  const step = useCallback((count = 1) => runs().command(ensureTrainRun(), 'step', count), []);
  const reset = useCallback(() => {
    resetTrainRun();
  }, []);
  const lowerLrAndResume = useCallback(() => {
    const e = trainEntry();
    appStore().set({ lr: saferLr(e?.config.lr ?? appStore().get().lr) });
    runs().command(ensureTrainRun(), 'play');
  }, []);
  return { play, pause, step, reset, lowerLrAndResume };
}
