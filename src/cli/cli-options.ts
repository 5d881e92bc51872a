import { isLang, type Lang } from '../nlu/intent-ids';
import { isModelName, type ModelName } from '../nlu/model-spec';

/** The options every command understands. */
export interface CliOptions {
  lang?: Lang;
  model: ModelName;
  json: boolean;
  compare: boolean;
  /** With --compare: leave out the learners that take minutes per fold. */
  fast: boolean;
  /** chat: write charts as PNG files (default); --no-images shows only their text version. */
  images: boolean;
  /** Arguments that are not options. */
  rest: string[];
}

/** A command-line mistake, reported with usage and exit code 2. */
export class UsageError extends Error {}

/** Parses `--lang de`, `--lang=de`, `--model practice`, `--json`, `--compare`. */
export function parseOptions(args: string[]): CliOptions {
  const options: CliOptions = {
    model: 'intents',
    json: false,
    compare: false,
    fast: false,
    images: true,
    rest: [],
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = (args[i] ?? '').split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--lang') {
      const lang = value();
      if (!isLang(lang)) throw new UsageError(`--lang must be de or en, not "${lang}"`);
      options.lang = lang;
    } else if (flag === '--model') {
      const model = value();
      if (!isModelName(model))
        throw new UsageError(`--model must be intents, practice or answers, not "${model}"`);
      options.model = model;
    } else if (flag === '--json') options.json = true;
    else if (flag === '--compare') options.compare = true;
    else if (flag === '--fast') options.fast = true;
    else if (flag === '--no-images') options.images = false;
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else options.rest.push(args[i] ?? '');
  }
  return options;
}
