/**
 * The page's formulas as TeX, with what a screen reader should say. They are typeset to MathML at
 * build time (npx tsx scripts/build-formulas.ts → mathml.generated.ts; a unit test checks the
 * generated file is current), so the page ships no TeX engine: MathML renders natively.
 */
export const FORMULAS = {
  gamma: {
    tex: String.raw`\gamma(x;\, n, s) = (1 - s)\,\operatorname{softplus}_n(x) + s\,\sigma(n x)`,
    label: 'gamma of x equals one minus s times softplus n of x, plus s times sigma of n x',
  },
  gammaParts: {
    tex: String.raw`\operatorname{softplus}_n(x) = \frac{\log\left(1 + e^{n x}\right)}{n}, \qquad \sigma(z) = \frac{1}{1 + e^{-z}}`,
    label: 'softplus n of x equals the log of one plus e to the n x, over n; sigma of z equals one over one plus e to the minus z',
  },
  network: {
    tex: String.raw`a_t = U x_t + V h_{t-1} + b, \qquad h_t = \gamma(a_t;\, n, s), \qquad h_0 = 0`,
    label: 'a t equals U x t plus V h t minus one plus b; h t equals gamma of a t with n and s; h zero equals zero',
  },
  readout: {
    tex: String.raw`\hat{y} = \operatorname{softmax}\left(W_o\, h_T + b_o\right)`,
    label: 'y hat equals softmax of W o h T plus b o',
  },
  perNeuron: {
    tex: String.raw`h_{t,i} = \gamma(a_{t,i};\, n_i, s_i)`,
    label: 'h t i equals gamma of a t i with n i and s i',
  },
} as const;

export type FormulaId = keyof typeof FORMULAS;
