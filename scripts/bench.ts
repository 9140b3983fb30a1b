// `npm run bench`: our analysis beside its anchors, measured in the same
// process and run (median of many iterations after warm-up). Never a test.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { lint } from 'markdownlint/sync';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { analyze, ChunkedParser, defaultTemplate, extractReferences, findMissingSections, HostError, LineIndex, referenceLabels, scanFiles, sortByRemaining, templateOutline, tooLargeMessage, type FileProgress, type ScanHost } from '../src/core';
import { WorkerClient } from '../src/worker/client';
import { spawnThread } from '../src/worker/thread';
import { printAdversarialTimes } from './adversarial';
import { notesDocument } from './bench-docs';

const root = path.resolve(__dirname, '..');
const quick = process.argv.includes('--quick');

function measure(fn: () => void, budgetMs: number, minRuns = 5): { median: number; runs: number } {
  // Warm-up: V8 optimises the parser over the first runs.
  const warm = performance.now();
  for (let i = 0; i < 50 && (i < 3 || performance.now() - warm < budgetMs / 4); i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 2000)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], runs: times.length };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3)) + ' ms';
const ratio = (a: number, b: number) => (a / b >= 10 ? (a / b).toFixed(0) : (a / b).toFixed(2)) + 'x';

// `npm run bench -- --startup`: the start-up figures alone (production build).
if (process.argv.includes('--startup')) {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root });
  printStartUp();
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
  process.exit(0);
}

// `npm run bench -- --references`: the reference check alone.
if (process.argv.includes('--references')) {
  printReferenceCheck();
  process.exit(0);
}

const remark = unified().use(remarkParse).use(remarkGfm);
const floorScan = (text: string) => {
  const re = /\[[^[\]\r\n]{1,120}\]/g;
  let n = 0;
  while (re.exec(text)) n++;
  return n + new LineIndex(text).lineCount;
};

console.log(`Implementation Notes benchmark: Node ${process.version}, ${new Date().toISOString()}`);
console.log(`Template: ${defaultTemplate().text.length} chars. Median of N runs after warm-up.\n`);

const rows: string[][] = [];
for (const copies of quick ? [1, 10] : [1, 10, 100]) {
  const text = notesDocument(copies, copies);
  const lines = text.split('\n').length;
  const budget = copies === 100 ? 20000 : 3000;
  const min = copies === 100 ? 3 : 10;

  const full = measure(() => analyze(text, { parser: new ChunkedParser() }), budget, min);
  const parser = new ChunkedParser();
  analyze(text, { parser });
  const middle = text.indexOf('\n', text.length >> 1) + 1;
  let k = 0;
  const edit = measure(() => {
    k++;
    analyze(text.slice(0, middle) + `edit ${k} ` + text.slice(middle), { parser });
  }, budget / 2, min * 3);
  const parse = measure(() => remark.parse(text), budget, min);
  const mdl = measure(() => lint({ strings: { doc: text } }), budget, min);
  const floor = measure(() => floorScan(text), 1000, 50);

  console.log(`${copies}x: ${lines} lines, ${(text.length / 1024).toFixed(0)} KB`);
  const table = [
    ['ours: full analysis', full],
    ['ours: re-analysis after a one-line edit', edit],
    ['anchor: remark + gfm parse alone', parse],
    ['anchor: markdownlint default lint', mdl],
    ['anchor: regex scan + line index (floor)', floor],
  ] as const;
  for (const [name, m] of table) console.log(`  ${name.padEnd(42)} ${fmt(m.median).padStart(10)}   (${m.runs} runs)`);
  console.log(`  ratios: full/remark ${ratio(full.median, parse.median)}, full/markdownlint ${ratio(full.median, mdl.median)}, ` +
    `edit/markdownlint 1/${ratio(mdl.median, edit.median)}, edit/floor ${ratio(edit.median, floor.median)}, full/floor ${ratio(full.median, floor.median)}\n`);
  if (copies === (quick ? 10 : 100)) {
    // Missing sections are a separate step over the section model: timed alone, and as the whole analysis with it off.
    const sections = analyze(text, { parser: new ChunkedParser() }).sections;
    const outline = templateOutline(defaultTemplate());
    const step = measure(() => findMissingSections(sections, outline, text), 2000, 20);
    const off = measure(() => analyze(text, { parser: new ChunkedParser(), missingSections: 'off' }), budget, min);
    console.log(`  missing-section matching alone ${fmt(step.median)} (${step.runs} runs): ${((100 * step.median) / off.median).toFixed(2)}% of a full analysis without it (${fmt(off.median)}); ` +
      `full analysis with it ${fmt(full.median)} (target: at most +5%)`);
    // Reference extraction is a step over the same facts: timed alone too (the full analysis above includes it).
    const analysis = analyze(text, { parser: new ChunkedParser() });
    const sources = { text, syntax: new ChunkedParser().facts(text).syntax, sections: analysis.sections, placeholders: analysis.placeholders, labels: referenceLabels(defaultTemplate()) };
    const extraction = measure(() => extractReferences(sources), 2000, 20);
    console.log(`  reference extraction alone ${fmt(extraction.median)} (${extraction.runs} runs, ${analysis.references.length} references): ` +
      `${((100 * extraction.median) / full.median).toFixed(2)}% of the full analysis\n`);
  }
  rows.push([`${copies}x`, fmt(full.median), fmt(edit.median), fmt(parse.median), fmt(mdl.median), fmt(floor.median)]);
}

printPeakMemory();

/** Runs one measurement of scripts/bench-memory.ts in its own process; undefined past the time limit. */
function measureAlone(tool: string, shape: string, size: number, timeoutMs: number): { ms: number; peakMb: number; bytes: number } | undefined {
  const r = spawnSync(process.execPath, ['--require', './test/unit/md-loader.cjs', '--import', 'tsx', 'scripts/bench-memory.ts', tool, shape, String(size)], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as { ms: number; peakMb: number; bytes: number };
}

/** Peak memory above the process's baseline: the notes documents beside remark and markdownlint, then the adversarial shapes. */
function printPeakMemory(): void {
  const cell = (m: ReturnType<typeof measureAlone>, limitMs: number) =>
    m ? `${fmt(m.ms).padStart(9)} ${`${m.peakMb.toFixed(0)} MB`.padStart(7)} ${`${((m.peakMb * 1048576) / m.bytes).toFixed(0)} B/B`.padStart(8)}` : `over ${limitMs / 1000} s`.padStart(26);
  console.log('Peak memory (RSS above the baseline, each run alone in a new process; B/B = bytes per input byte):');
  console.log(`  ${'document'.padEnd(26)} ${'ours'.padStart(26)} ${'remark + gfm parse'.padStart(26)} ${'markdownlint'.padStart(26)}`);
  const documents: [string, string, number][] = [
    ...(quick ? [1, 10] : [1, 10, 100]).map((copies): [string, string, number] => [`${copies}x notes`, 'notes', copies]),
    // One paragraph is one block: nothing can be dropped before its end.
    ['one 800 KB paragraph', 'one long paragraph', 800],
  ];
  for (const [name, shape, size] of documents) {
    const limit = 300_000;
    const cells = ['ours', 'remark', 'markdownlint'].map((tool) => cell(measureAlone(tool, shape, size, limit), limit));
    console.log(`  ${name.padEnd(26)} ${cells.join(' ')}`);
  }
  console.log('\nAdversarial shapes for the CLI (ours, alone in a new process; the CLI stops a file at --timeout, 30 s by default):');
  const sizes: [string, number[], string][] = [
    ['brackets', quick ? [2_500, 5_000] : [5_000, 10_000], ']'],
    ['nested lists', quick ? [100, 200] : [150, 300], 'levels'],
    ['[a] x on one line', quick ? [1_000, 2_000] : [2_500, 5_000], 'times'],
    ['one long paragraph', quick ? [50, 100] : [100, 200], 'KB'],
  ];
  for (const [shape, [small, large], unit] of sizes) {
    const limit = 120_000;
    const [a, b] = [small, large].map((n) => measureAlone('ours', shape, n, limit));
    const growth = a && b ? `time x${(b.ms / a.ms).toFixed(1)}, memory x${(b.peakMb / Math.max(a.peakMb, 1)).toFixed(1)} for x${large / small} input` : '';
    console.log(`  ${shape.padEnd(20)} ${`${small} ${unit}`.padStart(10)}: ${cell(a, limit)}   ${`${large} ${unit}`.padStart(10)}: ${cell(b, limit)}   ${growth}`);
  }
  // The CLI analyses such files in its own thread, with the time limit but no heap limit of their own (src/cli/pool.ts).
  console.log('\nHostile shapes at about 32 KB, the largest file the CLI analyses in its own thread (ours, alone in a new process):');
  const at32Kb: [string, number, string][] = [
    ['nested lists', 180, 'levels'],
    ['nested quotes', 16_400, "'> '"],
    ['nested containers', 4_600, "'- > 1. '"],
    ['[a] x on one line', 5_400, 'times'],
    ['one long paragraph', 32, 'KB'],
    ['notes', 2, 'copies'],
  ];
  for (const [shape, n, unit] of at32Kb) {
    const limit = 120_000;
    console.log(`  ${shape.padEnd(20)} ${`${n} ${unit}`.padStart(16)}: ${cell(measureAlone('ours', shape, n, limit), limit)}`);
  }
  console.log();
}

// CLI throughput on a folder of generated notes, beside markdownlint-cli2.
const folder = path.join(root, 'bench-out', 'cli-1000');
fs.rmSync(folder, { recursive: true, force: true });
fs.mkdirSync(folder, { recursive: true });
const fileCount = quick ? 200 : 1000;
for (let i = 0; i < fileCount; i++) fs.writeFileSync(path.join(folder, `notes-${String(i).padStart(4, '0')}.md`), notesDocument(1, 1000 + i));
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root });
const timeCommand = (args: string[]) => {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr.toString()}`);
  }
  return times.sort((a, b) => a - b)[1];
};
const ours = timeCommand(['dist/cli.js', 'check', '--format', 'json', folder]);
const theirs = timeCommand([path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), `${path.relative(root, folder)}/**/*.md`]);
console.log(`CLI on ${fileCount} notes files (${(fs.readdirSync(folder).reduce((s, f) => s + fs.statSync(path.join(folder, f)).size, 0) / 1048576).toFixed(1)} MB), median of 3 runs:`);
console.log(`  impl-notes check      ${fmt(ours).padStart(10)}  ${(fileCount / (ours / 1000)).toFixed(0)} files/s`);
console.log(`  markdownlint-cli2     ${fmt(theirs).padStart(10)}  ${(fileCount / (theirs / 1000)).toFixed(0)} files/s`);
console.log(`  throughput ratio ours/markdownlint-cli2: ${ratio(theirs, ours)}`);
// The rest waits for the workspace scan (this script is CommonJS: no top-level await).
void (async () => {
  const scan = await timeWorkspaceScan(folder);
  console.log(`  workspace scan (the Notes in Workspace view's core, one analysis worker as in the editor): ${fmt(scan.ms).padStart(10)} to a complete list of ${scan.notes} notes, ` +
    `${ratio(scan.ms, ours)} the CLI (target: at most 1.5x)\n`);

  printAdversarialTimes(measure, fmt);
  printStartUp();
  printReferenceCheck();

  console.log('Bundles (production build):');
  for (const file of ['dist/extension.js', 'dist/web/extension.js', 'dist/cli.js', 'dist/impl-notes.js', 'dist/cli-worker.js', 'dist/worker.js', 'dist/yaml.js', 'dist/re2js.js']) {
    const bytes = fs.readFileSync(path.join(root, file));
    console.log(`  ${file.padEnd(24)} ${(bytes.length / 1024).toFixed(0).padStart(5)} KB  (${(gzipSync(bytes).length / 1024).toFixed(0)} KB gzip)`);
  }
  const activation = path.join(root, 'out', 'activation.json');
  if (fs.existsSync(activation)) {
    const a = JSON.parse(fs.readFileSync(activation, 'utf8')) as { when: string; activateMs: number; firstAnalysisMs: number };
    console.log(`\nActivation in the real VS Code harness (last integration run, ${a.when}): ${a.activateMs.toFixed(1)} ms activate(), first analysis of the template ${a.firstAnalysisMs.toFixed(1)} ms`);
  } else {
    console.log('\nActivation: run `npm run test:integration` first; it records out/activation.json from the real VS Code.');
  }
  printMainThread(path.join(root, 'out', 'main-thread.json'));
  printWorkspaceScanTurns(path.join(root, 'out', 'workspace-scan.json'));
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
})();

/**
 * One small check (what a pre-commit hook pays), whole process, beside `node -e 0` and markdownlint-cli2:
 * the four interleaved, wall and CPU time (user + system of the child, all its threads), medians.
 * Target: at most 2x `node -e 0`.
 */
function printStartUp(): void {
  const example = 'examples/phase-2-search-indexing.md';
  const runs = quick ? 11 : 31;
  const commands = {
    node: ['-e', '0'],
    ours: ['dist/cli.js', 'check', example],
    // An explicit memory limit sends every file to a worker thread: what a file over 32 KB pays.
    oursInWorker: ['dist/cli.js', 'check', '--memory-limit', '1024', example],
    theirs: [path.join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'), example],
  };
  const wall: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  // Two rounds of warm-up: the file cache, and the worker's code cache (written by the first run).
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const cpuBefore = childrenCpuMs();
      const t = performance.now();
      spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
      if (i < 2) continue;
      wall[name].push(performance.now() - t);
      const cpuAfter = childrenCpuMs();
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpu[name].push(cpuAfter - cpuBefore);
    }
  }
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[times.length >> 1];
  const line = (label: string, name: string) => {
    const cpuText = cpu[name].length > 0 ? `${fmt(median(cpu[name])).padStart(10)} CPU  ${ratio(median(cpu[name]), median(cpu.node))}` : '';
    return `  ${label.padEnd(20)} ${fmt(median(wall[name])).padStart(10)} wall  ${ratio(median(wall[name]), median(wall.node))}   ${cpuText}`;
  };
  console.log(`Start-up: one small file (${example}), whole process, the four interleaved, median of ${runs} runs${cpu.node.length > 0 ? ' (CPU: user + system, 10 ms ticks)' : ''}:`);
  console.log(line('node -e 0', 'node'));
  console.log(line('impl-notes check', 'ours') + '   (target: at most 2x node -e 0)');
  console.log(line('  ... in a worker', 'oursInWorker') + '   (--memory-limit given, or a file over 32 KB)');
  console.log(line('markdownlint-cli2', 'theirs') + '\n');
}

/**
 * The reference check's figures (scripts/bench-references.ts), in a process
 * of its own (its first run is cold), bundled and minified as the shipped
 * CLI is: run through tsx, each closure also pays for its name.
 */
function printReferenceCheck(): void {
  const bundle = path.join(root, 'bench-out', 'bench-references.cjs');
  esbuild.buildSync({ entryPoints: [path.join(root, 'scripts/bench-references.ts')], bundle: true, platform: 'node', format: 'cjs', minify: true, outfile: bundle, loader: { '.md': 'text' }, logLevel: 'warning' });
  const r = spawnSync(process.execPath, [bundle, ...(quick ? ['--quick'] : [])], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`  the reference check benchmark failed (exit ${r.status})\n`);
}

/** CPU time of this process's finished children, from Linux's /proc (undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): cutime and cstime are the 14th and 15th.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** The extension host's main thread on a 20,000-line document, as the integration suite recorded it. */
function printMainThread(file: string): void {
  if (!fs.existsSync(file)) {
    console.log('\nMain thread: run `npm run test:integration` first; it records out/main-thread.json from the real VS Code.');
    return;
  }
  type Probe = { longestMs: number; count: number };
  type Phase = {
    wallMs: number;
    eventLoop: { maxMs: number; p99Ms: number };
    gc: { longestMs: number };
    ours: { longestTurnMs: number; longestTurnCpuMs: number; turns: number; probes: Record<string, Probe> };
  };
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    when: string; document: { lines: number; bytes: number; diagnostics: number; sections: number };
    edits: number; checklistEdits: number; workerReplyCloneMs: number; phases: Record<string, Phase>;
  };
  const d = m.document;
  console.log(`\nMain thread in the real VS Code harness (last integration run, ${m.when}): a ${d.lines}-line notes document ` +
    `(${(d.bytes / 1024).toFixed(0)} KB, ${d.diagnostics} findings, ${d.sections} sections). Target: no task of ours over 50 ms.`);
  console.log(`  ${'phase'.padEnd(38)} ${'our longest turn'.padStart(17)} ${'most CPU'.padStart(9)} ${'turns'.padStart(6)}   ${'loop max / p99 (upper bound)'.padStart(28)}   longest probe`);
  const label: Record<string, string> = {
    open: 'open, first diagnostics',
    edit: `${m.edits} one-line edits`,
    checklist: `checklist (show all, reveal, ${m.checklistEdits} edits)`,
  };
  for (const [name, p] of Object.entries(m.phases)) {
    const [probe, stats] = Object.entries(p.ours.probes).sort((a, b) => b[1].longestMs - a[1].longestMs)[0] ?? ['-', { longestMs: 0, count: 0 }];
    console.log(`  ${(label[name] ?? name).padEnd(38)} ${fmt(p.ours.longestTurnMs).padStart(17)} ${fmt(p.ours.longestTurnCpuMs).padStart(9)} ${String(p.ours.turns).padStart(6)}   ` +
      `${`${fmt(p.eventLoop.maxMs)} / ${fmt(p.eventLoop.p99Ms)}`.padStart(28)}   ${probe} ${fmt(stats.longestMs)}`);
  }
  console.log('  Our turn: our code summed per event-loop turn, wall clock (it includes GC pauses and time the OS gave to other processes);');
  console.log('  most CPU: the most CPU time of this thread our code took in one turn.');
  console.log('  Loop max / p99: every task on the extension host thread (VS Code, its built-in Markdown extension, the test), so an upper bound, not ours.');
  console.log(`  The worker's reply is deserialised on this thread before our code runs: a structured clone of it takes ${fmt(m.workerReplyCloneMs)} (serialise + deserialise).`);
}
/**
 * The workspace scan as the view runs it, minus VS Code: the files read
 * (stat, then the bytes), detected and analysed in batches through the same
 * WorkerClient and worker (dist/worker.js) as the editor's WorkerBackend, one
 * worker; until the sorted list is complete. Median of 3 runs, each with a
 * fresh worker (the editor's is started on first use too).
 */
async function timeWorkspaceScan(dir: string): Promise<{ ms: number; notes: number }> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => path.join(dir, f));
  const template = defaultTemplate().text;
  const times: number[] = [];
  let notes = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const client = new WorkerClient({ spawn: () => spawnThread(path.join(root, 'dist', 'worker.js'), { unref: true }), timeLimit: () => 30_000 });
    const host: ScanHost<string> = {
      key: (file) => file,
      config: async () => ({ templateText: template, ignore: [], byGlob: false, detectByContent: true, missingSections: true, maxChars: 2_000_000 }),
      read: async (file, limit) => {
        const stat = await fs.promises.stat(file);
        if (stat.size > limit) throw new HostError(tooLargeMessage(limit, stat.size));
        return fs.promises.readFile(file);
      },
      analyze: (request) => client.analyze(request, true),
    };
    const rows: FileProgress[] = [];
    await scanFiles(files, host, {
      onBatch: (batch) => {
        for (const r of batch) if (r.kind === 'notes') rows.push({ path: r.key, progress: r.progress });
      },
    });
    notes = sortByRemaining(rows).length;
    times.push(performance.now() - started);
    await client.dispose();
  }
  return { ms: times.sort((a, b) => a - b)[1], notes };
}

/** The workspace scan's main-thread turns in the real VS Code, as the integration suite recorded them. */
function printWorkspaceScanTurns(file: string): void {
  if (!fs.existsSync(file)) {
    console.log('\nWorkspace scan in VS Code: run `npm run test:integration` first; it records out/workspace-scan.json.');
    return;
  }
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { when: string; files: number; scanMs: number; phase: { longestTurnMs: number; longestTurnCpuMs: number; turns: number } };
  console.log(`\nWorkspace scan in the real VS Code harness (last integration run, ${m.when}): ${m.files} notes files listed in ${fmt(m.scanMs)}; ` +
    `our longest main-thread turn ${fmt(m.phase.longestTurnMs)} (${fmt(m.phase.longestTurnCpuMs)} CPU) over ${m.phase.turns} turns (target: under 50 ms).`);
}

