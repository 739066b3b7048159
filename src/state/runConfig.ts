/**
 * A run's configuration, derived from the page's state through the schema's declarations: every
 * entry with `apply` is a run setting (named `run` in RunConfig when the names differ). What
 * reaches a running run at once (LIVE_KEYS) and what waits for a new run (RESET_KEYS) come from
 * the same declarations; nothing else lists them.
 */
import type { RunConfig } from '../engine/protocol';
import { SCHEMA, type AppState, type ParamName, type ParamSpec } from './schema';

type ConfigKey = keyof RunConfig;

interface Binding {
  param: ParamName;
  key: ConfigKey;
  apply: 'live' | 'reset';
}

export const RUN_BINDINGS: readonly Binding[] = (Object.keys(SCHEMA) as ParamName[]).flatMap((param) => {
  const spec: ParamSpec = SCHEMA[param];
  return spec.apply ? [{ param, key: spec.run ?? (param as ConfigKey), apply: spec.apply }] : [];
});

/** Run settings that reach a running run at once. */
export const LIVE_KEYS: readonly ConfigKey[] = RUN_BINDINGS.filter((b) => b.apply === 'live').map((b) => b.key);
/** Run settings that need a new run. */
export const RESET_KEYS: readonly ConfigKey[] = RUN_BINDINGS.filter((b) => b.apply === 'reset').map((b) => b.key);

/** The settings a new run is built from. */
export function runConfig(st: AppState): RunConfig {
  const out: Partial<Record<ConfigKey, unknown>> = {};
  for (const b of RUN_BINDINGS) out[b.key] = st[b.param];
  return out as RunConfig;
}

/** The page parameter that sets a run setting (for naming it to the reader). */
export function paramOf(key: ConfigKey): ParamName {
  return RUN_BINDINGS.find((b) => b.key === key)?.param ?? (key as ParamName);
}

/** Reset settings that differ between a run's configuration and the page's. */
export function pendingKeys(built: RunConfig | null, wanted: RunConfig): ConfigKey[] {
  if (!built) return [];
  return RESET_KEYS.filter((k) => built[k] !== wanted[k]);
}

/** Live settings that differ: what to send to a running run. */
export function liveChanges(built: RunConfig, wanted: RunConfig): Partial<Pick<RunConfig, 'lr' | 'speed'>> {
  const out: Partial<Pick<RunConfig, 'lr' | 'speed'>> = {};
  for (const k of LIVE_KEYS) if (built[k] !== wanted[k]) (out as Record<string, unknown>)[k] = wanted[k];
  return out;
}

/** The page state that would build `config` (a loaded run file's settings, applied to the page). */
export function stateFromConfig(config: RunConfig): Partial<AppState> {
  const out: Partial<Record<ParamName, unknown>> = {};
  for (const b of RUN_BINDINGS) out[b.param] = config[b.key];
  return out as Partial<AppState>;
}
