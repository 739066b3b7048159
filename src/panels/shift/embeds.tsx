/** Default export for the lazily loaded embed entry #embed=shift. */
import { ShiftFigure } from './ShiftFigure';

export const ShiftEmbed = () => <ShiftFigure />;
