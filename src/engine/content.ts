import path from 'node:path';
import type { z } from 'zod';
import { DataFileError, parseDataFile, type DataProblem } from '../content/data-file';
import {
  flowsFileSchema,
  keyChoiceSchema,
  lexiconFileSchema,
  pitchFileSchema,
  practiceFileSchema,
  voiceFileSchema,
  type BUTTON_MEANINGS,
} from '../content/schemas';
import type { Lang, ObjectionIntent } from '../nlu/intent-ids';
import { PROJECT_ROOT, type PracticeLabel } from '../nlu/model-spec';
import { normalizeText } from '../nlu/normalize';
import { readPitchDefinition, type PitchDefinition } from './pitch-definition';
import type { ChannelName } from './types';

/** The three ways Türöffner speaks. */
export const VOICES = ['de-sie', 'de-du', 'en'] as const;
export type Voice = (typeof VOICES)[number];

/** One way of saying a response, optionally only for one channel. */
export interface Variant {
  text: string;
  channel?: ChannelName;
}

/** What a step expects from the user. */
export type Expectation = NonNullable<StepDefinition['expect']>;

/** One step of a coaching flow, as written in responses/flows.yml. */
export type StepDefinition = z.output<typeof flowsFileSchema>['shared_steps'][string];

/** A coaching flow for one objection; its response keys start with {@link prefixOf}. */
export type FlowDefinition = z.output<typeof flowsFileSchema>['flows'][ObjectionIntent];

/** What a quick-reply button means in a yes/no step: yes, no, or a choice of its own. */
export type ButtonMeaning = (typeof BUTTON_MEANINGS)[number];

/** A key the engine says instead of a flow's key when the condition holds (responses/flows.yml "choices"). */
export type KeyChoice = z.output<typeof keyChoiceSchema>;

/** How a last job came about, as the lexicon describes it. */
export interface LastJobPath {
  id: string;
  person: boolean;
  keywords: Record<Lang, string[]>;
  via: Record<Voice, string>;
}

/** A kind of person a user may name as a contact, and how the bot says it back in each voice. */
export interface ContactRole {
  id: string;
  words: Record<Lang, string[]>;
  /** "Ihr Onkel" / "Ihren Onkel" / "Ihrem Onkel", "dein Onkel" / … , "your uncle". */
  forms: Record<Voice, { nominative: string; accusative: string; dative: string }>;
}

/** The words Türöffner reads in answers, normalised like user text. */
export interface Lexicon {
  commands: Record<string, string[]>;
  dontKnow: Record<Lang, string[]>;
  yes: Record<Lang, string[]>;
  no: Record<Lang, string[]>;
  crisisRelief: Record<Lang, string[]>;
  crisisGoOn: Record<Lang, string[]>;
  skip: Record<Lang, string[]>;
  done: Record<Lang, string[]>;
  numbers: Record<Lang, Record<string, number>>;
  languageHints: Record<Lang, Set<string>>;
  lastJobPaths: LastJobPath[];
  roles: ContactRole[];
  /** Circumstances that rule suggestions out, by id: "mobility", "no_fairs". */
  constraints: Record<string, Record<Lang, string[]>>;
}

/** How practice mode scores, from responses/practice.yml. */
export interface PracticeDefinition {
  turnsPerRound: number;
  personas: string[];
  objections: z.output<typeof practiceFileSchema>['objections'];
  /** Moves that help with every objection. */
  alwaysGood: PracticeLabel[];
}

/** Everything the engine says and how it walks, loaded from responses/. */
export interface Content {
  practice: PracticeDefinition;
  pitch: PitchDefinition;
  flows: Partial<Record<ObjectionIntent, FlowDefinition>>;
  sharedSteps: Record<string, StepDefinition>;
  /** The quick-reply buttons of flow steps and what each means in a yes/no step. */
  buttons: Record<string, ButtonMeaning>;
  /** Keys replaced by what the user told, in order: the first choice whose condition holds. */
  choices: Record<string, KeyChoice[]>;
  inventoryCircles: string[];
  texts: Record<Voice, Record<string, Variant[]>>;
  lexicon: Lexicon;
}

/**
 * Loads responses/: flows, the three voices, the lexicon and practice mode,
 * each checked against its schema. Throws a {@link DataFileError} listing every
 * problem of every file ("file:line: key: message") when one does not match.
 */
export function loadContent(dir = path.join(PROJECT_ROOT, 'responses')): Content {
  const problems: DataProblem[] = [];
  const read = <S extends z.ZodType>(name: string, schema: S): z.output<S> | undefined => {
    const parsed = parseDataFile(path.join(dir, name), schema, `responses/${name}`);
    if (parsed.ok) return parsed.value;
    problems.push(...parsed.problems);
    return undefined;
  };
  const flows = read('flows.yml', flowsFileSchema);
  const voices = VOICES.map((voice) => [voice, read(`${voice}.yml`, voiceFileSchema)] as const);
  const practice = read('practice.yml', practiceFileSchema);
  const lexicon = read('lexicon.yml', lexiconFileSchema);
  const pitch = read('pitch.yml', pitchFileSchema);
  const [deSie, deDu, en] = voices.map(([, texts]) => texts);
  if (!flows || !practice || !lexicon || !pitch || !deSie || !deDu || !en)
    throw new DataFileError(problems);
  return {
    practice: {
      turnsPerRound: practice.turns_per_round,
      personas: practice.personas,
      objections: practice.objections,
      alwaysGood: practice.always_good ?? [],
    },
    pitch: readPitchDefinition(pitch),
    flows: flows.flows,
    sharedSteps: flows.shared_steps,
    buttons: flows.buttons,
    choices: flows.choices,
    inventoryCircles: flows.inventory_circles,
    texts: { 'de-sie': variantsOf(deSie), 'de-du': variantsOf(deDu), en: variantsOf(en) },
    lexicon: readLexicon(lexicon),
  };
}

/** The voice a conversation speaks in. */
export function voiceOf(lang: Lang, address: 'sie' | 'du'): Voice {
  return lang === 'en' ? 'en' : address === 'du' ? 'de-du' : 'de-sie';
}

// === Helpers

function variantsOf(raw: z.output<typeof voiceFileSchema>): Record<string, Variant[]> {
  const texts: Record<string, Variant[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    texts[key] = (Array.isArray(value) ? value : [value]).map((item) =>
      typeof item === 'string'
        ? { text: item.trimEnd() }
        : { text: item.text.trimEnd(), ...(item.channel ? { channel: item.channel } : {}) },
    );
  }
  return texts;
}

type RawLexicon = z.output<typeof lexiconFileSchema>;

function readLexicon(raw: RawLexicon): Lexicon {
  const words = (list: string[] | undefined, lang: Lang): string[] =>
    (list ?? []).map((w) => normalizeText(String(w), lang));
  const perLang = (source: Record<Lang, string[]>): Record<Lang, string[]> => ({
    de: words(source.de, 'de'),
    en: words(source.en, 'en'),
  });
  return {
    commands: Object.fromEntries(
      Object.entries(raw.commands).map(([name, list]) => [
        name,
        [...new Set([...words(list, 'de'), ...words(list, 'en')])],
      ]),
    ),
    dontKnow: perLang(raw.dont_know),
    yes: perLang(raw.yes),
    no: perLang(raw.no),
    crisisRelief: perLang(raw.crisis_relief),
    crisisGoOn: perLang(raw.crisis_go_on),
    skip: perLang(raw.skip),
    done: perLang(raw.done),
    numbers: { de: numbersOf(raw.numbers.de, 'de'), en: numbersOf(raw.numbers.en, 'en') },
    languageHints: {
      de: new Set(words(raw.language_hints.de, 'de')),
      en: new Set(words(raw.language_hints.en, 'en')),
    },
    lastJobPaths: Object.entries(raw.last_job_paths).map(([id, p]) => ({
      id,
      person: p.person,
      keywords: { de: words(p.de, 'de'), en: words(p.en, 'en') },
      via: p.via,
    })),
    constraints: Object.fromEntries(
      Object.entries(raw.constraints ?? {}).map(([id, c]) => [id, perLang(c)]),
    ),
    roles: Object.entries(raw.roles ?? {}).map(([id, r]) => ({
      id,
      words: { de: words(r.de, 'de'), en: words(r.en, 'en') },
      forms: roleForms(r),
    })),
  };
}

function numbersOf(numbers: Record<string, number>, lang: Lang): Record<string, number> {
  return Object.fromEntries(
    Object.entries(numbers).map(([word, n]) => [normalizeText(word, lang), n]),
  );
}

// German possessives agree with the noun's gender and case; English needs only "your".
function roleForms(role: RawLexicon['roles'][string]): ContactRole['forms'] {
  const dative = role.dative ?? role.noun;
  const masculine = role.gender === 'm';
  return {
    'de-sie': {
      nominative: `${masculine ? 'Ihr' : 'Ihre'} ${role.noun}`,
      // Weak nouns take the same ending in accusative and dative ("Ihren Kollegen").
      accusative: masculine ? `Ihren ${dative}` : `Ihre ${role.noun}`,
      dative: `${masculine ? 'Ihrem' : 'Ihrer'} ${dative}`,
    },
    'de-du': {
      nominative: `${masculine ? 'dein' : 'deine'} ${role.noun}`,
      accusative: masculine ? `deinen ${dative}` : `deine ${role.noun}`,
      dative: `${masculine ? 'deinem' : 'deiner'} ${dative}`,
    },
    en: {
      nominative: `your ${role.en_noun}`,
      accusative: `your ${role.en_noun}`,
      dative: `your ${role.en_noun}`,
    },
  };
}
