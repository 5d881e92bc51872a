import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadCoachTexts } from '../../src/channels/slack/coach-texts';
import { loadContent, VOICES } from '../../src/engine/content';
import { ENGINE_RESPONSE_KEYS, type ResponseKey } from '../../src/engine/response-keys';
import { requiredKeys, validateContent } from '../../src/engine/validate-content';

const ROOT = path.join(__dirname, '..', '..');

// Every .ts file under a folder, as one text.
function sourceOf(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('responses/', () => {
  it('should hold every flow and every text in all three voices', () => {
    expect(validateContent(loadContent())).toEqual([]);
  });

  it('should report a text missing from one voice', () => {
    const content = loadContent();
    delete content.texts['de-du']['knows_nobody.ack'];
    expect(validateContent(content)).toContain('responses/de-du.yml: missing "knows_nobody.ack"');
  });

  it('should report a choice no step says and a button no step offers', () => {
    const content = loadContent();
    const choices = content.choices['inventory.result'] ?? [];
    delete content.choices['inventory.result'];
    content.choices['inventory.resultat'] = choices;
    content.buttons.maybe = 'choice';
    const problems = validateContent(content).filter((p) => p.startsWith('responses/flows.yml'));
    expect(problems).toEqual([
      'responses/flows.yml: choices: no step says "inventory.resultat"',
      'responses/flows.yml: buttons: no step offers "maybe"',
    ]);
  });

  it('should report a step that leads nowhere and an unknown placeholder', () => {
    const content = loadContent();
    const flow = content.flows['objection.withdrawn'];
    if (flow?.steps.wd_people) flow.steps.wd_people.next = 'nowhere';
    content.texts.en['withdrawn.ack'] = [{ text: 'Hello {name}' }];
    const problems = validateContent(content);
    expect(problems).toContain(
      'responses/flows.yml: objection.withdrawn: step "wd_people" leads to unknown step "nowhere"',
    );
    expect(problems).toContain('responses/en.yml: "withdrawn.ack" uses unknown placeholder {name}');
  });
});

// The compiler holds the code to ResponseKey; these hold the list and the files to each other.
describe('the content contract', () => {
  const content = loadContent();

  // Keys of a voice that nothing says: not the code, flows.yml, a declared pattern or /einwand.
  const unusedKeys = (c: typeof content, voice: (typeof VOICES)[number]): string[] => {
    const used = requiredKeys(c);
    for (const keys of Object.values(loadCoachTexts().questions))
      for (const key of keys) used.add(key);
    const constraints = Object.keys(c.lexicon.constraints);
    // "<key>.if_<constraint>" is said instead of a used key when a circumstance rules it out.
    const fitting = (key: string) =>
      constraints.some(
        (id) => key.endsWith(`.if_${id}`) && used.has(key.slice(0, -`.if_${id}`.length)),
      );
    return Object.keys(c.texts[voice]).filter((key) => !used.has(key) && !fitting(key));
  };

  it('should use every key of responses/ (from code, flows.yml, a declared pattern or /einwand)', () => {
    for (const voice of VOICES) expect([voice, unusedKeys(content, voice)]).toEqual([voice, []]);
  });

  it('should find a key nothing says, and a fitting alternative of a key nothing says', () => {
    const changed = loadContent();
    changed.texts.en['knows_nobody.forgotten'] = [{ text: 'Nobody says this.' }];
    changed.texts.en['knows_nobody.forgotten.if_mobility'] = [{ text: 'Nor this.' }];
    changed.texts.en['knows_nobody.ack.if_mobility'] = [{ text: 'But this one, instead of ack.' }];
    expect(unusedKeys(changed, 'en')).toEqual([
      'knows_nobody.forgotten',
      'knows_nobody.forgotten.if_mobility',
    ]);
  });

  it('should not compile a key outside the contract (checked by npm run typecheck)', () => {
    const say = (key: ResponseKey): string => key;
    // @ts-expect-error: a typo is no response key
    say('welcom');
    // @ts-expect-error: no objection has this prefix
    say('practice.say.knows_nobod');
    expect([say('welcome'), say('practice.say.knows_nobody'), say('move.other')]).toHaveLength(3);
  });

  it('should name every key of ENGINE_RESPONSE_KEYS somewhere in the code', () => {
    const source = sourceOf(path.join(ROOT, 'src')).replace(
      fs.readFileSync(path.join(ROOT, 'src', 'engine', 'response-keys.ts'), 'utf8'),
      '',
    );
    const quoted = (text: string) => source.includes(`'${text}'`) || source.includes(`\`${text}\``);
    // A key is named whole, or as a template ("practice.reason.${reason}", "button.${id}") whose
    // last part the code names ('best', ctx.button('human')).
    const named = (key: string) => {
      const last = key.slice(key.lastIndexOf('.') + 1);
      const parent = key.slice(0, key.lastIndexOf('.'));
      return quoted(key) || (source.includes(`\`${parent}.\${`) && quoted(last));
    };
    const unnamed = ENGINE_RESPONSE_KEYS.filter((key) => !named(key));
    expect(unnamed).toEqual([]);
  });

  it('should keep the voices in the same keys as the master de-sie.yml', () => {
    const keysOf = (voice: string) =>
      Object.keys(parse(fs.readFileSync(path.join(ROOT, 'responses', `${voice}.yml`), 'utf8')));
    const master = keysOf('de-sie');
    for (const voice of ['de-du', 'en']) {
      const keys = new Set(keysOf(voice));
      expect([voice, master.filter((k) => !keys.has(k))]).toEqual([voice, []]);
    }
  });
});
