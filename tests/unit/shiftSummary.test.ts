/** The shift experiment's sentence says what the reader's numbers show. */
import { describe, expect, it } from 'vitest';
import { shiftSentence } from '../../src/panels/shift/shiftSummary';

describe('the shift experiment in words', () => {
  it('names the drop, each way’s accuracy and share recovered, and which lever worked better', () => {
    const s = shiftSentence({
      before: 0.9,
      after: 0.5,
      start: 400,
      target: 200,
      finished: true,
      ways: [
        { id: 'none', label: 'do nothing', acc: 0.5, steps: 0, recovered: 0 },
        { id: 'activation', label: 're-adapt n and s only', acc: 0.8, steps: 200, recovered: 0.75 },
        { id: 'bias', label: 're-adapt the biases b only', acc: 0.6, steps: 200, recovered: 0.25 },
      ],
    });
    expect(s).toBe(
      'The change of inputs took test accuracy from 90.0 % to 50.0 %, a drop of 40.0 points. Re-adapt n and s only: 80.0 % after 200 steps (75 % of the drop recovered); re-adapt the biases b only: 60.0 % after 200 steps (25 % of the drop recovered). Here, re-adapting the activation alone recovered more than re-adapting the biases, a control with about as many free numbers.',
    );
  });

  it('gives no verdict while the ways stand at different steps', () => {
    const s = shiftSentence({
      before: 0.7,
      after: 0.6,
      start: 300,
      target: 150,
      finished: false,
      ways: [
        { id: 'activation', label: 're-adapt n and s only', acc: 0.69, steps: 105, recovered: 0.9 },
        { id: 'bias', label: 're-adapt the biases b only', acc: 0.68, steps: 150, recovered: 0.8 },
      ],
    });
    expect(s).toContain('So far, re-adapt n and s only: 69.0 % after 105 steps');
    expect(s).toContain('The verdict waits until every way has re-adapted 150 steps.');
    expect(s).not.toMatch(/Here/);
  });

  it('says so when the change barely mattered, and still reports each way', () => {
    const s = shiftSentence({ before: 0.1, after: 0.1, start: 60, target: 40, finished: true, ways: [{ id: 'all', label: 're-train everything', acc: 0.12, steps: 40, recovered: NaN }] });
    expect(s).toBe('The change of inputs barely mattered here: 10.0 % before, 10.0 % after. Re-train everything: 12.0 % after 40 steps.');
  });
});
