import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createTemplate, LineIndex, toFileReport, toSarif, toTextLines, type Analysis, type FileReport, type TemplateModel } from '../core';
import { repository, version } from '../../package.json';
import { ConfigResolver } from './config';
import { describeError, expandPaths, readText, type CliFileSystem } from './files';
import { createAnalyzer } from './pool';

/** Everything the CLI touches, handed in so tests can run it in-process. */
export interface CliIO {
  argv: readonly string[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd?: string;
  fs?: CliFileSystem;
  /** Worker threads for analysis; by default one per core (at most 4) on large runs. */
  workers?: number;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

const DEFAULT_NEW_FILE = 'implementation-notes.md';

const USAGE = `Usage:
  impl-notes check [--format text|json|sarif] [--template FILE] PATH...
  impl-notes new [--template FILE] [FILE]
  impl-notes --help | --version

Commands:
  check   Report leftover placeholders and empty sections in Markdown notes.
          A PATH is a file, or a directory searched for *.md (node_modules
          and dot-folders skipped).
  new     Write the template to FILE (default: ${DEFAULT_NEW_FILE});
          never overwrites an existing file.

Options:
  --format FORMAT      Output of check: text (default), json, or sarif
                       (SARIF 2.1.0, for code-scanning uploads)
  --template FILE      Use FILE as the template instead of the default
                       (or the template of .impl-notes.yaml)
  -h, --help           Show this help
  -v, --version        Show the version

Exit status: 0 nothing left to fill; 1 placeholders or empty sections
found; 2 usage error or a path that cannot be read.
`;

export async function main(io: CliIO): Promise<number> {
  const fs = io.fs ?? nodeFs;
  const cwd = io.cwd ?? process.cwd();
  const out = (line: string) => io.stdout(line + '\n');
  const err = (line: string) => io.stderr(line + '\n');
  const usageError = (message: string) => {
    err(`impl-notes: ${message}`);
    err(`Run 'impl-notes --help' for usage.`);
    return EXIT_ERROR;
  };

  let parsed;
  try {
    parsed = parseArgs({
      args: [...io.argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        template: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return usageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (values.version) {
    out(version);
    return EXIT_OK;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) return usageError('missing command (check or new)');
  if (command !== 'check' && command !== 'new') return usageError(`unknown command '${command}'`);

  let template: TemplateModel | undefined;
  if (values.template !== undefined) {
    try {
      template = createTemplate(await readText(fs, path.resolve(cwd, values.template)));
    } catch (e) {
      err(`impl-notes: cannot read template ${values.template}: ${describeError(e)}`);
      return EXIT_ERROR;
    }
  }

  if (command === 'new') {
    if (values.format !== undefined) return usageError(`--format applies to check only`);
    if (rest.length > 1) return usageError('new takes at most one FILE');
    return newNotes(fs, cwd, rest[0] ?? DEFAULT_NEW_FILE, template, out, err);
  }

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') return usageError(`unknown format '${format}' (expected text, json or sarif)`);
  if (rest.length === 0) return usageError('check needs at least one PATH');

  let exit = EXIT_OK;
  const { files, problems } = await expandPaths(fs, cwd, rest);
  for (const p of problems) {
    err(`impl-notes: ${p.path}: ${p.message}`);
    exit = EXIT_ERROR;
  }
  const configs = new ConfigResolver(
    fs,
    (p) => {
      err(`impl-notes: ${p.file}${p.key ? `: ${p.key}` : ''}: ${p.message}`);
      exit = EXIT_ERROR;
    },
    template,
  );

  const reports: FileReport[] = [];
  const analysed: { path: string; analysis: Analysis }[] = [];
  let placeholderCount = 0;
  let emptyCount = 0;
  let filesWithFindings = 0;
  const analyzer = createAnalyzer(files.length, io.workers);
  // Files are read and analysed ahead in a window, and reported in order.
  const analyseFile = async (file: string): Promise<Analysis> => {
    const absolute = path.resolve(cwd, file);
    const text = await readText(fs, absolute);
    const { config, template: active } = await configs.forFile(absolute);
    const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const result = await analyzer.analyze({ key: absolute, text: clean, templateText: active.text, ignore: config.ignore });
    return { text: clean, ...result };
  };
  const window: Promise<Analysis>[] = [];
  const WINDOW = 16;
  try {
    for (let i = 0; i < files.length; i++) {
      while (window.length < WINDOW && i + window.length < files.length) {
        const next = analyseFile(files[i + window.length]);
        next.catch(() => undefined); // handled in order below
        window.push(next);
      }
      const file = files[i];
      let analysis: Analysis;
      try {
        analysis = await window.shift()!;
      } catch (e) {
        err(`impl-notes: ${file}: ${describeError(e)}`);
        exit = EXIT_ERROR;
        continue;
      }
      const lines = new LineIndex(analysis.text);
      const empty = analysis.sections.filter((s) => s.status === 'empty').length;
      placeholderCount += analysis.placeholders.length;
      emptyCount += empty;
      if (analysis.placeholders.length > 0 || empty > 0) {
        filesWithFindings++;
        if (exit === EXIT_OK) exit = EXIT_FINDINGS;
      }
      if (format === 'json') reports.push(toFileReport(file, analysis, lines));
      else if (format === 'sarif') analysed.push({ path: file, analysis });
      else toTextLines(file, analysis, lines).forEach(out);
    }
  } finally {
    await analyzer.close();
  }

  if (format === 'json') {
    io.stdout(JSON.stringify({ version: 1, files: reports }) + '\n');
  } else if (format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(analysed, version, repository.url.replace(/\.git$/, ''))) + '\n');
  } else {
    out(summary(files.length, filesWithFindings, placeholderCount, emptyCount));
  }
  return exit;
}

function summary(files: number, withFindings: number, placeholders: number, empty: number): string {
  const checked = `${files} ${files === 1 ? 'file' : 'files'} checked`;
  if (placeholders === 0 && empty === 0) return `${checked}: nothing left to fill.`;
  const parts = [`${placeholders} ${placeholders === 1 ? 'placeholder' : 'placeholders'}`, `${empty} empty ${empty === 1 ? 'section' : 'sections'}`];
  return `${checked}: ${parts.join(' and ')} in ${withFindings} ${withFindings === 1 ? 'file' : 'files'}.`;
}

async function newNotes(
  fs: CliFileSystem,
  cwd: string,
  file: string,
  template: TemplateModel | undefined,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const absolute = path.resolve(cwd, file);
  let text = template?.text;
  if (text === undefined) {
    // Same template as check would use for that file: --template, then the config's.
    const configs = new ConfigResolver(fs, (p) => err(`impl-notes: ${p.file}${p.key ? `: ${p.key}` : ''}: ${p.message}`));
    text = (await configs.forFile(absolute)).template.text;
  }
  try {
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    // 'wx' fails if the file exists: never overwrite somebody's notes.
    await fs.writeFile(absolute, text, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(`impl-notes: ${file}: ${code === 'EEXIST' ? 'already exists; not overwritten' : describeError(e)}`);
    return EXIT_ERROR;
  }
  out(`Created ${file} from the template. Fill its placeholders, then run: impl-notes check ${file}`);
  return EXIT_OK;
}
