/**
 * The page's sections, in order. The shell renders those listed in state.panels; each section's
 * code is loaded lazily. A new section is one entry here (and its id in PANELS in schema.ts).
 */
import type { AppState } from '../state/schema';
import { lazyEntry, type LazyEntry } from './lazyEntry';

export type PanelId = AppState['panels'][number];

export interface SectionEntry extends LazyEntry {
  id: PanelId;
  title: string;
}

export const SECTIONS: readonly SectionEntry[] = [
  { id: 'family', title: 'The family: two numbers shape a neuron', ...lazyEntry(() => import('../panels/FamilyPanel')) },
  { id: 'train', title: 'Train: a network learns its own activation', ...lazyEntry(() => import('../panels/TrainPanel')) },
  { id: 'compare', title: 'Compare: fixed, shared and per-neuron activations side by side', ...lazyEntry(() => import('../panels/ComparePanel')) },
  { id: 'landscape', title: 'Landscape: which activation suits which task', ...lazyEntry(() => import('../panels/LandscapePanel')) },
  { id: 'dynamics', title: 'Dynamics: memory, chaos and how far gradients reach', ...lazyEntry(() => import('../panels/DynamicsPanel')) },
  { id: 'shift', title: 'Shift: when the inputs change, adapt the neurons', ...lazyEntry(() => import('../panels/ShiftPanel')) },
];
