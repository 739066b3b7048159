/** Default exports for the lazily loaded embed entries of the Dynamics figures (#embed=<figure>). */
import { GradMapFigure, MiMapFigure } from './mapFigures';
import { GradientsFigure, LyapunovFigure, SpectrumFigure } from './runFigures';

export const LyapunovEmbed = () => <LyapunovFigure />;
export const SpectrumEmbed = () => <SpectrumFigure />;
export const GradientsEmbed = () => <GradientsFigure />;
export const GradMapEmbed = () => <GradMapFigure />;
export const MiMapEmbed = () => <MiMapFigure />;
