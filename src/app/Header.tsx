/** Title, one-line pitch and the paper the page is built on. */
import { PAPER } from './paper';
import { TourEntry } from '../panels/tour/TourEntry';

export function Header() {
  return (
    <header className="site-header">
      <h1>Adaptive activations in recurrent networks</h1>
      <p className="pitch">
        Two numbers shape how a neuron responds to its input. Move them, and let a recurrent network learn its own.
      </p>
      <p className="paper-cite" data-testid="paper-cite">
        An explorable of {PAPER.authors}, <cite>{PAPER.title}</cite>,{' '}
        <a href={PAPER.url} rel="noopener">
          arXiv:{PAPER.arxiv}
        </a>{' '}
        ({PAPER.year}).
      </p>
      <TourEntry />
    </header>
  );
}
