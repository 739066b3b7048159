/** The network the Train section trains, typeset: the recurrence, the read-out, and per-neuron γ in heterogeneous mode. */
import { useAppState } from '../../app/useAppState';
import { Formula } from '../formula/Formula';
import common from '../../app/common.module.css';
import narrative from '../narrative/narrative.module.css';

export function NetworkEquations() {
  const perNeuron = useAppState((st) => st.mode === 'heterogeneous');
  const fixed = useAppState((st) => st.mode === 'tanh' || st.mode === 'relu');
  return (
    <div className={narrative.networkEquations} data-testid="network-equations">
      <Formula id="network" />
      {perNeuron && <Formula id="perNeuron" small />}
      <Formula id="readout" small />
      <p className={common.mutedText}>
        Each step the input x<sub>t</sub> and the previous state h<sub>t−1</sub> are mixed by the weights U and V, and every neuron
        passes the sum through {fixed ? 'its fixed activation (tanh or ReLU, as chosen)' : perNeuron ? 'its own γ' : 'γ'}. The read-out W<sub>o</sub>{' '}
        turns the state into class probabilities (at the last step, or at every step for copy and flip-flop).
      </p>
    </div>
  );
}
