import { z } from 'zod';
import { ANSWER_KINDS } from '../nlu/answer-acts';
import { OBJECTION_INTENTS } from '../nlu/intent-ids';
import { PRACTICE_LABELS } from '../nlu/model-spec';

// The schemas of every data file: the one source of the types the loaders return, of the
// checks `tueroeffner validate` and the start run, and of the JSON Schema files in schemas/
// that editors use to complete and underline. Objects are strict: an unknown key is an error.

const CHANNEL_NAMES = ['terminal', 'telegram', 'slack'] as const;

/** A dotted response key: "knows_nobody.ack", "button.yes". */
const responseKey = z
  .string()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'must be a dotted key of lower-case words');
/** An id written in snake case: a step, a button, a persona. */
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case id');
const text = z.string().trim().min(1, 'must not be empty');
/** Words of one language (matched on the normalised text). */
const words = z.array(z.string().min(1));
const perLang = <T extends z.ZodType>(value: T) => z.strictObject({ de: value, en: value });
const perVoice = <T extends z.ZodType>(value: T) =>
  z.strictObject({ 'de-sie': value, 'de-du': value, en: value });

// === Training data: intents/<lang>/*.yml, intents/practice/<lang>/*.yml, intents/answers/<lang>/*.yml

/** One file of training phrases: one intent, its examples. */
export const trainingFileSchema = z
  .strictObject({
    intent: z
      .string()
      .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'must be a dotted intent id')
      .meta({ description: 'The intent id; the file is named <intent>.yml.' }),
    examples: z.union([z.string(), z.array(z.string())]).meta({
      description: 'A block ("examples: |") of lines, each starting with "- ".',
    }),
  })
  .meta({ title: 'Türöffner training phrases' });

// === intents/crisis-patterns.yml

const pattern = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `invalid pattern: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
});
const patterns = z.array(pattern).optional();
const crisisTiers = z.strictObject({
  not_crisis: patterns.meta({ description: 'Spans cut out first: idioms and negations.' }),
  negated: patterns.meta({
    description: 'A crisis word under a negation: a clear statement becomes the gentle question.',
  }),
  third_party: patterns.meta({ description: 'Someone else is at risk.' }),
  clear: patterns.meta({ description: 'Explicit thoughts of suicide or self-harm.' }),
  possible: patterns.meta({ description: 'Despair and hopelessness.' }),
  keywords: z
    .array(z.string().min(1))
    .optional()
    .meta({ description: 'Single words that also count with one typo.' }),
});
/** The safety layer's patterns per language and tier. */
export const crisisPatternsSchema = perLang(crisisTiers).meta({
  title: 'Türöffner crisis patterns',
});

// === responses/flows.yml

/** A response key named in responses/flows.yml; "$." stands for the flow's prefix. */
export const flowKeySchema = z
  .string()
  .regex(
    /^(\$\.)?[a-z0-9_]+(\.[a-z0-9_]+)*$/,
    'must be a response key; "$." stands for the flow\'s prefix',
  )
  .brand<'FlowKey'>();
const sayKey = flowKeySchema;
/** One step of a coaching flow. */
const stepSchema = z.strictObject({
  say: z.array(sayKey).optional().meta({ description: 'Response keys said on entering.' }),
  expect: z.enum(['open', 'yesno', 'none']).optional(),
  asks: z.enum(ANSWER_KINDS).optional(),
  buttons: z.array(id).optional(),
  next: id.optional(),
  on_deny: id.optional(),
  on_feeling: id.optional(),
  action: z.enum(['inventory', 'pitch', 'remember_last_job', 'commit', 'end']).optional(),
  skip_if: z.enum(['known_last_job', 'known_pitch']).optional(),
  skip_to: id.optional(),
  hold: z.boolean().optional(),
});
const flowSchema = z.strictObject({
  angles: z.array(id).min(1),
  steps: z.record(id, stepSchema),
});
/** What a quick-reply button means in a yes/no step. */
export const BUTTON_MEANINGS = ['yes', 'no', 'choice'] as const;
/** When the engine says another key instead of a flow's key. */
const conditionSchema = z.union([
  z.strictObject({ last_job: z.enum(['person', 'chance', 'other']) }),
  z.strictObject({ network_total_at_least: z.number().int().positive() }),
  z.strictObject({ lead: z.literal(true) }),
]);
/** One entry of flows.yml "choices": the key said instead when the condition holds. */
export const keyChoiceSchema = z.strictObject({ if: conditionSchema.optional(), say: sayKey });
/** The coaching flows, their shared steps, buttons and inventory circles. */
export const flowsFileSchema = z
  .strictObject({
    flows: z.record(z.enum(OBJECTION_INTENTS), flowSchema),
    shared_steps: z.record(id, stepSchema),
    choices: z.record(sayKey, z.array(keyChoiceSchema).min(1)).meta({
      description: 'Keys the engine replaces by what the user told: the first entry that holds.',
    }),
    buttons: z.record(id, z.enum(BUTTON_MEANINGS)),
    inventory_circles: z.array(id).min(1),
  })
  .meta({ title: 'Türöffner coaching flows' });

// === responses/{de-sie,de-du,en}.yml

const variantSchema = z.union([
  text,
  z.strictObject({ text, channel: z.enum(CHANNEL_NAMES).optional() }),
]);
/** The texts of one voice: each key holds one variant or a list of them. */
export const voiceFileSchema = z
  .record(responseKey, z.union([variantSchema, z.array(variantSchema).min(1)]))
  .meta({ title: 'Türöffner responses of one voice' });

// === responses/lexicon.yml

const lastJobPathSchema = z.strictObject({
  person: z.boolean(),
  de: words,
  en: words,
  via: perVoice(text),
});
const roleSchema = z.strictObject({
  de: words,
  en: words,
  noun: text,
  dative: text.optional(),
  gender: z.enum(['m', 'f']),
  en_noun: text,
});
/** The words Türöffner reads in answers. */
export const lexiconFileSchema = z
  .strictObject({
    commands: z.record(id, words),
    dont_know: perLang(words),
    yes: perLang(words),
    no: perLang(words),
    crisis_relief: perLang(words),
    crisis_go_on: perLang(words),
    skip: perLang(words),
    done: perLang(words),
    numbers: perLang(z.record(z.string().min(1), z.number().int().nonnegative())),
    language_hints: perLang(words),
    last_job_paths: z.record(id, lastJobPathSchema),
    roles: z.record(id, roleSchema),
    constraints: z.record(id, perLang(words)).optional(),
  })
  .meta({ title: 'Türöffner lexicon' });

// === responses/practice.yml

const move = z.enum(PRACTICE_LABELS);
/** How practice mode scores. */
export const practiceFileSchema = z
  .strictObject({
    turns_per_round: z.number().int().positive(),
    personas: z.array(id).min(1),
    always_good: z.array(move).optional(),
    objections: z.partialRecord(
      z.enum(OBJECTION_INTENTS),
      z.strictObject({ best: z.array(move), good: z.array(move) }),
    ),
  })
  .meta({ title: 'Türöffner practice mode' });

// === responses/slack-coach.yml

const coachTexts = z.record(responseKey, text);
/** The texts and settings of the Slack coach tools. */
export const slackCoachFileSchema = z
  .strictObject({
    questions: z.record(z.enum(OBJECTION_INTENTS), z.array(responseKey)),
    confidence_levels: z.strictObject({
      high: z.number().min(0).max(1),
      medium: z.number().min(0).max(1),
    }),
    'de-sie': coachTexts,
    'de-du': coachTexts,
    en: coachTexts,
  })
  .meta({ title: 'Türöffner Slack coach texts' });

// === responses/telegram-commands.yml

const menu = z.record(
  z.string().regex(/^[a-z0-9_]{1,32}$/, 'a Telegram command is 1–32 of a–z, 0–9, _'),
  z.string().min(1).max(256),
);
/** The command menus Telegram shows, per language. */
export const telegramCommandsFileSchema = perLang(menu).meta({
  title: 'Türöffner Telegram command menus',
});

// === responses/pitch.yml

const registers = ['standard', 'casual', 'formal'] as const;
const pitchTemplates = z.strictObject({
  who: text,
  strength: text,
  looking: text,
  ask: text,
  ask_short: text,
});
const pitchParts = ['who', 'strength', 'looking'] as const;
/** How the elevator pitch is composed and a rehearsed one is read. */
export const pitchFileSchema = z
  .strictObject({
    parts: z.array(z.enum(pitchParts)).length(3),
    max_words: z.number().int().positive(),
    short_part_words: z.number().int().positive(),
    max_answer_chars: z.number().int().positive(),
    default_register: perVoice(z.enum(registers)),
    templates: perLang(
      z.strictObject({ standard: pitchTemplates, casual: pitchTemplates, formal: pitchTemplates }),
    ),
    first_person: perLang(words),
    example_markers: perLang(words),
    lower_case_words: perLang(words),
    vague: perLang(words),
    min_words: z.strictObject({
      who: z.number().int().nonnegative(),
      strength: z.number().int().nonnegative(),
      looking: z.number().int().nonnegative(),
    }),
    options: z.strictObject({
      keep: perLang(words),
      shorter: perLang(words),
      casual: perLang(words),
      formal: perLang(words),
      edit: perLang(words),
    }),
    rehearsal: z.strictObject({
      scenes: z.array(id).min(1),
      tries: z.number().int().positive(),
      words_per_second: z.number().positive(),
      min_words: z.number().int().nonnegative(),
      cues: z.strictObject({
        who: perLang(words),
        strength: perLang(words),
        looking: perLang(words),
        ask: perLang(words),
      }),
    }),
  })
  .meta({ title: 'Türöffner elevator pitch' });
