/**
 * The actions behind the train buttons, shared by the panel and by embedded training figures:
 * play, pause, step, reset, lower the learning rate after a divergence. They read the current
 * settings from the app store, so a run is always built from what the URL says.
 */
import { useCallback } from 'react';
import { appStore } from '../../state/store';
import { SCHEMA } from '../../state/schema';
import { command, currentConfig, runConfig, setLr, startRun } from './engine';

export function useTrainActions() {
  const cfg = () => runConfig(appStore().get());
  const play = useCallback(() => command(cfg(), 'play'), []);
  const pause = useCallback(() => command(cfg(), 'pause'), []);
  const step = useCallback((count = 1) => command(cfg(), 'step', count), []);
  /** A new run from the current settings (same settings, same seed: the same run again). */
  const reset = useCallback(() => {
    startRun(cfg());
  }, []);
  const lowerLrAndResume = useCallback(() => {
    const lr = Math.max(SCHEMA.lr.min, Number(((currentConfig()?.lr ?? appStore().get().lr) / 10).toPrecision(2)));
    appStore().set({ lr });
    setLr(lr);
    command(cfg(), 'play');
  }, []);
  return { play, pause, step, reset, lowerLrAndResume };
}
