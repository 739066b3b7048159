/**
 * The guided tour: numbered steps that take a class from the family to the shift experiment. Each
 * step is a URL state (a patch of AppState plus its number in `tour`), the section it shows and a
 * sentence to read aloud. Step texts describe what to do and what to look for, never a result:
 * results are measured on the page. Pure data and functions.
 */
import { PANELS, type AppState } from './schema';
import { taskPatch } from './taskDefaults';

type PanelId = (typeof PANELS)[number];

export interface TourStep {
  /** The section the step shows. */
  section: PanelId;
  title: string;
  text: string;
  /** The settings the step sets. */
  patch: Partial<AppState>;
}

export const TOUR: readonly TourStep[] = [
  {
    section: 'family',
    title: 'One neuron, two knobs',
    text: 'This curve is how one neuron answers its input. Here it is softplus (gain n = 1, saturation s = 0). Drag the handle on the pad and watch the curve change.',
    patch: { n: 1, s: 0, show: ['ghosts'] },
  },
  {
    section: 'family',
    title: 'More gain: towards ReLU',
    text: 'A large gain bends the curve into a sharp corner: almost ReLU. Compare it with the faint landmark curves.',
    patch: { n: 30, s: 0, show: ['ghosts'] },
  },
  {
    section: 'family',
    title: 'Saturation, and a slope above 1',
    text: 'Now s mixes in a sigmoid that levels off. In the shaded region of the pad the slope (dashed) rises above 1 somewhere: such a neuron stretches small differences.',
    patch: { n: 10, s: 0.6, show: ['dx', 'ghosts'] },
  },
  {
    section: 'train',
    title: 'A network learns its activation',
    text: 'Press ▶ Play (or ↺ Reset, then Play, if a run is already there). The network reads digits row by row and learns one shared n and s along with its weights. Watch the loss fall below the dashed chance line, and n and s move on the pad.',
    patch: { ...taskPatch('rows'), mode: 'homogeneous' },
  },
  {
    section: 'train',
    title: 'Every neuron its own activation',
    text: 'Heterogeneous mode: each neuron learns its own n and s. Press ↺ Reset, then Play, and watch the single point become a cloud.',
    patch: { ...taskPatch('rows'), mode: 'heterogeneous' },
  },
  {
    section: 'compare',
    title: 'Fixed, shared or per neuron?',
    text: 'Press ▶ Play all: a fixed activation, a shared learned one and a per-neuron one train side by side on the same data from the same weights. Which learns faster here?',
    patch: { ...taskPatch('rows'), compare: ['static-relu', 'homogeneous', 'heterogeneous'] },
  },
  {
    section: 'landscape',
    title: 'The landscape of fixed activations',
    text: 'Each cell is a network trained with one fixed (n, s), three seeds each. Bright is better; the ring marks the best cell. Hover a cell for its spread across seeds.',
    patch: { ...taskPatch('rows'), lmetric: 'accuracy' },
  },
  {
    section: 'landscape',
    title: 'Another task, another best activation',
    text: 'The same map for the flip-flop memory task. Does the best cell move? Below, train a per-neuron network on two tasks and compare where their neurons end up.',
    patch: { ...taskPatch('flipflop'), lmetric: 'accuracy' },
  },
  {
    section: 'dynamics',
    title: 'Memory, chaos and how far gradients reach',
    text: 'While the Train section’s network learns, λ₁ says what it does to a small difference in its state: shrink it (negative: it forgets), keep it (near zero), or blow it up (positive: chaos). The maps show, for untrained networks, which (n, s) let gradients reach far back.',
    patch: { ...taskPatch('rows'), mode: 'homogeneous' },
  },
  {
    section: 'shift',
    title: 'When the input changes',
    text: 'With the Train section’s network trained, press ▶ Run the experiment: the input’s loudness now pulses. Watch accuracy drop, then compare letting only n and s adapt with letting only the biases adapt.',
    patch: { ...taskPatch('rows'), shift: 'sine', amp: 0.5, freq: 1, phase: 0 },
  },
];

/** The step numbered k (1-based), or undefined for 0 and out of range. */
export function tourStep(k: number): TourStep | undefined {
  return Number.isInteger(k) && k >= 1 ? TOUR[k - 1] : undefined;
}

/** The store update that goes to step k: its settings, its number, and its section shown. */
export function tourPatch(k: number, st: AppState): Partial<AppState> {
  const step = tourStep(k);
  if (!step) return { tour: 0 };
  const id = step.section;
  const panels = PANELS.filter((p) => st.panels.includes(p) || p === id);
  return { ...step.patch, panels, tour: k };
}

/** Whether the state holds every setting of step k (a link naming only the step does not). */
export function atTourStep(k: number, st: AppState): boolean {
  const step = tourStep(k);
  if (!step) return false;
  return Object.entries(step.patch).every(([key, v]) => {
    const have = st[key as keyof AppState];
    return Array.isArray(v) && Array.isArray(have) ? v.length === have.length && v.every((x, i) => x === have[i]) : have === v;
  });
}
