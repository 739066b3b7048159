/** Plain-language explanation of the family for a classroom: the knobs, the landmarks, the f–I curve. */
import { PAPER } from '../../app/paper';
import { Formula } from '../formula/Formula';
import common from '../../app/common.module.css';
import styles from './family.module.css';

export function FamilyFormula() {
  return (
    <div className={styles.formula} data-testid="family-formula">
      <Formula id="gamma" />
      <Formula id="gammaParts" small />
    </div>
  );
}

export function FamilyText() {
  return (
    <div className={`${common.prose} ${styles.familyText}`}>
      <div>
        <h3>What the two numbers do</h3>
        <p>
          The <strong>gain</strong> <var>n</var> sets how sharply the curve bends: a small gain gives a gentle, almost
          straight ramp; a large gain a sharp corner or a sudden jump. The <strong>saturation</strong> <var>s</var> mixes
          two shapes. At <var>s</var> = 0 the neuron is a <em>rectifier</em>: nearly silent for negative input (exactly
          silent only as the gain grows without bound), and its output keeps growing with the input. At <var>s</var> = 1 it is a <em>sigmoid</em> that levels off at 1. In between,
          the curve rises, bends, and keeps climbing with slope 1 − <var>s</var>.
        </p>
      </div>
      <div>
        <h3>Four familiar functions</h3>
        <p>
          The usual activations are corners of this family: <span className={`${styles.lm} ${styles.lmSoftplus}`}>softplus</span> (
          <var>n</var> = 1, <var>s</var> = 0) and <span className={`${styles.lm} ${styles.lmSigmoid}`}>sigmoid</span> (<var>n</var> = 1,{' '}
          <var>s</var> = 1), and, as the gain grows without bound, <span className={`${styles.lm} ${styles.lmRelu}`}>ReLU</span> (
          <var>s</var> = 0) and the <span className={`${styles.lm} ${styles.lmStep}`}>step</span> (<var>s</var> = 1). The pad marks them; the
          faint curves show them next to yours.
        </p>
      </div>
      <div>
        <h3>Where the idea comes from: f–I curves</h3>
        <p>
          A biological neuron’s <em>f–I curve</em> plots its firing rate against the current injected into it. Below a
          threshold it does not fire at all (it <em>rectifies</em>); above, it fires faster with more current; and it
          cannot fire faster than its recovery time allows, so the curve levels off (it <em>saturates</em>). Real neurons
          reshape this curve as they adapt. The γ family copies that with two numbers, and a network can learn them
          along with its weights.
        </p>
      </div>
      <div>
        <h3>The shaded region</h3>
        <p>
          There the largest slope sup γ′ is above 1: somewhere, the neuron stretches small differences in its input.
          In a recurrent network that stretching is repeated at every time step, so activity and gradients can grow;
          outside it, with an orthogonal recurrent matrix (as the network starts here), they cannot grow. The edge is <var>s</var> = 1/(√<var>n</var> − 1)², the faint lines are other slopes.
        </p>
      </div>
      <p className={common.cite}>
        Built on {PAPER.authors}, <a href={PAPER.url}>{PAPER.title}</a> (arXiv:{PAPER.arxiv}, {PAPER.year}), where
        recurrent networks learn <var>n</var> and <var>s</var> with their weights: one pair shared by all neurons, or one
        pair per neuron.
      </p>
    </div>
  );
}
