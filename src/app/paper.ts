/** The paper the explorable is built on, cited in the header and the family section. */
export const PAPER = {
  title: 'Advantages of biologically-inspired adaptive neural activation in RNNs during learning',
  authors: 'Geadah, Kerg, Horoi, Wolf & Lajoie',
  arxiv: '2006.12253',
  year: 2020,
  url: 'https://arxiv.org/abs/2006.12253',
} as const;
