import {
  coachText,
  loadCoachTexts,
  validateCoachTexts,
  type CoachTexts,
} from '../../../src/channels/slack/coach-texts';
import { VOICES } from '../../../src/engine/content';
import { OBJECTION_INTENTS } from '../../../src/nlu/intent-ids';
import { realParts } from '../../helpers/test-engine';

describe('responses/slack-coach.yml', () => {
  const coach = loadCoachTexts();
  const { content } = realParts();
  const copy = (): CoachTexts => JSON.parse(JSON.stringify(coach)) as CoachTexts;

  it('should be complete: every voice every key, two or three existing questions per objection', () => {
    expect(validateCoachTexts(coach, content)).toEqual([]);
    for (const objection of OBJECTION_INTENTS) {
      expect(coach.questions[objection]?.length).toBeGreaterThanOrEqual(2);
      expect(coach.questions[objection]?.length).toBeLessThanOrEqual(3);
    }
    for (const voice of VOICES)
      expect(coach.texts[voice]['analysis.crisis']).toContain('0800 111 0 111');
  });

  it('should report a key one voice lacks', () => {
    const broken = copy();
    delete broken.texts['de-du']['analysis.ask_next'];
    expect(validateCoachTexts(broken, content)).toEqual([
      'responses/slack-coach.yml: de-du lacks "analysis.ask_next"',
    ]);
  });

  it('should report a question key responses/ does not have, and a wrong number of questions', () => {
    const broken = copy();
    broken.questions['objection.withdrawn'] = ['withdrawn.ask_people', 'withdrawn.no_such_key'];
    broken.questions['objection.cv_focus'] = ['cv_focus.ask_balance'];
    const problems = validateCoachTexts(broken, content);
    expect(problems).toContain(
      'responses/de-sie.yml: missing "withdrawn.no_such_key" (a question of /einwand)',
    );
    expect(problems).toContain(
      'responses/slack-coach.yml: questions of objection.cv_focus must be 2 or 3 keys',
    );
  });

  it('should refuse a question with a placeholder /einwand cannot fill', () => {
    const broken = copy();
    broken.questions['objection.knows_nobody'] = ['knows_nobody.offer_count', 'inventory.ask'];
    expect(validateCoachTexts(broken, content)).toContain(
      'responses/en.yml: "inventory.ask" has a placeholder; /einwand cannot fill it',
    );
  });

  it('should fill placeholders and name a missing key', () => {
    expect(coachText(coach, 'de-sie', 'analysis.alternative', { label: 'X', percent: 12 })).toBe(
      'Vielleicht auch: X (12 %)',
    );
    expect(() => coachText(coach, 'en', 'no.such.key')).toThrow(
      'responses/slack-coach.yml: en has no "no.such.key"',
    );
  });
});
