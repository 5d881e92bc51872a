import fs from 'node:fs';
import path from 'node:path';
import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
} from 'yaml';
import type { z } from 'zod';
import { ERROR_CODES, TueroeffnerError } from '../errors';

/** Something wrong in a data file, at a file and line a coach can open. */
export interface DataProblem {
  file: string;
  line: number;
  message: string;
}

/** A data file read against its schema: the typed value, or every problem found in it. */
export type ParsedDataFile<T> = { ok: true; value: T } | { ok: false; problems: DataProblem[] };

/**
 * Reads a YAML data file and checks it against its schema. Every problem is
 * reported at once, each as "file:line: key: message", with the line of the
 * offending key or value (or of the nearest parent that exists, for a missing
 * key), so an editor or terminal links straight to it.
 *
 * @param file The file to read
 * @param schema The zod schema the file must match
 * @param label How the file is named in messages (default: the path relative to the working directory)
 */
export function parseDataFile<S extends z.ZodType>(
  file: string,
  schema: S,
  label = path.relative(process.cwd(), file) || file,
): ParsedDataFile<z.output<S>> {
  if (!fs.existsSync(file)) return fail([{ file: label, line: 0, message: 'file is missing' }]);
  const source = readYamlDocument(fs.readFileSync(file, 'utf8'), label);
  if (!source.ok) return source;
  return checkDocument(source, schema, label);
}

/** A parsed YAML document and the line counter that maps its offsets to lines. */
export interface YamlSource {
  ok: true;
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML text, keeping positions; a syntax error is a problem at its line. */
export function readYamlDocument(
  text: string,
  label: string,
): YamlSource | { ok: false; problems: DataProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (!doc.errors.length) return { ok: true, doc, lines };
  return fail(
    doc.errors.map((error) => ({
      file: label,
      line: lines.linePos(error.pos[0]).line,
      message: `YAML error: ${error.message.split('\n')[0]}`,
    })),
  );
}

/** Checks a parsed document against a schema, each problem at the line of its key or value. */
export function checkDocument<S extends z.ZodType>(
  { doc, lines }: YamlSource,
  schema: S,
  label: string,
): ParsedDataFile<z.output<S>> {
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { ok: true, value: result.data };
  return fail(
    result.error.issues.flatMap(specific).map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const at = keys.length ? [...issue.path, keys[0] ?? ''] : issue.path;
      const offset = offsetOf(doc, at.map(String), keys.length > 0 || issue.code === 'invalid_key');
      return {
        file: label,
        line: lines.linePos(offset).line,
        message: `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${messageOf(issue)}`,
      };
    }),
  );
}

/** Formats a problem as "file:line: message", the form editors and terminals link. */
export function formatProblem(problem: DataProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Data files whose problems stop the start: thrown with the whole list, one problem a line. */
export class DataFileError extends TueroeffnerError {
  constructor(readonly problems: (DataProblem | string)[]) {
    const lines = problems.map((p) => (typeof p === 'string' ? p : formatProblem(p)));
    super(ERROR_CODES.dataInvalid, `invalid data:\n${lines.join('\n')}`);
    this.name = 'DataFileError';
  }
}

/** The value of a parsed data file, or a {@link DataFileError} with all its problems. */
export function valueOrThrow<T>(parsed: ParsedDataFile<T>): T {
  if (!parsed.ok) throw new DataFileError(parsed.problems);
  return parsed.value;
}

// === Helpers

function fail(problems: DataProblem[]): { ok: false; problems: DataProblem[] } {
  return { ok: false, problems };
}

// The issues that say what is wrong: of a union, those of the alternative that came closest (a
// text variant that is an object with a wrong channel, not "neither a string nor an object").
function specific(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code === 'invalid_key') {
    const [inner] = issue.issues;
    return [{ ...issue, message: inner?.message ?? issue.message }];
  }
  if (issue.code !== 'invalid_union' || !issue.errors.length) return [issue];
  const depth = (issues: z.core.$ZodIssue[]) =>
    Math.max(...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
  const closest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
  return closest
    .map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))
    .flatMap(specific);
}

// zod's messages name types ("expected string, received undefined"); a coach reads "missing".
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    return `missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

// The offset of the node at a path, or of the deepest part of it that exists; for an unknown key, of the key itself.
function offsetOf(doc: Document, at: string[], wantKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, step] of at.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyValue(p.key)) === step);
      if (!pair) return offset;
      const last = i === at.length - 1;
      if (last && wantKey) return rangeStart(pair.key) ?? offset;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(step)];
      if (item === undefined) return offset;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else return offset;
  }
  return offset;
}

function keyValue(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}
