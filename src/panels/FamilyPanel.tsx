/**
 * Section 1, "The family": the γ curve, the (n, s) pad with sliders and boxes, live readouts, and a
 * short explanation. Every control writes the URL state; every figure reads it.
 */
import GammaFigure from './family/GammaFigure';
import PadFigure from './family/PadFigure';
import { ParamSliders } from './family/ParamSliders';
import { Readouts } from './family/Readouts';
import { FamilyFormula, FamilyText } from './family/FamilyText';
import common from '../app/common.module.css';
import styles from './family/family.module.css';

export default function FamilyPanel() {
  return (
    <div data-testid="family-panel">
      <p className={common.lede}>
        A neuron turns its input <var>x</var> into an output. Here that curve has two knobs, the gain <var>n</var> and the
        saturation <var>s</var>: drag the handle on the pad, or the sliders, and watch the curve morph from ReLU to
        sigmoid.
      </p>
      <FamilyFormula />
      <div className={styles.familyGrid}>
        <div className={styles.areaGamma}>
          <GammaFigure />
        </div>
        <div className={styles.areaPad}>
          <PadFigure />
        </div>
        <div className={styles.areaSliders}>
          <ParamSliders />
        </div>
        <div className={styles.areaReadouts}>
          <Readouts />
        </div>
      </div>
      <FamilyText />
    </div>
  );
}
