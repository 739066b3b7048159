/** Default exports for the lazily loaded embeds #embed=landscape and #embed=solutions. */
import { LandscapeFigure } from './LandscapeFigure';
import { SolutionsFigure } from '../solutions/SolutionsFigure';

export const LandscapeEmbed = () => <LandscapeFigure />;
export const SolutionsEmbed = () => <SolutionsFigure />;
