import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { createAnalyzer } from '../../src/cli/pool';
import { AnalysisLimitError } from '../../src/worker/client';
import { nodeHost, type CliHost } from '../../src/cli/nodeHost';
import { HostError } from '../../src/core';
import { version } from '../../package.json';
import { bin, bundles, root, runBin, runMain, type Outcome } from './harness';

const fixtures = path.join(root, 'test/fixtures/cli');


/** `closedStdout`: the reader of stdout is gone before anything is written (`| head -1`). */
type Runner = (argv: string[], cwd: string, closedStdout?: boolean) => Promise<Outcome>;

const inProcess: Runner = (argv, cwd, closedStdout) => runMain(argv, cwd, { closedStdout });
const childProcess: Runner = runBin;

interface Case {
  name: string;
  argv: string[];
  cwd?: string;
  code: number;
  /** Exact stdout, or a check of it. */
  stdout?: string | RegExp | ((out: string) => void);
  stderr?: string | RegExp;
  closedStdout?: boolean;
  /** Checks of the scratch folder afterwards (what was written or not). */
  after?: (cwd: string) => void;
}

const json = (out: string) => JSON.parse(out) as { version: number; files: { path: string; placeholders: unknown[]; sections: { status: string }[] }[] };

let scratch: string;
const noTasks = { done: 0, open: 0, notApplicable: 0 };

const cases: () => Case[] = () => [
  {
    name: 'a clean file exits 0 with a summary',
    argv: ['check', 'clean.md'],
    code: 0,
    stdout: '1 file checked: nothing left to fill.\n',
    stderr: '',
  },
  {
    name: 'placeholders exit 1, one line each, in path:line:column form',
    argv: ['check', 'todo.md'],
    code: 1,
    stdout: [
      'todo.md:4:12: Placeholder [Phase Number and Name] is not filled in [placeholder]',
      'todo.md:5:21: Placeholder [Name] is not filled in [placeholder]',
      'todo.md:7:16: Placeholder [Decision Title] is not filled in [placeholder]',
      '1 file checked: 3 placeholders and 0 empty sections in 1 file.',
      '',
    ].join('\n'),
  },
  {
    name: 'an empty section exits 1',
    argv: ['check', 'empty-section.md'],
    code: 1,
    stdout: 'empty-section.md:7:1: Section "Risks" is empty [empty-section]\n1 file checked: 0 placeholders and 1 empty section in 1 file.\n',
  },
  {
    name: 'json: the docs/spec.md shape with every section in order',
    argv: ['check', '--format', 'json', 'todo.md', 'clean.md'],
    code: 1,
    stdout: (out) => {
      const report = JSON.parse(out);
      assert.equal(report.version, 1);
      assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['todo.md', 'clean.md']);
      assert.deepEqual(report.files[0].placeholders[2], {
        line: 7, column: 16, endColumn: 32, text: '[Decision Title]', section: 'Decision 1: [Decision Title]',
      });
      assert.deepEqual(report.files[0].sections, [
        { title: 'Notes', level: 1, line: 1, status: 'done', placeholders: 0, tasks: noTasks },
        { title: 'Phase Information', level: 2, line: 3, status: 'todo', placeholders: 2, tasks: noTasks },
        { title: 'Decision 1: [Decision Title]', level: 2, line: 7, status: 'todo', placeholders: 1, tasks: noTasks },
      ]);
      assert.deepEqual(report.files[1].placeholders, []);
    },
  },
  {
    name: 'json: a clean file exits 0',
    argv: ['check', '--format=json', 'clean.md'],
    code: 0,
    stdout: (out) => assert.deepEqual(json(out).files[0].sections.map((s) => s.status), ['done', 'done', 'done']),
  },
  {
    name: 'directories: *.md only, node_modules and dot-folders skipped, sorted by code unit',
    argv: ['check', '--format', 'json', 'tree'],
    code: 1,
    stdout: (out) =>
      assert.deepEqual(json(out).files.map((f) => f.path), ['tree/B.md', 'tree/a-b.md', 'tree/a.md', 'tree/a/b.md', 'tree/sub/z.md']),
  },
  {
    name: 'a directory given with a trailing slash keeps it once',
    argv: ['check', '--format', 'json', 'tree/sub/'],
    code: 1,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['tree/sub/z.md']),
  },
  {
    name: 'a missing path exits 2 naming it, and the others are still checked',
    argv: ['check', '--format', 'json', 'missing.md', 'clean.md'],
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['clean.md']),
    stderr: /missing\.md: no such file or directory/,
  },
  {
    name: '2 outranks 1',
    argv: ['check', 'todo.md', 'nope/'],
    code: 2,
    stdout: /3 placeholders/,
    stderr: /nope\/: no such file or directory/,
  },
  {
    name: 'config: ignore list and the config\'s template, found by walking up',
    argv: ['check', '--format', 'json', 'configured/nested/notes.md'],
    code: 1,
    stdout: (out) =>
      assert.deepEqual(
        (json(out).files[0].placeholders as { line: number; column: number; text: string }[]).map((p) => `${p.line}:${p.column} ${p.text}`),
        ['5:19 [Owner]', '5:31 [1]', '8:6 [1]'],
      ),
  },
  {
    name: '--template replaces the active template',
    argv: ['check', '--format', 'json', '--template', 'configured/template.md', 'todo.md'],
    code: 1,
    stdout: (out) => assert.equal(json(out).files[0].placeholders.length, 3),
  },
  {
    name: 'an unreadable --template is an error',
    argv: ['check', '--template', 'none.md', 'todo.md'],
    code: 2,
    stderr: /cannot read template none\.md: no such file or directory/,
  },
  {
    name: 'sarif: one run, a result per finding, UTF-16 columns',
    argv: ['check', '--format', 'sarif', 'todo.md', 'empty-section.md'],
    code: 1,
    stdout: (out) => {
      const log = JSON.parse(out);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'impl-notes');
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['placeholder', 'empty-section', 'missing-section', 'broken-reference', 'unknown-symbol']);
      assert.deepEqual(
        run.results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }) => {
          const { artifactLocation, region } = r.locations[0].physicalLocation;
          return `${artifactLocation.uri}:${region.startLine}:${region.startColumn}-${region.endColumn} ${r.ruleId}`;
        }),
        ['todo.md:4:12-35 placeholder', 'todo.md:5:21-27 placeholder', 'todo.md:7:16-32 placeholder', 'empty-section.md:7:1-9 empty-section'],
      );
    },
  },
  {
    name: 'missing sections: text, one line each at the parent heading, exit 1; plain documents get none',
    argv: ['check', 'outline/runbook.md', 'outline/readme.md', 'outline/listed/plain.md'],
    code: 1,
    stdout: [
      'outline/runbook.md:1:1: Section "Rollback" is missing [missing-section]',
      'outline/listed/plain.md:1:1: Section "Steps" is missing [missing-section]',
      '3 files checked: 0 placeholders, 0 empty sections and 2 missing sections in 2 files.',
      '',
    ].join('\n'),
    stderr: '',
  },
  {
    name: 'missing sections: a document that is not notes exits 0',
    argv: ['check', 'outline/readme.md'],
    code: 0,
    stdout: '1 file checked: nothing left to fill.\n',
  },
  {
    name: 'missing sections: json has a missing list on every file object, empty when none',
    argv: ['check', '--format', 'json', 'notes-default.md', 'outline/readme.md', 'clean.md'],
    code: 1,
    stdout: (out) => {
      const files = JSON.parse(out).files as { path: string; missing: { title: string; level: number; line: number }[] }[];
      // In template order: the missing subsections of Technical Implementation Details come first.
      assert.deepEqual(files[0].missing.slice(4, 6), [
        { title: 'Configuration Changes', level: 3, line: 7 },
        { title: 'Implementation Challenges and Solutions', level: 2, line: 1 },
      ]);
      assert.deepEqual(files[0].missing.filter((m) => m.line === 7).map((m) => m.title), ['Code Structure', 'Key Components Implementation', 'Database Schema Changes', 'API Specifications', 'Configuration Changes']);
      assert.equal(files[0].missing.length, 18, 'Decision 4 keeps the Decision family present');
      assert.deepEqual(files[1].missing, []);
      assert.deepEqual(files[2].missing, []);
    },
  },
  {
    name: 'missing sections: sarif results with their rule',
    argv: ['check', '--format', 'sarif', 'outline/runbook.md'],
    code: 1,
    stdout: (out) => {
      const run = JSON.parse(out).runs[0];
      assert.deepEqual(
        run.results.map((r: { ruleId: string; ruleIndex: number; message: { text: string }; locations: { physicalLocation: { region: Record<string, number> } }[] }) =>
          `${r.ruleId}#${r.ruleIndex} ${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn} ${r.message.text}`),
        ['missing-section#2 1:1 Section "Rollback" is missing'],
      );
    },
  },
  {
    name: 'missing sections: missingSections: false in the config turns them off',
    argv: ['check', 'outline/off/notes.md'],
    code: 0,
    stdout: '1 file checked: nothing left to fill.\n',
  },
  { name: 'no command', argv: [], code: 2, stderr: /missing command/ },
  { name: 'unknown command', argv: ['lint', 'x.md'], code: 2, stderr: /unknown command 'lint'/ },
  { name: 'unknown option', argv: ['check', '--fix', 'x.md'], code: 2, stderr: /Unknown option '--fix'/ },
  { name: 'bad format', argv: ['check', '--format', 'xml', 'x.md'], code: 2, stderr: /unknown format 'xml' \(expected text, json, sarif, github, markdown, codeclimate\)/ },
  {
    name: 'github: workflow-command annotations, then the summary',
    argv: ['check', '--format', 'github', 'empty-section.md'],
    code: 1,
    stdout: '::warning file=empty-section.md,line=7,endLine=7,col=1,endColumn=9,title=impl-notes empty-section::Section "Risks" is empty\n' +
      '1 file checked: 0 placeholders and 1 empty section in 1 file.\n',
  },
  { name: 'check without a path', argv: ['check'], code: 2, stderr: /at least one PATH/ },
  { name: '--help', argv: ['--help'], code: 0, stdout: /Usage:\n {2}impl-notes check/ },
  { name: '--version', argv: ['--version'], code: 0, stdout: `${version}\n` },
  {
    name: 'binary, invalid UTF-8 and empty files',
    argv: ['check', '--format', 'json', 'binary.md', 'latin1.md', 'empty.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md']),
    stderr: /binary\.md: a binary file[\s\S]*latin1\.md: not valid UTF-8/,
  },
  {
    name: 'a BOM and CRLF do not shift positions',
    argv: ['check', 'bom-crlf.md'],
    cwd: 'scratch',
    code: 1,
    stdout: /^bom-crlf\.md:3:7: Placeholder \[Name\]/,
  },
  {
    name: 'a symlink loop is walked once',
    argv: ['check', '--format', 'json', 'loop'],
    cwd: 'scratch',
    code: 1,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['loop/inner/notes.md']),
  },
  {
    name: 'new writes the template and refuses to overwrite',
    argv: ['new', 'docs/phase-1.md'],
    cwd: 'scratch',
    code: 0,
    stdout: /Created docs\/phase-1\.md/,
  },
  {
    name: 'new never overwrites an existing file',
    argv: ['new', 'bom-crlf.md'],
    cwd: 'scratch',
    code: 2,
    stderr: /bom-crlf\.md: already exists; not overwritten/,
  },
  {
    name: 'a config whose template lies outside its folder is refused',
    argv: ['check', '--format', 'json', 'escape/notes.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.equal(json(out).files[0].placeholders.length, 1),
    stderr: /escape\/\.impl-notes\.yaml: template: \.\.\/binary\.md is outside the folder of the config file/,
  },
  {
    name: 'a file over the size limit is refused with a message, the others checked',
    argv: ['check', '--format', 'json', 'huge.md', 'empty.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md']),
    stderr: /huge\.md: too large to check \(50 MB; the limit is 10 MB\)/,
  },
  {
    name: 'a directory given as a file path is walked, a file inside a file is an error',
    argv: ['check', 'empty.md/x.md'],
    cwd: 'scratch',
    code: 2,
    stderr: /empty\.md\/x\.md: not a directory/,
  },
  {
    name: 'an invalid config is reported by file and key, the file still checked',
    argv: ['check', '--format', 'json', 'bad-config/notes.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.equal(json(out).files[0].placeholders.length, 1),
    stderr: /bad-config\/\.impl-notes\.yaml: colour: unknown key/,
  },
  // Hostile input (issue 12): each refused with a message, or checked once, never hanging.
  {
    name: 'a device is refused, not read (stat says /dev/zero has 0 bytes)',
    argv: ['check', '--format', 'json', '/dev/zero', 'empty.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md']),
    stderr: /\/dev\/zero: a device, not a regular file/,
  },
  {
    name: 'a FIFO given as a path is refused without waiting for a writer',
    argv: ['check', '--format', 'json', 'fifo.md', 'empty.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md']),
    stderr: /fifo\.md: a FIFO \(named pipe\), not a regular file/,
  },
  {
    name: 'a FIFO given as --template is refused',
    argv: ['check', '--template', 'fifo.md', 'empty.md'],
    cwd: 'scratch',
    code: 2,
    stdout: '',
    stderr: /cannot read template fifo\.md: a FIFO \(named pipe\), not a regular file/,
  },
  { name: "check '' is a usage error (an unset CI variable)", argv: ['check', ''], cwd: 'scratch', code: 2, stdout: '', stderr: /an empty PATH \(''\) was given/ },
  { name: "'' among other paths is a usage error too", argv: ['check', 'empty.md', ''], cwd: 'scratch', code: 2, stdout: '', stderr: /an empty PATH/ },
  { name: '--timeout must be a positive number', argv: ['check', '--timeout', '0', 'empty.md'], code: 2, stderr: /--timeout takes a number of seconds above 0, not '0'/ },
  { name: '--memory-limit must be a number of megabytes', argv: ['check', '--memory-limit', 'lots', 'empty.md'], code: 2, stderr: /--memory-limit takes a number of megabytes of at least 16, not 'lots'/ },
  {
    name: 'a template linked from inside the config folder to outside it is refused',
    argv: ['check', '--format', 'json', 'linked/notes.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.equal(json(out).files[0].placeholders.length, 1, 'checked against the built-in template'),
    stderr: /linked\/\.impl-notes\.yaml: template: t\.md is a link to \S*outside-template\.md, outside the folder of the config file; using the built-in template/,
  },
  {
    name: 'a config linked to a file outside its folder is refused',
    argv: ['check', '--format', 'json', 'conf-link/notes.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.equal(json(out).files[0].placeholders.length, 2, 'no ignore list applied'),
    stderr: /conf-link\/\.impl-notes\.yaml: cannot read: a link to \S*bad-config\/\.impl-notes\.yaml, outside the folder of the config file/,
  },
  {
    name: 'a config that is a directory, a dangling link or a FIFO is an error, not silence',
    argv: ['check', '--format', 'json', 'conf-dir/notes.md', 'conf-dangling/notes.md', 'conf-fifo/notes.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.equal(json(out).files.length, 3),
    // In any order: the three are looked up concurrently.
    stderr: /^(?=[\s\S]*conf-dir\/\.impl-notes\.yaml: cannot read: is a directory\n)(?=[\s\S]*conf-dangling\/\.impl-notes\.yaml: cannot read: a dangling symbolic link\n)(?=[\s\S]*conf-fifo\/\.impl-notes\.yaml: cannot read: a FIFO \(named pipe\), not a regular file\n)/,
  },
  {
    name: 'new with an invalid config exits 2 and writes nothing',
    argv: ['new', 'bad-config/new.md'],
    cwd: 'scratch',
    code: 2,
    stdout: '',
    stderr: /colour: unknown key[\s\S]*bad-config\/new\.md: not written, as the config that applies to it cannot be used/,
    after: (cwd) => assert.ok(!fs.existsSync(path.join(cwd, 'bad-config/new.md'))),
  },
  {
    name: "new with a config whose template is missing exits 2 and writes nothing",
    argv: ['new', 'no-template/deep/new.md'],
    cwd: 'scratch',
    code: 2,
    stderr: /no-template\/\.impl-notes\.yaml: template: cannot read template \S*nope\.md: no such file or directory/,
    after: (cwd) => assert.ok(!fs.existsSync(path.join(cwd, 'no-template/deep'))),
  },
  {
    name: 'new with an unusable --template exits 2 and writes nothing',
    argv: ['new', '--template', 'fifo.md', 'from-fifo.md'],
    cwd: 'scratch',
    code: 2,
    stderr: /cannot read template fifo\.md: a FIFO/,
    after: (cwd) => assert.ok(!fs.existsSync(path.join(cwd, 'from-fifo.md'))),
  },
  {
    name: 'a closed stdout (| head -1) ends the output quietly, with the true exit status',
    argv: ['check', 'bom-crlf.md', 'evil'],
    cwd: 'scratch',
    closedStdout: true,
    code: 1,
    stderr: '',
  },
  {
    name: 'control characters in a file name are escaped: a newline cannot forge a line',
    argv: ['check', 'evil'],
    cwd: 'scratch',
    code: 1,
    stdout: [
      'evil/a\\x0aforged.md:9:9: Placeholder [Forged] is not filled in [placeholder]\\x1b[2K.md:3:1: Placeholder [Name] is not filled in [placeholder]',
      '1 file checked: 1 placeholder and 0 empty sections in 1 file.',
      '',
    ].join('\n'),
  },
  {
    name: 'sarif: URIs percent-encoded per segment, relative ones against %SRCROOT%, absolute ones file://',
    argv: ['check', '--format', 'sarif', 'sarif', '{scratch}/sarif-abs/x:y.md'],
    cwd: 'scratch',
    code: 1,
    stdout: (out) => {
      const locations = JSON.parse(out).runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation);
      assert.deepEqual(locations, [
        { uri: 'sarif/a%3Ab.md', uriBaseId: '%SRCROOT%' },
        { uri: 'sarif/d/%C3%A9%20%231%3F.md', uriBaseId: '%SRCROOT%' },
        { uri: `file://${scratch}/sarif-abs/x%3Ay.md` },
      ]);
    },
  },
  {
    name: 'symlink diamonds (2 links per level, 14 levels): the file is checked once',
    argv: ['check', '--format', 'json', 'diamond'],
    cwd: 'scratch',
    code: 1,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), [`diamond/start/${'a/'.repeat(14)}notes.md`]),
  },
  {
    name: 'a file past --timeout is reported naming the limit; the others are still checked and printed',
    // The brackets take tens of seconds to parse (micromark is quadratic on them); the limit stops them at 1 s.
    // At 30,000 characters they are analysed in the CLI's own thread, where V8 stops them.
    argv: ['check', '--timeout', '1', '--format', 'json', '.slow/brackets.md', 'empty.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md']),
    stderr: /^impl-notes: \.slow\/brackets\.md: the analysis took over 1 s and was stopped\n$/,
  },
  {
    name: '--timeout in a worker thread: the same file with --memory-limit given, and a file over 32 KB',
    argv: ['check', '--timeout', '1', '--memory-limit', '1024', '--format', 'json', '.slow/brackets.md', 'empty.md', '.slow/brackets-40k.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md']),
    stderr: /^impl-notes: \.slow\/brackets\.md: the analysis took over 1 s and was stopped\nimpl-notes: \.slow\/brackets-40k\.md: the analysis took over 1 s and was stopped\n$/,
  },
  {
    name: 'a file over 32 KB past --timeout, in a run of small files analysed in-process',
    argv: ['check', '--timeout', '1', '--format', 'json', 'empty.md', '.slow/brackets-40k.md', 'bom-crlf.md'],
    cwd: 'scratch',
    code: 2,
    stdout: (out) => assert.deepEqual(json(out).files.map((f) => f.path), ['empty.md', 'bom-crlf.md']),
    stderr: /^impl-notes: \.slow\/brackets-40k\.md: the analysis took over 1 s and was stopped\n$/,
  },
  {
    name: 'a file past --memory-limit is reported naming the limit; the others are still checked and printed',
    argv: ['check', '--memory-limit', '32', '.slow/paragraph.md', 'bom-crlf.md'],
    cwd: 'scratch',
    code: 2,
    stdout: /^bom-crlf\.md:3:7: Placeholder \[Name\][\s\S]*2 files checked/,
    stderr: /\.slow\/paragraph\.md: the analysis ran out of memory \(the limit is 32 MB\) and was stopped/,
  },
];

function makeScratch(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'loop/inner'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('# Caf\xe9 [Name]\n', 'latin1'));
  fs.writeFileSync(path.join(dir, 'empty.md'), '');
  fs.writeFileSync(path.join(dir, 'bom-crlf.md'), '\uFEFF# Title\r\n\r\nHello [Name]\r\n');
  // A placeholder on the BOM's own line: a BOM kept would move it one column.
  fs.writeFileSync(path.join(dir, 'bom-first-line.md'), '\uFEFF[Owner] wrote this\r\n\r\n# Title\r\n\r\nHello [Name]\r\n');
  fs.writeFileSync(path.join(dir, 'first-line.md'), '[Owner] wrote this\r\n\r\n# Title\r\n\r\nHello [Name]\r\n');
  fs.writeFileSync(path.join(dir, 'loop/inner/notes.md'), '# Loop\n\n[Name]\n');
  fs.symlinkSync('..', path.join(dir, 'loop/inner/back'));
  fs.mkdirSync(path.join(dir, 'bad-config'));
  fs.writeFileSync(path.join(dir, 'bad-config/.impl-notes.yaml'), 'colour: blue\nignore: ["[Skip]"]\n');
  fs.writeFileSync(path.join(dir, 'bad-config/notes.md'), '# N\n\n[Skip] [Keep]\n');
  fs.mkdirSync(path.join(dir, 'escape'));
  fs.writeFileSync(path.join(dir, 'escape/.impl-notes.yaml'), 'template: ../binary.md\n');
  fs.writeFileSync(path.join(dir, 'escape/notes.md'), '# N\n\n[Keep]\n');
  // 50 MB without writing 50 MB: a sparse file (the size is refused before any read).
  fs.writeFileSync(path.join(dir, 'huge.md'), '');
  fs.truncateSync(path.join(dir, 'huge.md'), 50 * 1024 * 1024);
  // Issue 12's hostile shapes.
  execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
  fs.writeFileSync(path.join(dir, 'outside-template.md'), '# T\n\n## Owner\n\n[Team]\n');
  fs.mkdirSync(path.join(dir, 'linked'));
  fs.writeFileSync(path.join(dir, 'linked/.impl-notes.yaml'), 'template: t.md\n');
  fs.symlinkSync('../outside-template.md', path.join(dir, 'linked/t.md'));
  fs.writeFileSync(path.join(dir, 'linked/notes.md'), '# N\n\n[Keep]\n');
  fs.mkdirSync(path.join(dir, 'conf-link'));
  fs.symlinkSync('../bad-config/.impl-notes.yaml', path.join(dir, 'conf-link/.impl-notes.yaml'));
  fs.writeFileSync(path.join(dir, 'conf-link/notes.md'), '# N\n\n[Skip] [Keep]\n');
  for (const name of ['conf-dir', 'conf-dangling', 'conf-fifo']) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'notes.md'), '# N\n\n[Keep]\n');
  }
  fs.mkdirSync(path.join(dir, 'conf-dir/.impl-notes.yaml'));
  fs.symlinkSync('nowhere.yaml', path.join(dir, 'conf-dangling/.impl-notes.yaml'));
  execFileSync('mkfifo', [path.join(dir, 'conf-fifo/.impl-notes.yaml')]);
  fs.mkdirSync(path.join(dir, 'no-template'));
  fs.writeFileSync(path.join(dir, 'no-template/.impl-notes.yaml'), 'template: nope.md\n');
  fs.mkdirSync(path.join(dir, 'evil'));
  fs.writeFileSync(path.join(dir, 'evil', 'a\nforged.md:9:9: Placeholder [Forged] is not filled in [placeholder]\x1b[2K.md'), '# N\n\n[Name]\n');
  fs.mkdirSync(path.join(dir, 'sarif/d'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'sarif-abs'));
  for (const name of ['sarif/a:b.md', 'sarif/d/é #1?.md', 'sarif-abs/x:y.md']) fs.writeFileSync(path.join(dir, name), '# N\n\n[Name]\n');
  // Two links per level to the next, 14 levels: 16,384 paths to one file.
  const levels = path.join(dir, 'diamond/.levels');
  for (let level = 0; level <= 14; level++) fs.mkdirSync(path.join(levels, `L${level}`), { recursive: true });
  for (let level = 0; level < 14; level++) {
    for (const link of ['a', 'b']) fs.symlinkSync(`../L${level + 1}`, path.join(levels, `L${level}`, link));
  }
  fs.writeFileSync(path.join(levels, 'L14/notes.md'), '# N\n\n[Name]\n');
  fs.symlinkSync('.levels/L0', path.join(dir, 'diamond/start'));
  // Genuinely slow or large for the parser (a dot-folder: not walked by `check .`).
  fs.mkdirSync(path.join(dir, '.slow'));
  fs.writeFileSync(path.join(dir, '.slow/brackets.md'), ']'.repeat(30_000));
  fs.writeFileSync(path.join(dir, '.slow/brackets-40k.md'), ']'.repeat(40_000));
  fs.writeFileSync(path.join(dir, '.slow/paragraph.md'), 'word and [Name] more '.repeat(20_000));
}

/** Every file under a folder, to prove that check writes nothing. */
function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

suite('CLI without its analysis bundles', () => {
  // Never an analysis without limits: a missing bundle is an error before any file is read.
  for (const [name, bundle] of [['workerScript', 'no-such-worker.js'], ['analysisBundle', 'no-such-bundle.js']] as const) {
    test(`a missing ${name} is an error`, async () => {
      const io = { argv: ['check', 'clean.md'], cwd: fixtures, stdout: () => undefined, stderr: () => undefined, ...bundles, [name]: path.join(fixtures, bundle) };
      await assert.rejects(main(io), new RegExp(`the analysis worker .*${bundle.replaceAll('.', '\\.')} is missing`));
    });
  }
});

suite('where the CLI analyses a file', () => {
  const options = { script: bundles.workerScript, inProcessBundle: bundles.analysisBundle, timeLimit: 30_000, memoryLimit: 1024 };
  const request = (file: string, text = fs.readFileSync(path.join(fixtures, file), 'utf8')) => ({ key: file, text, ignore: [] });
  const inWorker = async (file: string) => {
    const pool = createAnalyzer({ ...options, inProcessBundle: undefined });
    try {
      return await pool.analyze(request(file));
    } finally {
      await pool.close();
    }
  };

  test('a run of a few small files starts no worker thread, and finds what a worker finds', async () => {
    const pool = createAnalyzer(options);
    try {
      pool.sizeFor(2);
      for (const file of ['todo.md', 'notes-default.md']) assert.deepEqual(await pool.analyze(request(file)), await inWorker(file));
      assert.equal(pool.threads, 0);
    } finally {
      await pool.close();
    }
  });

  test('a file over 32 KB, a run of more than 8 files, or an explicit worker count use worker threads', async () => {
    const big = createAnalyzer(options);
    const many = createAnalyzer(options);
    const counted = createAnalyzer({ ...options, workers: 1 });
    try {
      big.sizeFor(1);
      const text = '# Notes\n\n' + 'Fill [Name] in. '.repeat(2_200);
      assert.ok(text.length > 32 * 1024);
      assert.equal((await big.analyze(request('big.md', text))).placeholders.length, 2_200);
      assert.equal(big.threads, 1);
      many.sizeFor(9);
      assert.ok(many.threads >= 1);
      assert.equal(counted.threads, 1, 'started at once, before the files are listed');
    } finally {
      await Promise.all([big, many, counted].map((p) => p.close()));
    }
  });

  test('V8 stops an in-process analysis at the time limit; the files after it go to a worker', async function () {
    this.timeout(20_000);
    const pool = createAnalyzer({ ...options, timeLimit: 300 });
    try {
      pool.sizeFor(2);
      const error = await pool.analyze(request('brackets.md', ']'.repeat(30_000))).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof AnalysisLimitError && error.limit === 'time', String(error));
      assert.equal(error.message, 'the analysis took over 0.3 s and was stopped');
      assert.equal(pool.threads, 0);
      assert.deepEqual(await pool.analyze(request('todo.md')), await inWorker('todo.md'));
      assert.equal(pool.threads, 1);
    } finally {
      await pool.close();
    }
  });
});

suite('CLI with a file system that refuses', () => {
  test('an unreadable file is reported by name and the others are still checked', async () => {
    const denied = Object.assign(new HostError('permission denied'), { code: 'EACCES' });
    const refusing: CliHost = {
      ...nodeHost,
      readFile: async (file, limit) => {
        if (file.endsWith('todo.md')) throw denied;
        return nodeHost.readFile(file, limit);
      },
    };
    let stdout = '';
    let stderr = '';
    const code = await main({ argv: ['check', '--format', 'json', 'todo.md', 'clean.md'], cwd: fixtures, host: refusing, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), ...bundles });
    assert.equal(code, 2);
    assert.match(stderr, /todo\.md: permission denied/);
    assert.deepEqual(json(stdout).files.map((f) => f.path), ['clean.md']);
  });
});

for (const [label, run] of [['in-process main()', inProcess], ['dist/cli.js child process', childProcess]] as const) {
  suite(`CLI via ${label}`, () => {
    suiteSetup(function () {
      this.timeout(60000);
      if (run === inProcess) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-cli-'));
      makeScratch(scratch);
    });
    suiteTeardown(() => fs.rmSync(scratch, { recursive: true, force: true }));

    for (const c of cases()) {
      test(c.name, async () => {
        const cwd = c.cwd === 'scratch' ? scratch : fixtures;
        const argv = c.argv.map((a) => a.replaceAll('{scratch}', scratch));
        const outcome = await run(argv, cwd, c.closedStdout);
        assert.equal(outcome.code, c.code, `exit code; stderr: ${outcome.stderr}`);
        // The fault was injected: the run wrote to the closed stdout (a child's is closed before it starts).
        if (c.closedStdout && run === inProcess) assert.ok((outcome.refusedWrites ?? 0) > 0, 'nothing was written to the closed stdout');
        if (typeof c.stdout === 'string') assert.equal(outcome.stdout, c.stdout);
        else if (c.stdout instanceof RegExp) assert.match(outcome.stdout, c.stdout);
        else c.stdout?.(outcome.stdout);
        if (typeof c.stderr === 'string') assert.equal(outcome.stderr, c.stderr);
        else if (c.stderr) assert.match(outcome.stderr, c.stderr);
        c.after?.(cwd);
      });
    }

    test('check writes nothing', async () => {
      const before = listing(scratch);
      await run(['check', '--format', 'json', '.'], scratch);
      await run(['check', '.'], scratch);
      assert.deepEqual(listing(scratch), before);
    });

    test('new writes exactly the default template', async () => {
      // A folder of its own: this test runs `new` itself, whatever ran before it.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-new-'));
      try {
        const outcome = await run(['new', 'docs/notes.md'], dir);
        assert.equal(outcome.code, 0, outcome.stderr);
        const written = fs.readFileSync(path.join(dir, 'docs/notes.md'), 'utf8');
        assert.equal(written, fs.readFileSync(path.join(root, 'src/core/template/implementation-notes.md'), 'utf8'));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a BOM changes no position: the same report as the file without it', async () => {
      const withBom = await run(['check', '--format', 'json', 'bom-first-line.md'], scratch);
      const without = await run(['check', '--format', 'json', 'first-line.md'], scratch);
      assert.equal(withBom.code, 1, withBom.stderr);
      const report = (out: string) => ({ ...json(out).files[0], path: undefined });
      assert.equal(report(withBom.stdout).placeholders.length, 2);
      assert.deepEqual(report(withBom.stdout), report(without.stdout));
    });
  });
}

for (const [where, options] of [['in the CLI\'s thread', []], ['in a worker thread (dist/cli-worker.js)', ['--memory-limit', '1024']]] as const) {
  suite(`the code cache of the analysis bundle, ${where}`, () => {
    let folder: string;
    const check = (env: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, [bin, 'check', ...options, 'todo.md'], { cwd: fixtures, encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env } });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /^todo\.md:4:12: Placeholder \[Phase Number and Name\] is not filled in/m);
      assert.equal(r.stderr, '');
      return r.stdout;
    };
    const caches = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.cache'));
    setup(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-code-cache-'));
    });
    teardown(() => fs.rmSync(folder, { recursive: true, force: true }));

    test('is written by the first run and used as it is by the next, with the same output', () => {
      const cache = path.join(folder, 'cache');
      const first = check({ NODE_COMPILE_CACHE: cache });
      const [file, ...others] = caches(cache);
      assert.ok(file, 'a cache file was written');
      assert.deepEqual(others, []);
      const written = fs.statSync(path.join(cache, file));
      assert.equal(written.mode & 0o777, 0o600);
      assert.equal(fs.statSync(cache).mode & 0o777, 0o700);
      assert.equal(check({ NODE_COMPILE_CACHE: cache }), first);
      assert.equal(fs.statSync(path.join(cache, file)).mtimeMs, written.mtimeMs, 'V8 accepted it: not written again');
    });

    test('a corrupt cache is refused by V8 and replaced; the run is unaffected', () => {
      const cache = path.join(folder, 'cache');
      const expected = check({ NODE_COMPILE_CACHE: cache });
      const file = path.join(cache, caches(cache)[0]);
      fs.writeFileSync(file, 'not a code cache');
      assert.equal(check({ NODE_COMPILE_CACHE: cache }), expected);
      assert.ok(fs.statSync(file).size > 1000, 'rewritten');
    });

    test('a folder that cannot be used, or NODE_DISABLE_COMPILE_CACHE, means no cache and no failure', () => {
      const notAFolder = path.join(folder, 'file');
      fs.writeFileSync(notAFolder, '');
      const expected = check({ NODE_COMPILE_CACHE: notAFolder });
      const disabled = path.join(folder, 'disabled');
      assert.equal(check({ NODE_COMPILE_CACHE: disabled, NODE_DISABLE_COMPILE_CACHE: '1' }), expected);
      assert.ok(!fs.existsSync(disabled));
      const shared = path.join(folder, 'shared');
      fs.mkdirSync(shared);
      fs.chmodSync(shared, 0o777);
      assert.equal(check({ NODE_COMPILE_CACHE: shared }), expected);
      assert.deepEqual(caches(shared), [], 'a folder others may write to is not used');
      if (process.getuid?.() === 0) {
        // Another user's folder could hand us code: it is not read or written.
        const theirs = path.join(folder, 'theirs');
        fs.mkdirSync(theirs, { mode: 0o777 });
        fs.chownSync(theirs, 1, 1);
        assert.equal(check({ NODE_COMPILE_CACHE: theirs }), expected);
        assert.deepEqual(caches(theirs), []);
      }
    });
  });
}
