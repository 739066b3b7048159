/** Title, one-line pitch and the paper the page is built on. */
import { PAPER } from './paper';
import { TourEntry } from '../panels/tour/TourEntry';
import styles from './header.module.css';

export function Header() {
  return (
    <header className={styles.siteHeader}>
      <h1>Adaptive activations in recurrent networks</h1>
      <p className={styles.pitch}>
        Two numbers shape how a neuron responds to its input. Move them, and let a recurrent network learn its own.
      </p>
      <p className={styles.paperCite} data-testid="paper-cite">
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
