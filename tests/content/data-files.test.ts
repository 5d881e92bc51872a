import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDataFiles } from '../../src/content/check-data-files';
import { DataFileError, formatProblem } from '../../src/content/data-file';
import { DATA_FILES, jsonSchemaPath } from '../../src/content/data-files';
import { jsonSchemas, schemaModeline } from '../../src/content/json-schemas';
import { loadContent } from '../../src/engine/content';
import { CrisisDetector } from '../../src/nlu/crisis-detector';
import { PROJECT_ROOT } from '../../src/nlu/model-spec';

// A copy of the project's data in a temporary root, so a test may break it freely.
function dataCopy(): { root: string; edit(file: string, change: (text: string) => string): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-data-'));
  for (const part of ['intents', 'responses'])
    fs.cpSync(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
  return {
    root,
    edit(file, change) {
      const full = path.join(root, file);
      const text = fs.readFileSync(full, 'utf8');
      const changed = change(text);
      if (changed === text) throw new Error(`the edit of ${file} changed nothing`);
      fs.writeFileSync(full, changed);
    },
  };
}

// The line of the first occurrence of a text in a file of the copy.
function lineOf(root: string, file: string, text: string): number {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes(text)) + 1;
}

describe('the data files', () => {
  it('should all match their schemas', () => {
    expect(checkDataFiles().map(formatProblem)).toEqual([]);
  });

  it('should report every problem of every file at once, each at file:line with its key', () => {
    const data = dataCopy();
    data.edit('responses/flows.yml', (t) =>
      t
        .replace('expect: yesno', 'expect: yes-no')
        .replace('on_deny: last_job', 'on-deny: last_job')
        .replace('action: inventory', 'action: inventar'),
    );
    data.edit('responses/en.yml', (t) => t.replace('    channel: slack', '    channel: slak'));
    data.edit('responses/lexicon.yml', (t) => t.replace('\ndont_know:', '\ndont_knows:'));
    data.edit('intents/crisis-patterns.yml', (t) =>
      t.replace('  clear:\n', '  clear:\n    - (unclosed\n'),
    );
    data.edit('responses/telegram-commands.yml', (t) => t.replace('  hilfe:', '  Hilfe:'));
    data.edit('intents/en/thanks.yml', (t) => `${t}exampels: |\n  - cheers\n`);
    const problems = checkDataFiles(data.root).map(formatProblem);
    const flows = (text: string) => lineOf(data.root, 'responses/flows.yml', text);
    expect(problems).toEqual(
      expect.arrayContaining([
        `responses/flows.yml:${flows('yes-no')}: flows.objection.knows_nobody.steps.kn_count.expect: must be one of "open", "yesno", "none"`,
        `responses/flows.yml:${flows('on-deny')}: flows.objection.knows_nobody.steps.kn_count: unknown key "on-deny"`,
        expect.stringMatching(
          new RegExp(
            `^responses/flows.yml:${flows('inventar')}: shared_steps.inventory.action: must be one of "inventory"`,
          ),
        ),
        expect.stringMatching(
          /^responses\/en\.yml:\d+: commands\.1\.channel: must be one of "terminal", "telegram", "slack"$/,
        ),
        `responses/lexicon.yml:${lineOf(data.root, 'responses/lexicon.yml', 'dont_knows:')}: unknown key "dont_knows"`,
        expect.stringMatching(/^responses\/lexicon\.yml:\d+: dont_know: missing/),
        expect.stringMatching(
          new RegExp(
            `^intents/crisis-patterns.yml:${lineOf(data.root, 'intents/crisis-patterns.yml', '(unclosed')}: de.clear.0: invalid pattern`,
          ),
        ),
        expect.stringMatching(/^responses\/telegram-commands\.yml:\d+: de\.Hilfe: .*1–32 of a–z/),
        expect.stringMatching(/^intents\/en\/thanks\.yml:\d+: unknown key "exampels"/),
      ]),
    );
  });

  it('should refuse to load content that does not match, listing the problems, never a TypeError', () => {
    const data = dataCopy();
    data.edit('responses/lexicon.yml', (t) => t.replace('\nyes:', '\njes:'));
    data.edit('responses/practice.yml', (t) =>
      t.replace('turns_per_round: 3', 'turns_per_round: drei'),
    );
    const load = () => loadContent(path.join(data.root, 'responses'));
    expect(load).toThrow(DataFileError);
    expect(load).toThrow(/responses\/lexicon\.yml:\d+: unknown key "jes"/);
    expect(load).toThrow(/responses\/practice\.yml:\d+: turns_per_round: expected number/);
  });

  it('should stop the crisis layer from loading a pattern that does not compile, naming its line', () => {
    const data = dataCopy();
    data.edit('intents/crisis-patterns.yml', (t) =>
      t.replace('  possible:\n', '  possible:\n    - oops)\n'),
    );
    const file = path.join(data.root, 'intents', 'crisis-patterns.yml');
    const line = lineOf(data.root, 'intents/crisis-patterns.yml', 'oops)');
    expect(() => CrisisDetector.load(file)).toThrow(
      new RegExp(`crisis-patterns\\.yml:${line}: de\\.possible\\.0: invalid pattern`),
    );
  });

  it('should publish each schema as JSON Schema, and name it in the first line of each file', () => {
    for (const [name, text] of jsonSchemas())
      expect([
        name,
        fs.readFileSync(path.join(PROJECT_ROOT, jsonSchemaPath(name)), 'utf8'),
      ]).toEqual([name, text]);
    for (const { file, jsonSchema } of DATA_FILES) {
      const first = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n')[0];
      expect([file, first]).toEqual([file, schemaModeline(file, jsonSchema)]);
    }
  });
});
