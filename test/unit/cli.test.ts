import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { JsonReport } from '../../src/core/report';
import type { SarifLog } from '../../src/core/sarif';

/** The parts of a SARIF run these tests read. */
interface SarifRun {
  tool: { driver: { name: string; rules: { id: string }[] } };
  columnKind: string;
  results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[];
}
import { version } from '../../package.json';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/cli');
const bin = path.join(root, 'dist/cli.js');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

type Runner = (argv: string[], cwd: string) => Promise<Outcome>;

const inProcess: Runner = async (argv, cwd) => {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv, cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
};

const childProcess: Runner = (argv, cwd) =>
  new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });

interface Case {
  name: string;
  argv: string[];
  cwd?: string;
  code: number;
  /** Exact stdout, or a check of it. */
  stdout?: string | RegExp | ((out: string) => void);
  stderr?: string | RegExp;
}

const json = (out: string) => JSON.parse(out) as { version: number; files: { path: string; placeholders: unknown[]; sections: { status: string }[] }[] };

let scratch: string;

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
    name: 'json: SPEC.md shape with every section in order',
    argv: ['check', '--format', 'json', 'todo.md', 'clean.md'],
    code: 1,
    stdout: (out) => {
      const report = JSON.parse(out) as JsonReport;
      assert.equal(report.version, 1);
      assert.deepEqual(report.files.map((f: { path: string }) => f.path), ['todo.md', 'clean.md']);
      assert.deepEqual(report.files[0].placeholders[2], {
        line: 7, column: 16, endColumn: 32, text: '[Decision Title]', section: 'Decision 1: [Decision Title]',
      });
      assert.deepEqual(report.files[0].sections, [
        { title: 'Notes', level: 1, line: 1, status: 'done', placeholders: 0 },
        { title: 'Phase Information', level: 2, line: 3, status: 'todo', placeholders: 2 },
        { title: 'Decision 1: [Decision Title]', level: 2, line: 7, status: 'todo', placeholders: 1 },
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
      const log = JSON.parse(out) as SarifLog;
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const run = log.runs[0] as SarifRun;
      assert.equal(run.tool.driver.name, 'impl-notes');
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['placeholder', 'empty-section']);
      assert.deepEqual(
        run.results.map((r) => {
          const { artifactLocation, region } = r.locations[0].physicalLocation;
          return `${artifactLocation.uri}:${region.startLine}:${region.startColumn}-${region.endColumn} ${r.ruleId}`;
        }),
        ['todo.md:4:12-35 placeholder', 'todo.md:5:21-27 placeholder', 'todo.md:7:16-32 placeholder', 'empty-section.md:7:1-9 empty-section'],
      );
    },
  },
  { name: 'no command', argv: [], code: 2, stderr: /missing command/ },
  { name: 'unknown command', argv: ['lint', 'x.md'], code: 2, stderr: /unknown command 'lint'/ },
  { name: 'unknown option', argv: ['check', '--fix', 'x.md'], code: 2, stderr: /Unknown option '--fix'/ },
  { name: 'bad format', argv: ['check', '--format', 'xml', 'x.md'], code: 2, stderr: /unknown format 'xml' \(expected text, json or sarif\)/ },
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
];

function makeScratch(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'loop/inner'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('# Caf\xe9 [Name]\n', 'latin1'));
  fs.writeFileSync(path.join(dir, 'empty.md'), '');
  fs.writeFileSync(path.join(dir, 'bom-crlf.md'), '\uFEFF# Title\r\n\r\nHello [Name]\r\n');
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
}

/** Every file under a folder, to prove that check writes nothing. */
function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

suite('CLI with a file system that refuses', () => {
  test('an unreadable file is reported by name and the others are still checked', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const nodeFs = await import('node:fs/promises');
    const refusing = {
      ...nodeFs,
      readFile: (async (file: string, ...rest: unknown[]) => {
        if (file.endsWith('todo.md')) throw denied;
        return (nodeFs.readFile as (...a: unknown[]) => Promise<Buffer>)(file, ...rest);
      }) as typeof nodeFs.readFile,
    };
    let stdout = '';
    let stderr = '';
    const code = await main({ argv: ['check', '--format', 'json', 'todo.md', 'clean.md'], cwd: fixtures, fs: refusing, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    assert.equal(code, 2);
    assert.match(stderr, /todo\.md: permission denied/);
    assert.deepEqual(json(stdout).files.map((f) => f.path), ['clean.md']);
  });
});

for (const [label, run] of [['in-process main()', inProcess], ['dist/cli.js child process', childProcess]] as const) {
  suite(`CLI via ${label}`, () => {
    suiteSetup(function () {
      this.timeout(60000);
      if (run === childProcess) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-cli-'));
      makeScratch(scratch);
    });
    suiteTeardown(() => fs.rmSync(scratch, { recursive: true, force: true }));

    for (const c of cases()) {
      test(c.name, async () => {
        const cwd = c.cwd === 'scratch' ? scratch : fixtures;
        const outcome = await run(c.argv, cwd);
        assert.equal(outcome.code, c.code, `exit code; stderr: ${outcome.stderr}`);
        if (typeof c.stdout === 'string') assert.equal(outcome.stdout, c.stdout);
        else if (c.stdout instanceof RegExp) assert.match(outcome.stdout, c.stdout);
        else c.stdout?.(outcome.stdout);
        if (typeof c.stderr === 'string') assert.equal(outcome.stderr, c.stderr);
        else if (c.stderr) assert.match(outcome.stderr, c.stderr);
      });
    }

    test('check writes nothing', async () => {
      const before = listing(scratch);
      await run(['check', '--format', 'json', '.'], scratch);
      await run(['check', '.'], scratch);
      assert.deepEqual(listing(scratch), before);
    });

    test('new wrote exactly the default template', () => {
      const written = fs.readFileSync(path.join(scratch, 'docs/phase-1.md'), 'utf8');
      assert.equal(written, fs.readFileSync(path.join(root, 'src/core/templates/implementation-notes.md'), 'utf8'));
    });
  });
}
