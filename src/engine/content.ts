import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { AnswerKind } from '../nlu/answer-acts';
import { LANGS, type Lang, type ObjectionIntent } from '../nlu/intent-ids';
import { PROJECT_ROOT } from '../nlu/model-spec';
import { normalizeText } from '../nlu/normalize';
import {
  readPitchDefinition,
  type PitchDefinition,
  type RawPitchDefinition,
} from './pitch-definition';
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
export type Expectation = 'open' | 'yesno' | 'none';

/** One step of a coaching flow, as written in responses/flows.yml. */
export interface StepDefinition {
  say?: string[];
  expect?: Expectation;
  asks?: AnswerKind;
  buttons?: string[];
  next?: string;
  on_deny?: string;
  on_feeling?: string;
  action?: 'inventory' | 'pitch' | 'remember_last_job' | 'commit' | 'end';
  skip_if?: 'known_last_job' | 'known_pitch';
  skip_to?: string;
  hold?: boolean;
}

/** A coaching flow for one objection. */
export interface FlowDefinition {
  prefix: string;
  angles: string[];
  steps: Record<string, StepDefinition>;
}

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
  /** "Ihr Onkel" / "Ihrem Onkel", "dein Onkel" / "deinem Onkel", "your uncle". */
  forms: Record<Voice, { nominative: string; dative: string }>;
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
  objections: Partial<Record<ObjectionIntent, { best: string[]; good: string[] }>>;
  /** Moves that help with every objection. */
  alwaysGood: string[];
}

/** Everything the engine says and how it walks, loaded from responses/. */
export interface Content {
  practice: PracticeDefinition;
  pitch: PitchDefinition;
  flows: Partial<Record<ObjectionIntent, FlowDefinition>>;
  sharedSteps: Record<string, StepDefinition>;
  buttons: string[];
  inventoryCircles: string[];
  texts: Record<Voice, Record<string, Variant[]>>;
  lexicon: Lexicon;
}

/** Loads responses/: flows, the three voices and the lexicon. */
export function loadContent(dir = path.join(PROJECT_ROOT, 'responses')): Content {
  const read = (name: string): unknown => parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  const flows = read('flows.yml') as {
    flows: Content['flows'];
    shared_steps: Record<string, StepDefinition>;
    buttons: string[];
    inventory_circles: string[];
  };
  const texts = Object.fromEntries(
    VOICES.map((voice) => [voice, readVoice(read(`${voice}.yml`))]),
  ) as Content['texts'];
  const practice = read('practice.yml') as {
    turns_per_round: number;
    personas: string[];
    objections: PracticeDefinition['objections'];
    always_good?: string[];
  };
  return {
    practice: {
      turnsPerRound: practice.turns_per_round,
      personas: practice.personas,
      objections: practice.objections,
      alwaysGood: practice.always_good ?? [],
    },
    pitch: readPitchDefinition(read('pitch.yml') as RawPitchDefinition),
    flows: flows.flows,
    sharedSteps: flows.shared_steps,
    buttons: flows.buttons,
    inventoryCircles: flows.inventory_circles,
    texts,
    lexicon: readLexicon(read('lexicon.yml') as RawLexicon),
  };
}

/** The voice a conversation speaks in. */
export function voiceOf(lang: Lang, address: 'sie' | 'du'): Voice {
  return lang === 'en' ? 'en' : address === 'du' ? 'de-du' : 'de-sie';
}

// === Helpers

function readVoice(raw: unknown): Record<string, Variant[]> {
  const texts: Record<string, Variant[]> = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const list = Array.isArray(value) ? value : [value];
    texts[key] = list.map((item) =>
      typeof item === 'string'
        ? { text: item.trimEnd() }
        : {
            text: String((item as Variant).text).trimEnd(),
            ...((item as Variant).channel ? { channel: (item as Variant).channel } : {}),
          },
    );
  }
  return texts;
}

interface RawLexicon {
  commands: Record<string, string[]>;
  dont_know: Record<Lang, string[]>;
  yes: Record<Lang, string[]>;
  no: Record<Lang, string[]>;
  crisis_relief: Record<Lang, string[]>;
  crisis_go_on: Record<Lang, string[]>;
  skip: Record<Lang, string[]>;
  done: Record<Lang, string[]>;
  numbers: Record<Lang, Record<string, number>>;
  language_hints: Record<Lang, string[]>;
  constraints?: Record<string, Record<Lang, string[]>>;
  roles: Record<
    string,
    {
      de: string[];
      en: string[];
      noun: string;
      dative?: string;
      gender: 'm' | 'f';
      en_noun: string;
    }
  >;
  last_job_paths: Record<
    string,
    { person: boolean; via: Record<Voice, string> } & Record<Lang, string[]>
  >;
}

function readLexicon(raw: RawLexicon): Lexicon {
  const words = (list: string[] | undefined, lang: Lang): string[] =>
    (list ?? []).map((w) => normalizeText(String(w), lang));
  const perLang = (source: Record<Lang, string[]>): Record<Lang, string[]> =>
    Object.fromEntries(LANGS.map((lang) => [lang, words(source[lang], lang)])) as Record<
      Lang,
      string[]
    >;
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
    numbers: Object.fromEntries(
      LANGS.map((lang) => [
        lang,
        Object.fromEntries(
          Object.entries(raw.numbers[lang] ?? {}).map(([word, n]) => [
            normalizeText(word, lang),
            n,
          ]),
        ),
      ]),
    ) as Record<Lang, Record<string, number>>,
    languageHints: Object.fromEntries(
      LANGS.map((lang) => [lang, new Set(words(raw.language_hints[lang], lang))]),
    ) as Record<Lang, Set<string>>,
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

// German possessives agree with the noun's gender and case; English needs only "your".
function roleForms(role: RawLexicon['roles'][string]): ContactRole['forms'] {
  const dative = role.dative ?? role.noun;
  const masculine = role.gender === 'm';
  return {
    'de-sie': {
      nominative: `${masculine ? 'Ihr' : 'Ihre'} ${role.noun}`,
      dative: `${masculine ? 'Ihrem' : 'Ihrer'} ${dative}`,
    },
    'de-du': {
      nominative: `${masculine ? 'dein' : 'deine'} ${role.noun}`,
      dative: `${masculine ? 'deinem' : 'deiner'} ${dative}`,
    },
    en: { nominative: `your ${role.en_noun}`, dative: `your ${role.en_noun}` },
  };
}
