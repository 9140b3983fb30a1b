import * as path from 'node:path';
import { parseArgs } from 'node:util';
// Only what needs no Markdown parser: the analysis bundle parses (see createAnalyzer).
import { ConfigDiscovery, defaultTemplateText, formatConfigProblem, LineIndex, matchesAnyGlob, type Analysis, type ResolvedReference } from '../core';
import { repository, version } from '../../package.json';
import { expandPaths, readNotes } from './files';
import { FORMATS, type RunTotals } from './formats';
import { describeError, nodeHost, type CliHost } from './nodeHost';
import { createAnalyzer, type Analyzer } from './pool';
import { Repositories, type GitLister } from './repository';
import { quietOnClosedPipe, shownName } from './shown';

/** Everything the CLI touches, handed in so tests can run it in-process. */
export interface CliIO {
  argv: readonly string[];
  /** A write that throws EPIPE (or is told so) ends the output quietly. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd?: string;
  host?: CliHost;
  /** Worker threads for analysis; by default one per core (at most 4), one per 8 files. */
  workers?: number;
  /** The bundled analysis worker; by default `cli-worker.js` beside the CLI bundle. */
  workerScript?: string;
  /** The analysis bundle that small files are analysed with in this thread; by default `worker.js` beside the CLI bundle. */
  analysisBundle?: string;
  /** The process ends when main returns (the bin): its idle workers end with it instead of being stopped first. */
  exitsAfter?: boolean;
  /** Lists a git work tree's files; by default `git ls-files`. */
  git?: GitLister;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

const DEFAULT_NEW_FILE = 'implementation-notes.md';
/** Like the editor's `implementationNotes.analysisTimeLimit` default. */
const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_MEMORY_MB = 1024;

const USAGE = `Usage:
  impl-notes check [--format text|json|sarif|github] [--template FILE]
                   [--root DIR] [--no-references]
                   [--timeout SECONDS] [--memory-limit MB] PATH...
  impl-notes new [--template FILE] [FILE]
  impl-notes --help | --version

Commands:
  check   Report leftover placeholders, empty sections and (in notes
          documents) missing template sections in Markdown notes, and
          references to the repository that are broken: paths, line
          references, Key Classes/Functions symbols and the Code Structure
          tree that no longer match the files.
          A PATH is a file, or a directory searched for *.md (node_modules
          and dot-folders skipped).
  new     Write the template to FILE (default: ${DEFAULT_NEW_FILE});
          never overwrites an existing file.

Options:
  --format FORMAT      Output of check: text (default), json, sarif
                       (SARIF 2.1.0, for code-scanning uploads), or github
                       (annotations in a GitHub Actions log)
  --template FILE      Use FILE as the template instead of the default
                       (or the template of .impl-notes.yaml)
  --root DIR           The repository that references resolve in (default:
                       the nearest folder with .git, else the folder of
                       .impl-notes.yaml, else the checked PATH)
  --no-references      Do not check references (also: references: false
                       in .impl-notes.yaml)
  --timeout SECONDS    Stop checking a file after this long (default ${DEFAULT_TIMEOUT_SECONDS})
  --memory-limit MB    Stop checking a file that needs more memory (default
                       ${DEFAULT_MEMORY_MB}); when given, every file is checked in a worker
                       thread (small files are otherwise checked in-process)
  -h, --help           Show this help
  -v, --version        Show the version

Only regular files are read (devices, FIFOs and sockets are refused), at
most 10 MB each. Exit status: 0 nothing left to fill; 1 placeholders, empty
or missing sections or broken references found; 2 usage error, or a path,
template or config that cannot be used, or a file past a limit.
`;

type Format = keyof typeof FORMATS;

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  write: (text: string) => void;
}

/** What the arguments ask for, once they are known to be valid. */
interface Request {
  command: 'check' | 'new';
  paths: string[];
  format: Format;
  template?: string;
  /** `--root DIR` as given. */
  root?: string;
  references: boolean;
  timeoutMs: number;
  memoryMb: number;
  memoryLimitGiven: boolean;
}

export async function main(io: CliIO): Promise<number> {
  const stdout = quietOnClosedPipe(io.stdout);
  const output: Output = { write: stdout.write, out: (line) => stdout.write(line + '\n'), err: (line) => io.stderr(line + '\n') };
  const request = parseArguments(io.argv, output);
  if (typeof request === 'number') return request;
  const host = io.host ?? nodeHost;
  const cwd = io.cwd ?? process.cwd();

  // An explicit --memory-limit is every file's: all of them go to worker threads, where it applies.
  const inProcessBundle = request.memoryLimitGiven ? undefined : (io.analysisBundle ?? path.join(__dirname, 'worker.js'));
  const analyzer = request.command === 'check'
    ? createAnalyzer({ workers: io.workers, script: io.workerScript, inProcessBundle, timeLimit: request.timeoutMs, memoryLimit: request.memoryMb })
    : undefined;
  try {
    let template: string | undefined;
    if (request.template !== undefined) {
      try {
        template = await readNotes(host, path.resolve(cwd, request.template));
      } catch (e) {
        output.err(`impl-notes: cannot read template ${shownName(request.template)}: ${describeError(e)}`);
        return EXIT_ERROR;
      }
    }
    if (!analyzer) return await newNotes(host, cwd, request.paths[0] ?? DEFAULT_NEW_FILE, template, output);
    return await check(analyzer, host, cwd, request, template, output, io.git);
  } finally {
    await analyzer?.close(io.exitsAfter);
  }
}

function parseArguments(argv: readonly string[], { write, out, err }: Output): Request | number {
  const usageError = (message: string) => {
    err(`impl-notes: ${message}`);
    err(`Run 'impl-notes --help' for usage.`);
    return EXIT_ERROR;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        template: { type: 'string' },
        root: { type: 'string' },
        'no-references': { type: 'boolean' },
        timeout: { type: 'string' },
        'memory-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return usageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    write(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    out(version);
    return EXIT_OK;
  }
  const [command, ...paths] = positionals;
  if (command === undefined) return usageError('missing command (check or new)');
  if (command !== 'check' && command !== 'new') return usageError(`unknown command '${shownName(command)}'`);
  // An unset CI variable must not turn into "the current folder" (or `/`).
  if (paths.some((p) => p === '')) return usageError(`an empty ${command === 'new' ? 'FILE' : 'PATH'} ('') was given`);
  if (values.template === '') return usageError(`--template needs a FILE, not ''`);
  if (values.root === '') return usageError(`--root needs a DIR, not ''`);
  const timeout = positiveNumber(values.timeout, DEFAULT_TIMEOUT_SECONDS);
  if (timeout === undefined) return usageError(`--timeout takes a number of seconds above 0, not '${shownName(values.timeout ?? '')}'`);
  const memory = positiveNumber(values['memory-limit'], DEFAULT_MEMORY_MB);
  if (memory === undefined || memory < 16) return usageError(`--memory-limit takes a number of megabytes of at least 16, not '${shownName(values['memory-limit'] ?? '')}'`);
  const base = { paths, template: values.template, root: values.root, references: values['no-references'] !== true, timeoutMs: timeout * 1000, memoryMb: Math.floor(memory), memoryLimitGiven: values['memory-limit'] !== undefined };
  if (command === 'new') {
    for (const option of ['format', 'root', 'no-references'] as const) if (values[option] !== undefined) return usageError(`--${option} applies to check only`);
    if (paths.length > 1) return usageError('new takes at most one FILE');
    return { command, format: 'text', ...base };
  }
  const format = values.format ?? 'text';
  if (!Object.hasOwn(FORMATS, format)) return usageError(`unknown format '${shownName(format)}' (expected ${Object.keys(FORMATS).join(', ')})`);
  if (paths.length === 0) return usageError('check needs at least one PATH');
  return { command, format, ...base };
}

/** The number an option gives, the default when it is absent, undefined when it is not a positive number. */
function positiveNumber(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Tallies of a check run, for the summary and the exit status. */
interface Tally extends RunTotals {
  exit: number;
}

/** A checked file's analysis and its references resolved against the repository. */
interface Checked {
  analysis: Analysis;
  references: ResolvedReference[];
}

/** `template`: the text of --template, which wins over any config's. */
async function check(analyzer: Analyzer, host: CliHost, cwd: string, request: Request, template: string | undefined, output: Output, git: GitLister | undefined): Promise<number> {
  const tally: Tally = { exit: EXIT_OK, files: 0, placeholders: 0, emptySections: 0, missingSections: 0, brokenReferences: 0, filesWithFindings: 0 };
  const fail = (message: string) => {
    output.err(`impl-notes: ${message}`);
    tally.exit = EXIT_ERROR;
  };
  let root: string | undefined;
  if (request.root !== undefined && request.references) {
    root = path.resolve(cwd, request.root);
    const stat = await host.stat(root).catch(() => undefined);
    if (stat?.kind !== 'directory') {
      output.err(`impl-notes: --root ${shownName(request.root)}: ${stat ? 'not a directory' : 'no such directory'}`);
      return EXIT_ERROR;
    }
  }
  const { files, problems, inputOf } = await expandPaths(host, cwd, request.paths);
  problems.forEach((p) => fail(`${shownName(p.path)}: ${p.message}`));
  const configs = new ConfigDiscovery(host, { report: (p) => fail(shownName(formatConfigProblem(p))), loadTemplates: template === undefined });
  const repositories = new Repositories({ host, root, git, warn: (message) => output.err(`impl-notes: warning: ${shownName(message)}`) });
  analyzer.sizeFor(files.length);
  const analyseFile = async (file: string): Promise<Checked> => {
    const absolute = path.resolve(cwd, file);
    const text = await readNotes(host, absolute);
    const loaded = await configs.forFolder(path.dirname(absolute));
    // Undefined for the default template: the analysis bundle has its model prebuilt.
    const templateText = template ?? loaded?.templateText;
    // The config's `files` globs make a file notes whatever its content (docs/spec.md, "Notes documents").
    const files = loaded?.config.files ?? [];
    const notes = loaded !== undefined && files.length > 0 && matchesAnyGlob(path.relative(path.dirname(loaded.file), absolute).split(path.sep).join('/'), files);
    const references = request.references && (loaded?.config.references ?? true);
    const result = await analyzer.analyze({ key: absolute, text, templateText, ignore: loaded?.config.ignore ?? [], notes, missingSections: loaded?.config.missingSections ?? true, references });
    // The repository is listed (git runs) only for a document that has references.
    const resolved = references ? await repositories.resolve(absolute, path.resolve(cwd, inputOf.get(file) ?? file), loaded?.file, result.references) : [];
    return { analysis: { text, ...result }, references: resolved };
  };
  const formatter = FORMATS[request.format]({ version, homepage: repository.url.replace(/\.git$/, ''), write: output.write });
  tally.files = files.length;
  await inOrder(files, analyseFile, (file, checked) => {
    if (checked instanceof Error) {
      fail(`${shownName(file)}: ${describeError(checked)}`);
      return;
    }
    count(tally, checked);
    formatter.file({ path: file, analysis: checked.analysis, lines: new LineIndex(checked.analysis.text), references: checked.references });
  });
  formatter.end(tally);
  return tally.exit;
}

/** How many files are read and analysed ahead of the one being reported. */
const WINDOW = 16;

/** Analyses files ahead in a window and hands each result (or its error) over in the files' order. */
async function inOrder(files: readonly string[], analyse: (file: string) => Promise<Checked>, report: (file: string, result: Checked | Error) => void): Promise<void> {
  const window: Promise<Checked | Error>[] = [];
  for (let i = 0; i < files.length; i++) {
    while (window.length < WINDOW && i + window.length < files.length) {
      window.push(analyse(files[i + window.length]).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
    report(files[i], await window.shift()!);
  }
}

function count(tally: Tally, { analysis, references }: Checked): void {
  const empty = analysis.sections.filter((s) => s.status === 'empty').length;
  const broken = references.filter((r) => r.finding !== undefined).length;
  tally.placeholders += analysis.placeholders.length;
  tally.emptySections += empty;
  tally.missingSections += analysis.missing.length;
  tally.brokenReferences += broken;
  if (analysis.placeholders.length > 0 || empty > 0 || analysis.missing.length > 0 || broken > 0) {
    tally.filesWithFindings++;
    if (tally.exit === EXIT_OK) tally.exit = EXIT_FINDINGS;
  }
}

/**
 * Writes the template `check` would use for FILE. Nothing is written when
 * that template or the config naming it cannot be used: notes started from
 * the wrong template would be checked against the right one later.
 */
async function newNotes(host: CliHost, cwd: string, file: string, template: string | undefined, { out, err }: Output): Promise<number> {
  const absolute = path.resolve(cwd, file);
  let text = template;
  if (text === undefined) {
    let problems = 0;
    const configs = new ConfigDiscovery(host, {
      report: (p) => {
        problems++;
        err(`impl-notes: ${shownName(formatConfigProblem(p))}`);
      },
    });
    const loaded = await configs.forFolder(path.dirname(absolute));
    if (problems > 0) {
      err(`impl-notes: ${shownName(file)}: not written, as the config that applies to it cannot be used`);
      return EXIT_ERROR;
    }
    text = loaded?.templateText ?? defaultTemplateText;
  }
  try {
    await host.mkdirs(path.dirname(absolute));
    await host.writeNew(absolute, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(`impl-notes: ${shownName(file)}: ${code === 'EEXIST' ? 'already exists; not overwritten' : describeError(e)}`);
    return EXIT_ERROR;
  }
  out(`Created ${shownName(file)} from the template. Fill its placeholders, then run: impl-notes check ${shownName(file)}`);
  return EXIT_OK;
}
