/** Default export for the lazily loaded embed entry #embed=compare. */
import { CompareFigure } from './CompareFigure';

export const CompareEmbed = () => <CompareFigure />;
