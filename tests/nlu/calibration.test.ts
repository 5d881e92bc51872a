import { decide, type Calibration } from '../../src/nlu/calibration';
import { MODEL_SPECS } from '../../src/nlu/model-spec';

const labels = ['crisis', 'greeting', 'objection.knows_nobody', 'out_of_scope'];
const calibration: Calibration = {
  temperature: 1,
  fallbackBelow: 0.3,
  unclearBelow: 0.6,
  unclearMargin: 0.1,
  crisisAbove: 0.25,
};
const spec = MODEL_SPECS.intents;

describe('decide', () => {
  it('should take the top label when it is sure', () => {
    expect(decide([0.01, 0.01, 0.95, 0.03], labels, 'none', calibration, spec)).toMatchObject({
      intent: 'objection.knows_nobody',
      unclear: false,
    });
  });

  it('should let a crisis pattern win over any score', () => {
    expect(decide([0, 0, 1, 0], labels, 'clear', calibration, spec).intent).toBe('crisis');
  });

  it('should flag a possible crisis when the crisis probability passes its threshold and floor', () => {
    expect(decide([0.75, 0, 0.25, 0], labels, 'none', calibration, spec).intent).toBe(
      'crisis.possible',
    );
    // Above the calibrated threshold but under the policy's floor: no alarm from the model alone.
    expect(decide([0.3, 0, 0.7, 0], labels, 'none', calibration, spec).intent).toBe(
      'objection.knows_nobody',
    );
    expect(decide([0, 0, 0.9, 0.1], labels, 'possible', calibration, spec).intent).toBe(
      'crisis.possible',
    );
  });

  it('should never give the full crisis message from the model alone, nor flag a short answer', () => {
    expect(decide([0.99, 0, 0.01, 0], labels, 'none', calibration, spec).intent).toBe(
      'crisis.possible',
    );
    const short = decide([0.99, 0, 0.01, 0], labels, 'none', calibration, spec, { words: 3 });
    expect(short.intent).not.toMatch(/^crisis/);
  });

  it('should fall back to out_of_scope when nothing fits', () => {
    const decision = decide([0.05, 0.25, 0.2, 0.2], labels, 'none', calibration, spec);
    expect(decision.intent).toBe('out_of_scope');
    expect(decision.confidence).toBeCloseTo(0.75);
  });

  it('should call a small lead over the second label unclear, and rank the alternatives', () => {
    const decision = decide([0.0, 0.46, 0.5, 0.04], labels, 'none', calibration, spec);
    expect(decision).toMatchObject({ intent: 'objection.knows_nobody', unclear: true });
    expect(decision.ranking.map((r) => r.intent)).toEqual([
      'objection.knows_nobody',
      'greeting',
      'out_of_scope',
    ]);
  });

  it('should not run the crisis rules for the practice model', () => {
    const practiceLabels = ['other', 'technique.ask_evidence'];
    const practice = decide([0.1, 0.9], practiceLabels, 'clear', calibration, MODEL_SPECS.practice);
    expect(practice.intent).toBe('technique.ask_evidence');
  });
});
