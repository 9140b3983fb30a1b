import * as path from 'node:path';
import { parseArgs } from 'node:util';
// Only what needs no Markdown parser: the analysis bundle parses (see createAnalyzer).
import { BaselineMatcher, ConfigDiscovery, defaultTemplateText, formatConfigProblem, isDraft, LineIndex, matchesAnyGlob, MAX_NOTES_BYTES, parseBaseline, RULES, type Analysis, type FindingCode, type LineRange, type Reference, type ResolvedReference } from '../core';
import { repository, version } from '../../package.json';
import { expandPaths, readNotes } from './files';
import { COMMAND_FORMATS, FORMATS, type RunTotals } from './formats';
import { FINDING_CODES } from './formats/findingKinds';
import type { Changes } from './git';
import { reportFindings, type Judging } from './reported';
import type { ReportedFinding } from './formats/types';
import { describeError, nodeHost, syncNodeHost, type CliHost } from './nodeHost';
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
  /** The environment, for the Markdown report's links on GitHub Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA); by default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
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

/** GitHub's step summary takes at most 1 MiB. */
const DEFAULT_MAX_BYTES = 1024 * 1024;

const USAGE = `Usage:
  impl-notes check [--format text|json|sarif|github|markdown|codeclimate]
                   [--baseline FILE] [--changed-since REF] [--strict]
                   [--max-bytes N] [--link-base URL]
                   [--root DIR] [--no-references]
                   [--template FILE] [--timeout SECONDS] [--memory-limit MB] PATH...
  impl-notes baseline [--root DIR] [--no-references] [--template FILE] PATH... > FILE
  impl-notes badge [--format svg|endpoint] [--label TEXT] [--template FILE] PATH... > FILE
  impl-notes new [--template FILE] [FILE]
  impl-notes --help | --version

Commands:
  check     Report leftover placeholders, empty sections and (in notes
            documents) missing template sections in Markdown notes, and
            references to the repository that are broken: paths, line
            references, Key Classes/Functions symbols and the Code Structure
            tree that no longer match the files.
            A PATH is a file, or a directory searched for *.md (node_modules
            and dot-folders skipped).
  baseline  Write today's findings as JSON, for check --baseline.
  badge     Write a badge "notes: 82% filled": an SVG, or shields.io
            endpoint JSON (--format endpoint).
  new       Write the template to FILE (default: ${DEFAULT_NEW_FILE});
            never overwrites an existing file.

Options:
  --format FORMAT      Output of check: text (default), json, sarif
                       (SARIF 2.1.0, for code-scanning uploads), github
                       (annotations in a GitHub Actions log), markdown (a
                       report for a step summary or a pull-request comment),
                       or codeclimate (GitLab's code-quality report)
  --baseline FILE      Findings FILE holds do not count; its entries no
                       longer found are reported as fixed
  --changed-since REF  Check only files changed since REF (git); findings
                       on lines the change did not touch do not count
  --strict             Findings in drafts count too (see Drafts in the README)
  --max-bytes N        Cap of the markdown report (default ${DEFAULT_MAX_BYTES}, the step
                       summary's limit; 65000 fits a pull-request comment)
  --link-base URL      Links of the markdown report: URL + path (default on
                       GitHub Actions: the commit's files; else relative)
  --label TEXT         The badge's left-hand text (default: notes)
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

Rules (the [rule] of each finding; docs/spec.md states them):
${RULES.map((r) => `  ${r.id.padEnd(18)} ${r.shortDescription}`).join('\n')}

Only regular files are read (devices, FIFOs and sockets are refused), at
most 10 MB each. Exit status: 0 nothing left to fill (or only notices:
findings in drafts, on unchanged lines, or in the baseline); 1 placeholders,
empty or missing sections or broken references found; 2 usage error, or a path, template,
config, baseline or git REF that cannot be used, or a file past a limit.
baseline and badge exit 0 unless something cannot be used (2).
`;

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  write: (text: string) => void;
}

/** What the arguments ask for, once they are known to be valid. */
interface Request {
  command: 'check' | 'baseline' | 'badge' | 'new';
  paths: string[];
  /** A key of FORMATS (check) or of COMMAND_FORMATS[command]. */
  format: string;
  baseline?: string;
  changedSince?: string;
  strict: boolean;
  maxBytes: number;
  linkBase?: string;
  /** badge's left-hand text. */
  label: string;
  template?: string;
  /** `--root DIR` as given. */
  root?: string;
  /** The reference check runs (not `--no-references`, not badge). */
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
  const analyzer = request.command !== 'new'
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
    // The reference check reads through synchronous calls (see syncNodeHost): it waits for each answer anyway.
    return await check(analyzer, host, cwd, request, template, output, { env: io.env ?? process.env, git: io.git, referenceHost: io.host ?? syncNodeHost });
  } finally {
    await analyzer?.close(io.exitsAfter);
  }
}

const OPTIONS = {
  format: { type: 'string' },
  template: { type: 'string' },
  root: { type: 'string' },
  'no-references': { type: 'boolean' },
  timeout: { type: 'string' },
  'memory-limit': { type: 'string' },
  baseline: { type: 'string' },
  'changed-since': { type: 'string' },
  strict: { type: 'boolean' },
  'max-bytes': { type: 'string' },
  'link-base': { type: 'string' },
  label: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

function parseArguments(argv: readonly string[], { write, out, err }: Output): Request | number {
  const usageError = (message: string) => {
    err(`impl-notes: ${message}`);
    err(`Run 'impl-notes --help' for usage.`);
    return EXIT_ERROR;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
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
  if (command === undefined) return usageError('missing command (check, baseline, badge or new)');
  if (command !== 'check' && command !== 'baseline' && command !== 'badge' && command !== 'new') return usageError(`unknown command '${shownName(command)}'`);
  // An unset CI variable must not turn into "the current folder" (or `/`).
  if (paths.some((p) => p === '')) return usageError(`an empty ${command === 'new' ? 'FILE' : 'PATH'} ('') was given`);
  const base = optionsOf(command, paths, values);
  if (typeof base === 'string') return usageError(base);
  if (command === 'new') {
    if (values.format !== undefined) return usageError(`--format applies to check and badge only`);
    for (const option of ['root', 'no-references'] as const) if (values[option] !== undefined) return usageError(`--${option} applies to check and baseline only`);
    if (paths.length > 1) return usageError('new takes at most one FILE');
    return { command, format: 'text', ...base };
  }
  const formats = command === 'check' ? FORMATS : COMMAND_FORMATS[command];
  const names = Object.keys(formats);
  if (command === 'baseline' && values.format !== undefined) return usageError(`--format applies to check and badge only`);
  const format = values.format ?? names[0];
  if (!Object.hasOwn(formats, format)) return usageError(`unknown format '${shownName(format)}' (expected ${names.join(', ')})`);
  if (paths.length === 0) return usageError(`${command} needs at least one PATH`);
  return { command, format, ...base };
}

const NEEDS = { template: 'a FILE', baseline: 'a FILE', 'changed-since': 'a REF', 'link-base': 'a URL', root: 'a DIR' } as const;

/** The options of a command, or what is wrong with them. */
function optionsOf(command: Request['command'], paths: string[], values: Values): Omit<Request, 'command' | 'format'> | string {
  for (const option of ['template', 'baseline', 'changed-since', 'link-base', 'root'] as const) {
    if (values[option] === '') return `--${option} needs ${NEEDS[option]}, not ''`;
  }
  const timeout = positiveNumber(values.timeout, DEFAULT_TIMEOUT_SECONDS);
  if (timeout === undefined) return `--timeout takes a number of seconds above 0, not '${shownName(values.timeout ?? '')}'`;
  const memory = positiveNumber(values['memory-limit'], DEFAULT_MEMORY_MB);
  if (memory === undefined || memory < 16) return `--memory-limit takes a number of megabytes of at least 16, not '${shownName(values['memory-limit'] ?? '')}'`;
  const maxBytes = positiveNumber(values['max-bytes'], DEFAULT_MAX_BYTES);
  if (maxBytes === undefined || maxBytes < 1024 || !Number.isInteger(maxBytes)) return `--max-bytes takes a whole number of bytes of at least 1024, not '${shownName(values['max-bytes'] ?? '')}'`;
  const checkOnly = (['baseline', 'changed-since', 'strict', 'max-bytes', 'link-base'] as const).find((o) => values[o] !== undefined);
  if (command !== 'check' && checkOnly) return `--${checkOnly} applies to check only`;
  if (command !== 'badge' && values.label !== undefined) return '--label applies to badge only';
  // A badge counts sections filled: references do not move it.
  const referenceOption = (['root', 'no-references'] as const).find((o) => values[o] !== undefined);
  if (command === 'badge' && referenceOption) return `--${referenceOption} applies to check and baseline only`;
  return {
    paths,
    template: values.template,
    root: values.root,
    references: values['no-references'] !== true && command !== 'badge',
    timeoutMs: timeout * 1000,
    memoryMb: Math.floor(memory),
    memoryLimitGiven: values['memory-limit'] !== undefined,
    baseline: values.baseline,
    changedSince: values['changed-since'],
    strict: values.strict ?? false,
    maxBytes,
    linkBase: values['link-base'],
    label: values.label ?? 'notes',
  };
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

/** The longest baseline read: a file past it is refused with a message, not parsed. */
const MAX_BASELINE_BYTES = MAX_NOTES_BYTES;

/** The baseline of --baseline, or a message and EXIT_ERROR. */
async function loadBaseline(host: CliHost, cwd: string, file: string, { err }: Output): Promise<BaselineMatcher | number> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await host.readFile(path.resolve(cwd, file), MAX_BASELINE_BYTES));
  } catch (e) {
    const message = e instanceof TypeError ? 'is not UTF-8 text' : describeError(e).replace('too large to check', 'too large for a baseline');
    err(`impl-notes: baseline ${shownName(file)}: ${message}`);
    return EXIT_ERROR;
  }
  const parsed = parseBaseline(text);
  if ('error' in parsed) {
    err(`impl-notes: baseline ${shownName(file)} ${parsed.error}`);
    return EXIT_ERROR;
  }
  return new BaselineMatcher(parsed);
}

/** Whether `file` (relative, `/`-separated) is one of the PATHs or under one: a baseline entry the run had to meet. */
function coveredBy(cwd: string, paths: readonly string[]): (file: string) => boolean {
  const roots = paths.map((p) => toRelative(cwd, p));
  return (file) => roots.some((root) => root === '' || file === root || file.startsWith(root + '/'));
}

/** Relative to the folder the check ran in, `/`-separated: how baselines and Code Climate name files. */
function toRelative(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
}

/** A checked file's analysis and its references resolved against the repository. */
interface Checked {
  analysis: Analysis;
  /** None when the check is off (`--no-references`, `references: false`). */
  references: ResolvedReference[];
}

type FileAnalyser = (file: string) => Promise<Checked>;

/**
 * Resolves a notes file's references: the file, the PATH argument it was
 * listed under and the config that applies (for its repository's root);
 * undefined when the reference check is off for the run.
 */
type ReferenceResolver = (absolute: string, checkedPath: string, configFile: string | undefined, references: readonly Reference[]) => Promise<ResolvedReference[]>;

/** Reads, configures and analyses one file; `template`: the text of --template, which wins over any config's. */
function fileAnalyser(analyzer: Analyzer, host: CliHost, cwd: string, configs: ConfigDiscovery, template: string | undefined, resolve: ReferenceResolver | undefined, inputOf: ReadonlyMap<string, string>): FileAnalyser {
  return async (file) => {
    const absolute = path.resolve(cwd, file);
    const text = await readNotes(host, absolute);
    const loaded = await configs.forFolder(path.dirname(absolute));
    // Undefined for the default template: the analysis bundle has its model prebuilt.
    const templateText = template ?? loaded?.templateText;
    // The config's `files` globs make a file notes whatever its content (docs/spec.md, "Notes documents").
    const files = loaded?.config.files ?? [];
    const notes = loaded !== undefined && files.length > 0 && matchesAnyGlob(path.relative(path.dirname(loaded.file), absolute).split(path.sep).join('/'), files);
    const references = resolve !== undefined && (loaded?.config.references ?? true);
    const result = await analyzer.analyze({ key: absolute, text, templateText, ignore: loaded?.config.ignore ?? [], notes, missingSections: loaded?.config.missingSections ?? true, references, notApplicable: loaded?.config.notApplicable });
    // The repository is listed (git runs) only for a document that has references.
    const resolved = references ? await resolve(absolute, path.resolve(cwd, inputOf.get(file) ?? file), loaded?.file, result.references) : [];
    return { analysis: { text, ...result }, references: resolved };
  };
}

/** The listed files `--changed-since` keeps (changed or new), with their changed lines (`null`: all of it). */
async function keepChanged(host: CliHost, cwd: string, files: readonly string[], changes: Changes): Promise<Map<string, LineRange[] | null>> {
  const kept = new Map<string, LineRange[] | null>();
  for (const file of files) {
    const absolute = path.resolve(cwd, file);
    const real = await host.realpath(absolute).catch(() => absolute);
    const ranges = changes.get(real) ?? changes.get(absolute);
    if (ranges !== undefined) kept.set(file, ranges);
  }
  return kept;
}

/** What a run needs besides the files: the baseline and git's changes, or EXIT_ERROR after a message. */
async function prepareJudging(host: CliHost, cwd: string, request: Request, output: Output): Promise<{ judging: Judging; changes?: Changes } | number> {
  const judging: Judging = { strict: request.strict };
  if (request.baseline !== undefined) {
    const baseline = await loadBaseline(host, cwd, request.baseline, output);
    if (typeof baseline === 'number') return baseline;
    judging.baseline = baseline;
  }
  if (request.changedSince === undefined) return { judging };
  // Loaded only for the flag: a plain check starts no git and loads no child_process.
  const changes = await (await import('./git')).changesSince(cwd, request.changedSince);
  if ('error' in changes) {
    output.err(`impl-notes: ${changes.error}`);
    return EXIT_ERROR;
  }
  return { judging, changes: changes.changes };
}

/** `--root DIR`, absolute; undefined when not given (or the check is off); EXIT_ERROR after a message when it is not a folder. */
async function rootOption(host: CliHost, cwd: string, request: Request, { err }: Output): Promise<string | undefined | typeof EXIT_ERROR> {
  if (request.root === undefined || !request.references) return undefined;
  const root = path.resolve(cwd, request.root);
  const stat = await host.stat(root).catch(() => undefined);
  if (stat?.kind === 'directory') return root;
  err(`impl-notes: --root ${shownName(request.root)}: ${stat ? 'not a directory' : 'no such directory'}`);
  return EXIT_ERROR;
}

function emptyTally(): Tally {
  const counts = Object.fromEntries(FINDING_CODES.map((code) => [code, 0])) as Record<FindingCode, number>;
  return { exit: EXIT_OK, files: 0, filesWithFindings: 0, counts, notices: { draft: 0, existing: 0 }, baselined: 0, fixed: [], unchanged: 0 };
}

/** check, baseline and badge: analyse the files, judge their findings, hand them to the command's format. */
async function check(analyzer: Analyzer, host: CliHost, cwd: string, request: Request, template: string | undefined, output: Output, { env, git, referenceHost }: Pick<CliIO, 'env' | 'git'> & { referenceHost: CliHost }): Promise<number> {
  const tally = emptyTally();
  const fail = (message: string) => {
    output.err(`impl-notes: ${message}`);
    tally.exit = EXIT_ERROR;
  };
  const root = await rootOption(host, cwd, request, output);
  if (root === EXIT_ERROR) return root;
  const prepared = await prepareJudging(host, cwd, request, output);
  if (typeof prepared === 'number') return prepared;
  const { judging, changes } = prepared;
  const listed = await expandPaths(host, cwd, request.paths);
  listed.problems.forEach((p) => fail(`${shownName(p.path)}: ${p.message}`));
  const changedLinesOf = changes ? await keepChanged(host, cwd, listed.files, changes) : undefined;
  const files = changedLinesOf ? [...changedLinesOf.keys()] : listed.files;
  tally.unchanged = listed.files.length - files.length;
  const configs = new ConfigDiscovery(host, { report: (p) => fail(shownName(formatConfigProblem(p))), loadTemplates: template === undefined });
  analyzer.sizeFor(files.length);
  const context = {
    version,
    homepage: repository.url.replace(/\.git$/, ''),
    write: output.write,
    linkBase: request.linkBase ?? githubLinkBase(env ?? {}),
    maxBytes: request.maxBytes,
    badgeLabel: request.label,
  };
  const formats = request.command === 'check' || request.command === 'new' ? FORMATS : COMMAND_FORMATS[request.command];
  const formatter = formats[request.format](context);
  tally.files = files.length;
  const repositories = request.references ? new Repositories({ host: referenceHost, root, git, warn: (message) => output.err(`impl-notes: warning: ${shownName(message)}`) }) : undefined;
  const resolve: ReferenceResolver | undefined = repositories && ((...args) => repositories.resolve(...args));
  const analysed = new Set<string>();
  await inOrder(files, fileAnalyser(analyzer, host, cwd, configs, template, resolve, listed.inputOf), (file, checked) => {
    if (checked instanceof Error) {
      fail(`${shownName(file)}: ${describeError(checked)}`);
      return;
    }
    const { analysis, references } = checked;
    const relativePath = toRelative(cwd, file);
    analysed.add(relativePath);
    const lines = new LineIndex(analysis.text);
    const draft = isDraft(analysis.text);
    const reported = reportFindings(relativePath, analysis, lines, judging, draft, changedLinesOf?.get(file) ?? undefined, references);
    count(tally, reported, request.command === 'check');
    formatter.file({ path: file, relativePath, analysis, lines, draft, findings: reported.findings, references });
  });
  if (judging.baseline) {
    // Entries of the files this run covered that no finding met: fixed. A file gone from under a PATH covered all of its entries.
    const listedFiles = new Set(listed.files.map((f) => toRelative(cwd, f)));
    const covered = coveredBy(cwd, request.paths);
    tally.fixed = judging.baseline.left((file) => analysed.has(file) || (!changes && covered(file) && !listedFiles.has(file)));
  }
  formatter.end(tally);
  return tally.exit;
}

/** `failing`: a finding that counts makes the exit status 1 (check only: baseline and badge report). */
function count(tally: Tally, reported: { findings: readonly ReportedFinding[]; baselined: number }, failing: boolean): void {
  tally.baselined += reported.baselined;
  let counted = 0;
  for (const f of reported.findings) {
    if (f.notice) tally.notices[f.notice]++;
    else {
      tally.counts[f.code]++;
      counted++;
    }
  }
  if (counted > 0) {
    tally.filesWithFindings++;
    if (failing && tally.exit === EXIT_OK) tally.exit = EXIT_FINDINGS;
  }
}

/** On GitHub Actions, links to the files at the commit being checked; elsewhere relative links. */
function githubLinkBase(env: Readonly<Record<string, string | undefined>>): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return server && repo && sha ? `${server}/${repo}/blob/${sha}/` : '';
}

/** How many files are read and analysed ahead of the one being reported. */
const WINDOW = 16;

/** Analyses files ahead in a window and hands each result (or its error) over in the files' order. */
async function inOrder(files: readonly string[], analyse: FileAnalyser, report: (file: string, result: Checked | Error) => void): Promise<void> {
  const window: Promise<Checked | Error>[] = [];
  for (let i = 0; i < files.length; i++) {
    while (window.length < WINDOW && i + window.length < files.length) {
      window.push(analyse(files[i + window.length]).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
    report(files[i], await window.shift()!);
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
