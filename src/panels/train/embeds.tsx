/** Default exports for the lazily loaded embed entries (#embed=<figure>). */
import { ActivationFigure, LossFigure, PhasePlaneFigure, PortraitFigure, PreactFigure } from './figures';

export const LossEmbed = () => <LossFigure />;
export const ActivationEmbed = () => <ActivationFigure />;
export const PortraitEmbed = () => <PortraitFigure />;
export const PreactEmbed = () => <PreactFigure />;
export const PhasePlaneEmbed = () => <PhasePlaneFigure />;
