import type { RE2JS } from 're2js';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { globProblem } from './glob';

export const CONFIG_FILE_NAME = '.impl-notes.yaml';

/** The optional `.impl-notes.yaml`, found by walking up from a notes file. */
export interface NotesConfig {
  /** Path to a custom template, relative to the config file. */
  template?: string;
  /** Placeholder texts (`[Name]` or `Name`) or `/regex/flags` patterns to ignore. */
  ignore: string[];
  /** Globs of the Markdown files that are notes (used by the editor). */
  files: string[];
  /** `false`: do not report template sections a notes document lacks. */
  missingSections: boolean;
  /** `false`: do not check the document's references to the repository (docs/spec.md, "Resolving references"). */
  references: boolean;
  /**
   * Endings that make an open task not apply (docs/spec.md, "Task lists"),
   * compared without case; undefined: the built-in `(N/A)` and `(optional)`.
   */
  notApplicable?: string[];
}

/** Bounds of `notApplicable`: each task line is compared with every entry. */
const MAX_NOT_APPLICABLE_MARKERS = 50;
const MAX_NOT_APPLICABLE_LENGTH = 100;

export interface ConfigProblem {
  file: string;
  /** The offending key (`ignore[2]`), when the problem is one key's. */
  key?: string;
  message: string;
}

export interface ConfigResult {
  config: NotesConfig;
  problems: ConfigProblem[];
}

const KNOWN_KEYS = ['template', 'ignore', 'files', 'missingSections', 'references', 'notApplicable'];

function emptyConfig(): NotesConfig {
  return { ignore: [], files: [], missingSections: true, references: true };
}

/**
 * Parses a config file's text. Never throws: whatever is wrong is reported as
 * a problem naming the file and key, and the valid keys are still used.
 */
export function parseConfig(text: string, file: string): ConfigResult {
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  const problem = (message: string, key?: string) => problems.push({ file, key, message });

  let data: unknown;
  try {
    // A small alias budget defuses "billion laughs" documents.
    data = parseYaml(text, { maxAliasCount: 50, prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    const reason = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
    problem(`not valid YAML: ${reason}`);
    return { config, problems };
  }
  if (data === null || data === undefined) return { config, problems };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problem('expected a mapping of keys (template, ignore, files)');
    return { config, problems };
  }

  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.includes(key)) problem(`unknown key (expected one of: ${KNOWN_KEYS.join(', ')})`, key);
  }
  if (record.template !== undefined && record.template !== null) {
    if (typeof record.template === 'string' && record.template.trim() !== '') config.template = record.template;
    else problem('expected a file path (string)', 'template');
  }
  config.ignore = stringList(record.ignore, 'ignore', problem);
  config.ignore.forEach((pattern, i) => {
    const error = ignorePatternError(pattern);
    if (error) problem(error, `ignore[${i}]`);
  });
  config.ignore = config.ignore.filter((p) => ignorePatternError(p) === undefined);
  config.files = stringList(record.files, 'files', problem).filter((glob) => {
    const error = globProblem(glob);
    // The index in the file's own list (non-strings were dropped from ours).
    if (error) problem(error, Array.isArray(record.files) ? `files[${record.files.indexOf(glob)}]` : 'files');
    return error === undefined;
  });
  for (const key of ['missingSections', 'references'] as const) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'boolean') config[key] = value;
    else problem('expected true or false', key);
  }
  if (record.notApplicable !== undefined && record.notApplicable !== null) {
    config.notApplicable = readNotApplicable(record.notApplicable, problem);
  }
  return { config, problems };
}

/** Why a not-applicable marker cannot be used (empty, or too long to be an ending), or undefined. */
function notApplicableMarkerError(marker: string): string | undefined {
  if (marker.trim() === '') return 'expected the text that ends a task that does not apply, not an empty string';
  if (marker.length > MAX_NOT_APPLICABLE_LENGTH) return `expected at most ${MAX_NOT_APPLICABLE_LENGTH} characters`;
  return undefined;
}

/**
 * The usable markers of a `notApplicable` value (the config file's, or the
 * editor's setting), trimmed, the first MAX_NOT_APPLICABLE_MARKERS; one
 * problem per unusable entry (up to that many, so that a list of a million
 * bad entries is not a million problems), its key `notApplicable[i]`.
 */
export function readNotApplicable(value: unknown, problem: (message: string, key?: string) => void): string[] {
  const entries = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(entries)) {
    problem('expected a list of strings', 'notApplicable');
    return [];
  }
  const markers: string[] = [];
  let reported = 0;
  entries.forEach((entry: unknown, i) => {
    const error = typeof entry === 'string' ? notApplicableMarkerError(entry) : 'expected a string';
    if (error === undefined) markers.push((entry as string).trim());
    else if (reported++ < MAX_NOT_APPLICABLE_MARKERS) problem(error, Array.isArray(value) ? `notApplicable[${i}]` : 'notApplicable');
  });
  if (markers.length > MAX_NOT_APPLICABLE_MARKERS) problem(`at most ${MAX_NOT_APPLICABLE_MARKERS} entries are used; the rest are left out`, 'notApplicable');
  return markers.slice(0, MAX_NOT_APPLICABLE_MARKERS);
}

function stringList(value: unknown, key: string, problem: (message: string, key?: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) {
    problem('expected a list of strings', key);
    return [];
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else problem('expected a string', `${key}[${i}]`);
  });
  return out;
}

const REGEX_PATTERN = /^\/(.+)\/([a-z]*)$/s;
let re2: typeof RE2JS | undefined;
/**
 * RE2 is set up on the first regex pattern, not when the core loads: it
 * costs tens of milliseconds, on the extension host's main thread at
 * activation, and most workspaces have no regex pattern. The bundler turns
 * this `require` into a lazy module initialiser on every target.
 */
function engine(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2 ??= (require('re2js') as typeof import('re2js')).RE2JS;
  return re2;
}

/**
 * Compiles a `/regex/flags` entry for RE2's linear-time engine: ignore
 * patterns come from the workspace, and a backtracking engine took forever on
 * `/(a+)+$/` against `[aaa…!]`. RE2 has no backreferences or lookaround.
 */
function compileIgnoreRegex(source: string, flags: string): RE2JS {
  const RE2 = engine();
  const known: Record<string, number> = { i: RE2.CASE_INSENSITIVE, m: RE2.MULTILINE, s: RE2.DOTALL, g: 0, y: 0, u: 0 };
  let mask = 0;
  for (const flag of flags) {
    if (!(flag in known)) throw new Error(`unsupported flag ${flag} (supported: i, m, s)`);
    mask |= known[flag];
  }
  return RE2.compile(RE2.translateRegExp(source), mask);
}

/** Why an ignore entry cannot be used (an empty text, a regex RE2 cannot run), or undefined. */
export function ignorePatternError(pattern: string): string | undefined {
  const m = REGEX_PATTERN.exec(pattern);
  if (!m) return pattern.trim() === '' ? 'expected a placeholder text, not an empty string' : undefined;
  try {
    compileIgnoreRegex(m[1], m[2]);
    return undefined;
  } catch (err) {
    const reason = (err as Error).message.replace(/^error parsing regexp: /, '');
    return `unsupported regular expression ${pattern} (linear-time engine, no backreferences or lookaround): ${reason}`;
  }
}

/**
 * Turns ignore entries into a predicate over placeholder texts (brackets
 * included). A plain entry matches with or without its brackets; a
 * `/regex/flags` entry is tested against the text with its brackets.
 */
export function ignoreMatcher(patterns: readonly string[]): ((text: string) => boolean) | undefined {
  const exact = new Set<string>();
  const regexes: RE2JS[] = [];
  for (const pattern of patterns) {
    const m = REGEX_PATTERN.exec(pattern);
    if (m) {
      try {
        regexes.push(compileIgnoreRegex(m[1], m[2]));
      } catch {
        // Reported by parseConfig / settings validation; an invalid pattern ignores nothing.
      }
    } else {
      const text = pattern.trim();
      if (text !== '') exact.add(text.startsWith('[') && text.endsWith(']') ? text : `[${text}]`);
    }
  }
  if (exact.size === 0 && regexes.length === 0) return undefined;
  return (text) => exact.has(text) || regexes.some((r) => r.test(text));
}
