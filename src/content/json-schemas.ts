import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATA_FILES, jsonSchemaPath, TRAINING_FILE } from './data-files';

/**
 * The JSON Schema of every data file, by name, generated from the zod schemas
 * so the two can never differ. Editors read them (through the
 * `# yaml-language-server: $schema=…` line of each file) to complete keys and
 * underline mistakes; `npm run schemas` writes them to schemas/.
 */
export function jsonSchemas(): Map<string, string> {
  const schemas = new Map<string, string>();
  for (const { schema, jsonSchema } of [...DATA_FILES, TRAINING_FILE]) {
    if (schemas.has(jsonSchema)) continue;
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    schemas.set(jsonSchema, `${JSON.stringify(json, null, 2)}\n`);
  }
  return schemas;
}

/** Writes schemas/*.schema.json under a project root; returns the files written. */
export function writeJsonSchemas(root: string): string[] {
  const written: string[] = [];
  for (const [name, text] of jsonSchemas()) {
    const file = path.join(root, jsonSchemaPath(name));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

/** The `yaml-language-server` line a data file at `file` (relative to the root) starts with. */
export function schemaModeline(file: string, name: string): string {
  const target = path.relative(path.dirname(file), jsonSchemaPath(name));
  return `# yaml-language-server: $schema=${target.split(path.sep).join('/')}`;
}
