/**
 * A lazily loaded component that can also be loaded ahead of its first render. Once its code is
 * here, `current()` returns the component itself, so the first render neither suspends nor shows a
 * fallback (React delays revealing content that replaces a fallback).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface LazyEntry {
  load: () => Promise<{ default: ComponentType }>;
  component: LazyExoticComponent<ComponentType>;
  /** The loaded component, or the lazy wrapper while its code is still on the way. */
  current: () => ComponentType;
}

export function lazyEntry(load: () => Promise<{ default: ComponentType }>): LazyEntry {
  let loading: Promise<{ default: ComponentType }> | null = null;
  let loaded: ComponentType | null = null;
  const once = () =>
    (loading ??= load().then((m) => {
      loaded = m.default;
      return m;
    }));
  const component = lazy(once);
  return { load: once, component, current: () => loaded ?? component };
}
