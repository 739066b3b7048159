/**
 * Figures that can be shown alone, full-bleed, with #embed=<id> (for an iframe). A new embeddable
 * figure is one entry here (its id is listed in FIGURES in schema.ts).
 */
import type { FigureId } from '../state/schema';
import { lazyEntry, type LazyEntry } from './lazyEntry';

export interface EmbedEntry extends LazyEntry {
  title: string;
}

export const EMBEDS: Partial<Record<FigureId, EmbedEntry>> = {
  gamma: { title: 'The activation γ(x; n, s)', ...lazyEntry(() => import('../panels/family/GammaFigure')) },
  pad: { title: 'The (n, s) pad', ...lazyEntry(() => import('../panels/family/PadFigure')) },
  loss: { title: 'Training loss and accuracy', ...lazyEntry(() => import('../panels/train/embeds').then((m) => ({ default: m.LossEmbed }))) },
  activation: { title: 'How the activation learns', ...lazyEntry(() => import('../panels/train/embeds').then((m) => ({ default: m.ActivationEmbed }))) },
  portrait: { title: 'Hidden-state portrait', ...lazyEntry(() => import('../panels/train/embeds').then((m) => ({ default: m.PortraitEmbed }))) },
  preact: { title: 'Where the neurons operate', ...lazyEntry(() => import('../panels/train/embeds').then((m) => ({ default: m.PreactEmbed }))) },
  phaseplane: { title: 'Phase plane of two neurons', ...lazyEntry(() => import('../panels/train/embeds').then((m) => ({ default: m.PhasePlaneEmbed }))) },
  shift: { title: 'Recovery after the inputs change', ...lazyEntry(() => import('../panels/shift/embeds').then((m) => ({ default: m.ShiftEmbed }))) },
  compare: { title: 'Activations compared side by side', ...lazyEntry(() => import('../panels/compare/embeds').then((m) => ({ default: m.CompareEmbed }))) },
  lyapunov: { title: 'λ₁ across training', ...lazyEntry(() => import('../panels/dynamics/embeds').then((m) => ({ default: m.LyapunovEmbed }))) },
  spectrum: { title: 'Lyapunov spectrum of the current run', ...lazyEntry(() => import('../panels/dynamics/embeds').then((m) => ({ default: m.SpectrumEmbed }))) },
  gradients: { title: 'How far back gradients reach', ...lazyEntry(() => import('../panels/dynamics/embeds').then((m) => ({ default: m.GradientsEmbed }))) },
  gradmap: { title: 'Gradient propagation over (n, s)', ...lazyEntry(() => import('../panels/dynamics/embeds').then((m) => ({ default: m.GradMapEmbed }))) },
  mimap: { title: 'Mutual information over (n, s)', ...lazyEntry(() => import('../panels/dynamics/embeds').then((m) => ({ default: m.MiMapEmbed }))) },
  landscape: { title: 'Performance landscape over (n, s)', ...lazyEntry(() => import('../panels/landscape/embeds').then((m) => ({ default: m.LandscapeEmbed }))) },
  solutions: { title: 'Per-neuron solutions, task by task', ...lazyEntry(() => import('../panels/landscape/embeds').then((m) => ({ default: m.SolutionsEmbed }))) },
};
