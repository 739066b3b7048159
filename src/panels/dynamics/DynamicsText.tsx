/** The Dynamics section's plain words: what λ₁ says about memory and trainability, and what the maps show. */
import styles from './dynamicsPanel.module.css';

export function LyapunovWords() {
  return (
    <div className={styles.dynWords} data-testid="dynamics-words">
      <div>
        <h3>λ₁ &gt; 0: chaotic</h3>
        <p>
          Two almost equal states drift apart, by λ₁ bits per step. The network’s state soon depends on tiny details of its
          past, so what it remembers is scrambled; gradients through time tend to explode, and training is erratic.
        </p>
      </div>
      <div>
        <h3>λ₁ ≈ 0: at the edge</h3>
        <p>
          Differences neither grow nor fade. Information about past inputs persists for many steps, and gradients pass back
          through many steps without vanishing or exploding: the regime where long memories are easiest to learn.
        </p>
      </div>
      <div>
        <h3>λ₁ &lt; 0: contracting</h3>
        <p>
          Differences shrink by |λ₁| bits per step (halving every 1/|λ₁| steps). The network is stable but forgets: inputs older
          than a few halvings barely matter, and gradients from far back vanish, so long dependencies are hard to learn.
        </p>
      </div>
    </div>
  );
}

export function MapWords() {
  return (
    <p className={styles.dynText}>
      Before any training, the activation alone decides much of this. The two maps below hold the weights fixed (the
      initialisation the Train section uses, for its network size and seed) and change only n and s. Where one step’s
      Jacobian has norm near 1 (the solid line), error signals survive many steps back; to its left they vanish, and above the
      dashed sup γ′ = 1 curve some neurons can amplify. The mutual information map shows how much the state still says
      about the inputs that just went in. Both are computed in a background worker, coarse first and then refined; the
      page keeps them for the rest of the visit.
    </p>
  );
}
