// The CLI as CI users get it: `npm pack`, the tarball installed into a
// project with nothing else, its `impl-notes` bin run there; the pre-commit
// hook's contract; and what the .vsix carries.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/cli');
// Outer `npm run` variables (npm_config_*, npm_package_*) must not steer the inner npm.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', env: cleanEnv });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let project: string;
let tarball: string;
let installed: string;
let bin: string;
const runBin = (args: string[], cwd = project, env: NodeJS.ProcessEnv = {}): Run => {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...cleanEnv, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

suite('the npm package, installed from its tarball', () => {
  suiteSetup(function () {
    this.timeout(300000);
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-pack-'));
    // `npm pack` runs the prepare script (the production build), as a publication does.
    tarball = path.join(project, npm(['pack', '--pack-destination', project], root).trim().split('\n').pop()!);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "ci-project", "private": true }\n');
    // Offline: the package has no dependencies, so nothing comes from a registry.
    npm(['install', '--offline', '--save-dev', tarball], project);
    installed = path.join(project, 'node_modules/implementation-notes');
    bin = path.join(project, 'node_modules/.bin/impl-notes');
    fs.cpSync(fixtures, path.join(project, 'docs'), { recursive: true });
  });
  suiteTeardown(() => fs.rmSync(project, { recursive: true, force: true }));

  test('has no dependencies and carries only the CLI', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.bin, { 'impl-notes': 'dist/cli.js' });
    const files = fs.readdirSync(installed, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(installed, f)).isFile()).sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli-worker.js', 'dist/cli.js', 'dist/impl-notes.js', 'dist/re2js.js', 'dist/worker.js', 'dist/yaml.js', 'package.json']);
    // The production build: minified, no source maps.
    assert.ok(!fs.readFileSync(path.join(installed, 'dist/impl-notes.js'), 'utf8').includes('sourceMappingURL'));
  });

  test('the main bundle has no Markdown parser: it lists, reads and prints, and loads the analysis bundle only for a file to analyse', () => {
    const main = fs.readFileSync(path.join(installed, 'dist/impl-notes.js'), 'utf8');
    const worker = fs.readFileSync(path.join(installed, 'dist/worker.js'), 'utf8');
    // Names only the parser carries: an HTML entity (character-entities) and a micromark token type.
    for (const marker of ['AElig', 'atxHeadingSequence']) {
      assert.ok(worker.includes(marker), `the analysis bundle has ${marker}`);
      assert.ok(!main.includes(marker), `the main bundle has ${marker}`);
    }
  });

  test('its impl-notes bin checks a file: findings, exit 1', () => {
    const r = runBin(['check', 'docs/todo.md']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^docs\/todo\.md:4:12: Placeholder \[Phase Number and Name\] is not filled in \[placeholder\]$/m);
    assert.match(r.stdout, /1 file checked: 3 placeholders and 0 empty sections in 1 file\.\n$/);
    assert.equal(runBin(['check', 'docs/clean.md']).code, 0);
  });

  test('npx finds the bin of the installed package by its name', () => {
    const r = spawnSync('npx', ['--offline', 'impl-notes', '--version'], { cwd: project, encoding: 'utf8', env: cleanEnv });
    assert.equal(r.status, 0, r.stderr);
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.stdout, version + '\n');
  });

  test('npx --package runs the bin of a package whose name differs from it (the README\'s CI line)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-npx-'));
    try {
      const r = spawnSync('npx', ['--offline', '--yes', '--package', tarball, 'impl-notes', 'check', path.join(project, 'docs/todo.md')], { cwd: empty, encoding: 'utf8', env: cleanEnv });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /3 placeholders/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a config file loads yaml and RE2 (its /regex/ ignore) from the package, and --format github annotates', () => {
    const r = runBin(['check', '--format', 'github', 'docs/configured/nested/notes.md']);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /TBD/, 'the /^\\[TBD/ ignore pattern applies');
    assert.match(r.stdout, /^::warning file=docs\/configured\/nested\/notes\.md,line=5,endLine=5,col=19,endColumn=26,title=impl-notes placeholder::Placeholder \[Owner\] is not filled in$/m);
  });

  test('a folder of 20 files, analysed in worker threads, is reported whole', () => {
    const many = path.join(project, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(many, `n${String(i).padStart(2, '0')}.md`), `# Notes ${i}\n\nOwner: [Name]\n`);
    const r = runBin(['check', '--format', 'json', 'many'], project, { IMPL_NOTES_WORKERS: '2' });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).files.filter((f: { placeholders: unknown[] }) => f.placeholders.length === 1).length, 20);
  });

  suite('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
    type Hook = { id: string; name: string; entry: string; language: string; files: string; pass_filenames?: boolean };
    const hooks = () => parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

    test('declares one node hook over Markdown files', () => {
      const [hook, ...others] = hooks();
      assert.equal(others.length, 0);
      assert.equal(hook.id, 'impl-notes');
      assert.equal(hook.language, 'node');
      assert.ok(hook.name);
      assert.notEqual(hook.pass_filenames, false);
      const files = new RegExp(hook.files);
      assert.ok(files.test('docs/implementation-notes/phase-1.md'));
      assert.ok(!files.test('src/index.ts') && !files.test('notes.md.bak'));
    });

    test('its entry, with the staged files appended, runs the installed bin', () => {
      // What pre-commit does: install the package (its bin on PATH), run `entry file...`.
      const [command, ...args] = hooks()[0].entry.split(/\s+/);
      assert.ok(fs.existsSync(path.join(project, 'node_modules/.bin', command)), `no bin named ${command}`);
      const env = { PATH: `${path.join(project, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
      const run = (files: string[]) => spawnSync(command, [...args, ...files], { cwd: project, encoding: 'utf8', env: { ...cleanEnv, ...env } });
      const failing = run(['docs/todo.md', 'docs/clean.md']);
      assert.equal(failing.status, 1, failing.stderr);
      assert.match(failing.stdout, /2 files checked: 3 placeholders/);
      assert.equal(run(['docs/clean.md']).status, 0);
    });
  });
});

suite('the .vsix', () => {
  test('carries the bundles, snippets, media, schema, manifest and docs, nothing else', function () {
    this.timeout(120000);
    const listed = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', env: cleanEnv })
      .split('\n').filter(Boolean).sort();
    assert.deepEqual(listed, [
      'CHANGELOG.md', 'LICENSE', 'README.md',
      'dist/cli-worker.js', 'dist/cli.js', 'dist/extension.js', 'dist/impl-notes.js', 'dist/re2js.js', 'dist/web/extension.js', 'dist/web/worker.js', 'dist/worker.js', 'dist/yaml.js',
      'l10n/bundle.l10n.json',
      'media/checklist.svg', 'media/icon.png', 'media/icon.svg',
      'media/walkthrough/checklist.md', 'media/walkthrough/ci.md', 'media/walkthrough/fill.md', 'media/walkthrough/insert.md',
      'package.json', 'package.nls.json', 'schemas/impl-notes.schema.json', 'snippets/markdown.json',
    ]);
  });
});
