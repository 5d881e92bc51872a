import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGS } from '../../src/nlu/intent-ids';
import { dataDirFor, MODEL_SPECS } from '../../src/nlu/model-spec';
import { loadTrainingSet } from '../../src/nlu/training-data';
import { validateTrainingSet } from '../../src/nlu/validate-training-data';

function writeIntentDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-intents-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const problemsOf = (files: Record<string, string>) => {
  const dir = writeIntentDir(files);
  return validateTrainingSet(loadTrainingSet(dir, 'de'), MODEL_SPECS.intents, 'de');
};

describe('validateTrainingSet', () => {
  it('should accept the project’s own training files', () => {
    for (const lang of LANGS) {
      const set = loadTrainingSet(dataDirFor(MODEL_SPECS.intents, lang), lang);
      expect(validateTrainingSet(set, MODEL_SPECS.intents, lang)).toEqual([]);
      expect(set.examples.length).toBeGreaterThan(500);
    }
  });

  it('should reject an unknown intent id, naming file and line', () => {
    const problems = problemsOf({
      'objection.unknown.yml': 'intent: objection.unknown\nexamples: |\n  - irgendwas\n',
    });
    const unknown = problems.find((p) => p.message.includes('unknown intent id'));
    expect(unknown?.file).toMatch(/objection\.unknown\.yml$/);
    expect(unknown?.line).toBe(3);
  });

  it('should reject a duplicate inside one intent with both lines', () => {
    const problems = problemsOf({
      'greeting.yml': 'intent: greeting\nexamples: |\n  - Hallo\n  - Guten Tag\n  - hallo!\n',
    });
    const duplicate = problems.find((p) => p.message.startsWith('duplicate'));
    expect(duplicate).toMatchObject({ line: 5 });
    expect(duplicate?.message).toMatch(/greeting\.yml:3$/);
  });

  it('should reject one example under two intents', () => {
    const problems = problemsOf({
      'affirm.yml': 'intent: affirm\nexamples: |\n  - ja gerne\n',
      'thanks.yml': 'intent: thanks\nexamples: |\n  - danke\n  - Ja, gerne!\n',
    });
    const twice = problems.find((p) => p.message.includes('also under "affirm"'));
    expect(twice?.file).toMatch(/thanks\.yml$/);
    expect(twice?.line).toBe(4);
  });

  it('should report missing contract intents and malformed lines', () => {
    const problems = problemsOf({
      'greeting.yml': 'intent: greeting\nexamples: |\n  - Hallo\n  Servus\n',
    });
    expect(problems.some((p) => p.message.includes('must start with "- "') && p.line === 4)).toBe(
      true,
    );
    expect(
      problems.some((p) => p.message.includes('no examples for "objection.knows_nobody"')),
    ).toBe(true);
  });

  it('should reject an unknown key at its line, by the schema', () => {
    const problems = problemsOf({
      'greeting.yml': 'intent: greeting\nexamples: |\n  - Hallo\nexampels: |\n  - Servus\n',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 4, message: 'unknown key "exampels"' }),
    );
  });

  it('should reject an intent that does not match its file name, and broken YAML', () => {
    const problems = problemsOf({
      'greeting.yml': 'intent: goodbye\nexamples: |\n  - Tschüss\n',
      'thanks.yml': 'intent: [thanks\n',
    });
    expect(problems.some((p) => p.message.includes('does not match the file name'))).toBe(true);
    expect(
      problems.some((p) => p.file.endsWith('thanks.yml') && p.message.startsWith('YAML error')),
    ).toBe(true);
  });
});
