import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/engine/content';
import { ENGINE_RESPONSE_KEYS, validateContent } from '../../src/engine/validate-content';

describe('responses/', () => {
  it('should hold every flow and every text in all three voices', () => {
    expect(validateContent(loadContent())).toEqual([]);
  });

  it('should list every response key the engine code says directly', () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'engine');
    const source = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const said = [...source.matchAll(/\bsay\('([\w.]+)'/g)].map((m) => m[1]);
    const labels = [...source.matchAll(/button\('[\w:.]+', '([\w.]+)'\)/g)].map((m) => m[1]);
    const buttons = [...source.matchAll(/button\('([\w_]+)'\)/g)].map((m) => `button.${m[1]}`);
    const texts = [...source.matchAll(/text\((?:voice|ctx\.voice), '([\w.]+)'\)/g)].map(
      (m) => m[1],
    );
    const lines = [...source.matchAll(/\{ key: '([\w.]+)'/g)].map((m) => m[1]);
    const used = [...said, ...labels, ...buttons, ...texts, ...lines];
    expect(used.length).toBeGreaterThan(20);
    expect(
      used.filter((key) => !(ENGINE_RESPONSE_KEYS as readonly string[]).includes(key ?? '')),
    ).toEqual([]);
  });

  it('should report a text missing from one voice', () => {
    const content = loadContent();
    delete content.texts['de-du']['knows_nobody.ack'];
    expect(validateContent(content)).toContain('responses/de-du.yml: missing "knows_nobody.ack"');
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
