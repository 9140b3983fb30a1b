import { parse as parseYaml, YAMLParseError } from 'yaml';

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
}

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

const KNOWN_KEYS = ['template', 'ignore', 'files', 'missingSections'];

export function emptyConfig(): NotesConfig {
  return { ignore: [], files: [], missingSections: true };
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
  config.files = stringList(record.files, 'files', problem);
  if (record.missingSections !== undefined && record.missingSections !== null) {
    if (typeof record.missingSections === 'boolean') config.missingSections = record.missingSections;
    else problem('expected true or false', 'missingSections');
  }
  return { config, problems };
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

function ignorePatternError(pattern: string): string | undefined {
  const m = REGEX_PATTERN.exec(pattern);
  if (!m) return pattern.trim() === '' ? 'expected a placeholder text, not an empty string' : undefined;
  try {
    new RegExp(m[1], m[2]);
    return undefined;
  } catch (err) {
    return `invalid regular expression ${pattern}: ${(err as Error).message}`;
  }
}

/**
 * Turns ignore entries into a predicate over placeholder texts (brackets
 * included). A plain entry matches with or without its brackets; a
 * `/regex/flags` entry is tested against the text with its brackets.
 */
export function ignoreMatcher(patterns: readonly string[]): ((text: string) => boolean) | undefined {
  const exact = new Set<string>();
  const regexes: RegExp[] = [];
  for (const pattern of patterns) {
    const m = REGEX_PATTERN.exec(pattern);
    if (m) {
      try {
        regexes.push(new RegExp(m[1], m[2].replace(/[gy]/g, '')));
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
