import path from 'node:path';
import type { z } from 'zod';
import {
  crisisPatternsSchema,
  flowsFileSchema,
  lexiconFileSchema,
  pitchFileSchema,
  practiceFileSchema,
  slackCoachFileSchema,
  telegramCommandsFileSchema,
  trainingFileSchema,
  voiceFileSchema,
} from './schemas';

/** A data file of the project, the schema it must match, and the JSON Schema published for editors. */
export interface DataFileSpec {
  /** The file, relative to the project root. */
  file: string;
  schema: z.ZodType;
  /** The JSON Schema file in schemas/ that the file's `yaml-language-server` line names. */
  jsonSchema: string;
}

/**
 * Every single data file with its schema. A new data file is one line here
 * (and its schema in schemas.ts); `tueroeffner validate`, the check at start
 * and `npm run schemas` pick it up.
 */
export const DATA_FILES: readonly DataFileSpec[] = [
  {
    file: 'intents/crisis-patterns.yml',
    schema: crisisPatternsSchema,
    jsonSchema: 'crisis-patterns',
  },
  { file: 'responses/flows.yml', schema: flowsFileSchema, jsonSchema: 'flows' },
  { file: 'responses/de-sie.yml', schema: voiceFileSchema, jsonSchema: 'voice' },
  { file: 'responses/de-du.yml', schema: voiceFileSchema, jsonSchema: 'voice' },
  { file: 'responses/en.yml', schema: voiceFileSchema, jsonSchema: 'voice' },
  { file: 'responses/lexicon.yml', schema: lexiconFileSchema, jsonSchema: 'lexicon' },
  { file: 'responses/practice.yml', schema: practiceFileSchema, jsonSchema: 'practice' },
  { file: 'responses/pitch.yml', schema: pitchFileSchema, jsonSchema: 'pitch' },
  { file: 'responses/slack-coach.yml', schema: slackCoachFileSchema, jsonSchema: 'slack-coach' },
  {
    file: 'responses/telegram-commands.yml',
    schema: telegramCommandsFileSchema,
    jsonSchema: 'telegram-commands',
  },
];

/** The schema of every training file (intents/<lang>/, intents/practice/<lang>/, intents/answers/<lang>/). */
export const TRAINING_FILE = { schema: trainingFileSchema, jsonSchema: 'training' } as const;

/** The path of a published JSON Schema, relative to the project root. */
export function jsonSchemaPath(name: string): string {
  return path.join('schemas', `${name}.schema.json`);
}
