// `npm run bench` (or `npm run bench -- --references` alone): the reference
// check of notes with 500 references on a generated repository of 10,000
// files, beside `git ls-files` on the same repository and remark-validate-links
// on the same notes written as Markdown links.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import remarkParse from 'remark-parse';
import remarkValidateLinks from 'remark-validate-links';
import { unified } from 'unified';
import { analyze, RepositoryFiles, ResolutionCache, resolveReferences, type Reference, type ResolvedReference } from '../src/core';
import { nodeHost, syncNodeHost } from '../src/cli/nodeHost';
import { gitLsFiles, Repositories } from '../src/cli/repository';

const FILES = 10_000;
const REFERENCES = 500;

/** A small TypeScript module: an import, a class with two methods, a function. */
function moduleText(i: number): string {
  return [
    `import { helper${(i + 1) % FILES} } from './other';`,
    '',
    `/** Module ${i}. */`,
    `export class Service${i} {`,
    '  private readonly items = new Map<string, number>();',
    '',
    `  start${i}(name: string): void {`,
    '    this.items.set(name, this.items.size);',
    '  }',
    '',
    '  stop(): void {',
    '    this.items.clear();',
    '  }',
    '}',
    '',
    `export function helper${i}(x: number): number {`,
    '  return x * 2;',
    '}',
    '',
  ].join('\n');
}

const fileOf = (i: number) => `src/pkg${String(i % 40).padStart(2, '0')}/mod${String((i >> 6) % 25).padStart(2, '0')}/service${i}.ts`;

/**
 * The notes: 500 references over 100 components, each a Location with three
 * Key Classes/Functions, plus inline paths and line references; and the
 * same targets as Markdown links for remark-validate-links.
 */
function notesTexts(): { notes: string; links: string; named: string[] } {
  const lines = ['# Implementation Notes: Benchmark', '', '## Components', ''];
  const links = ['# Links', ''];
  const named = new Set<string>();
  let count = 0;
  for (let c = 0; count < REFERENCES; c++) {
    const n = (c * 97) % FILES;
    const file = fileOf(n);
    named.add(file);
    lines.push(`#### Component ${c + 1}: Service ${n}`, `- **Location**: \`${file}\``, '- **Key Classes/Functions**:', `  - \`Service${n}\`: the service`, `  - \`helper${n}()\`: a helper`, `  - \`Service${n}.stop()\`: stops it`);
    const other = fileOf((n + 13) % FILES);
    const third = fileOf((n + 29) % FILES);
    named.add(other);
    named.add(third);
    lines.push(`- Calls \`${other}#L7\` and \`${third}\`.`, '');
    count += 6;
    for (const target of [file, file, file, file, `${other}#L7`, third]) links.push(`- [ref](../${target})`);
  }
  return { notes: lines.join('\n'), links: links.slice(0, REFERENCES + 2).join('\n') + '\n', named: [...named] };
}

/** Bump when the generated repository changes: an existing one of the same version is reused. */
const GENERATION = `1 ${FILES} ${REFERENCES}`;

function generate(dir: string): void {
  const marker = path.join(dir, '.git', 'impl-notes-bench');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === GENERATION) return;
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < FILES; i++) {
    const file = path.join(dir, fileOf(i));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, moduleText(i));
  }
  const { notes, links } = notesTexts();
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'docs/notes.md'), notes);
  fs.writeFileSync(path.join(dir, 'docs/links.md'), links);
  // The template's other sections are not this benchmark's subject.
  fs.writeFileSync(path.join(dir, '.impl-notes.yaml'), 'missingSections: false\n');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '.'], { cwd: dir });
  fs.writeFileSync(marker, GENERATION);
}

/**
 * Runs the tasks in turn, round after round, so that the machine's load falls
 * on all alike; the median of each, and its first run (cold for the process).
 */
async function interleaved(tasks: Record<string, () => Promise<unknown>>, rounds: number): Promise<Record<string, { median: number; first: number }>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((name) => [name, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [name, task] of Object.entries(tasks)) {
      const t = performance.now();
      await task();
      times[name].push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, t]) => [name, { first: t[0], median: [...t].sort((a, b) => a - b)[t.length >> 1] }]));
}

const root = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3)) + ' ms';

async function printReferenceCheck(): Promise<void> {
  const dir = path.join(root, 'bench-out', 'refs-repo');
  generate(dir);
  const notesPath = path.join(dir, 'docs/notes.md');
  const { notes, links, named } = notesTexts();
  const references: Reference[] = analyze(notes, { missingSections: 'off' }).references;
  const runs = quick ? 7 : 21;
  const expectResolved = (resolved: ResolvedReference[]) => {
    const broken = resolved.filter((r) => r.finding).length;
    if (broken > 0) throw new Error(`the benchmark's notes should resolve: ${broken} broken, the first: ${resolved.find((r) => r.finding)?.finding?.message}`);
  };
  // The editor's re-check: its host (asynchronous calls), with the list and maybe the reads kept.
  const check = async (files: RepositoryFiles, cache = new ResolutionCache()) => {
    expectResolved(await resolveReferences(references, { host: nodeHost, files, document: notesPath, cache }));
  };
  const list = async () => new RepositoryFiles(dir, (await gitLsFiles(dir)) ?? []);
  // Cold as the CLI checks: its own code and host (main.ts), from finding the root to the last reference, nothing kept.
  const coldCheck = async () => {
    const repositories = new Repositories({ host: syncNodeHost, warn: (message) => { throw new Error(message); } });
    expectResolved(await repositories.resolve(notesPath, dir, undefined, references));
  };

  // The very first check of the process: nothing compiled, nothing cached (what one CLI run pays).
  const started = performance.now();
  await coldCheck();
  const firstCold = performance.now() - started;
  const kept = await list();
  const keptCache = new ResolutionCache();
  await check(kept, keptCache);
  const processor = unified().use(remarkParse).use(remarkValidateLinks, { repository: false, root: dir });
  let remarkMessages = 0;
  const remarkCheck = () =>
    new Promise<void>((resolve, reject) => {
      const input = { path: path.join(dir, 'docs/links.md'), value: links, cwd: dir };
      // The callback form hands over the file the plugin wrote its messages to.
      processor.run(processor.parse(input), input, (error, _tree, file) => {
        if (error) reject(error);
        remarkMessages = file?.messages.length ?? 0;
        resolve();
      });
    });
  const m = await interleaved({
    git: () => gitLsFiles(dir),
    // The floor lists, then reads every named file as fast as Node can, in the two fastest ways: callback
    // readFile, all at once (fs/promises is 3-4x slower on small files), and readFileSync, one after another
    // (no hand-off to the thread pool); the faster of the two is the floor.
    floorCallbacks: async () => {
      await gitLsFiles(dir);
      await Promise.all(named.map((f) => new Promise((resolve, reject) => fs.readFile(path.join(dir, f), (err, bytes) => (err ? reject(err) : resolve(bytes))))));
    },
    floorSync: async () => {
      await gitLsFiles(dir);
      for (const f of named) fs.readFileSync(path.join(dir, f));
    },
    cold: coldCheck,
    warm: () => check(kept, keptCache),
    warmList: () => check(kept),
  }, runs);
  // Against remark-validate-links in rounds of their own: its heap and the analysis's garbage would
  // otherwise be collected in the middle of the file-system figures above.
  const versus = await interleaved({
    cold: coldCheck,
    remark: remarkCheck,
    analysis: async () => analyze(notes, { missingSections: 'off' }),
    analysisWithout: async () => analyze(notes, { missingSections: 'off', references: 'off' }),
  }, runs);
  const { git, floorCallbacks, floorSync, warm, warmList } = m;
  const baseline = floorSync.median < floorCallbacks.median ? floorSync : floorCallbacks;
  const { remark, analysis, analysisWithout } = versus;
  const cold = { median: m.cold.median, first: firstCold };
  if (remarkMessages > 0) throw new Error(`remark-validate-links found ${remarkMessages} broken links in the benchmark's notes`);

  // The CLI as CI runs it: one process, git ls-files included.
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root });
  const cliTimes: number[] = [];
  const cliOff: number[] = [];
  for (let i = 0; i < (quick ? 5 : 11); i++) {
    for (const [args, out] of [[['check', 'docs/notes.md'], cliTimes], [['check', '--no-references', 'docs/notes.md'], cliOff]] as const) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
      out.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`impl-notes ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
    }
  }
  const median = (t: number[]) => [...t].sort((a, b) => a - b)[t.length >> 1];

  const row = (label: string, m: { median: number; first?: number }, note = '') =>
    console.log(`  ${label.padEnd(58)} ${fmt(m.median).padStart(10)}${m.first !== undefined ? `  (first run ${fmt(m.first)})` : ''}${note}`);
  console.log(`Reference check: ${references.length} references (${named.length} files named, ${references.filter((r) => r.kind === 'symbol').length} symbols) on a generated repository of ${FILES} files, median of ${runs}+ runs:`);
  row('git ls-files (10,000 files)', git);
  row('git ls-files + reading the named files, callback readFile', floorCallbacks, baseline === floorCallbacks ? '   (the floor)' : '');
  row('git ls-files + reading the named files, readFileSync', floorSync, baseline === floorSync ? '   (the floor)' : '');
  row('ours, cold: the CLI\'s check (root, git ls-files, read, resolve)', cold, `   ${(cold.median / baseline.median).toFixed(2)}x the floor (target: at most 1.5x)`);
  row('ours, warm: list and reads kept (the editor, after an edit)', warm);
  row('ours, list kept, files read again', warmList);
  row('remark-validate-links, the same targets as Markdown links', remark, `   ours cold in the same rounds (${fmt(versus.cold.median)}) is ${(remark.median / versus.cold.median).toFixed(2)}x faster (target: faster)`);
  row('the analysis of the notes (parse, sections, references)', analysis, `   without the references: ${fmt(analysisWithout.median)} (extraction adds ${fmt(Math.max(0, analysis.median - analysisWithout.median))})`);
  console.log(`  impl-notes check docs/notes.md, whole process: ${fmt(median(cliTimes))}; with --no-references ${fmt(median(cliOff))} (the reference check adds ${fmt(median(cliTimes) - median(cliOff))})\n`);
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
}

printReferenceCheck().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
