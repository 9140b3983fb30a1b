// The reference check through the CLI (docs/spec.md, "Resolving references"),
// on fixture repositories made here: one a git work tree, one a plain folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitCheckIgnore, gitLsFiles, type GitLister } from '../../src/cli/repository';
import { git, root, runBin, runMain, type Outcome } from './harness';

const inProcess = (argv: string[], cwd: string, git?: GitLister): Promise<Outcome> => runMain(argv, cwd, { git });
const childProcess = (argv: string[], cwd: string): Promise<Outcome> => runBin(argv, cwd);

const INDEXER = `import { tokenize } from '../text/tokenize';

/** Builds the search index. */
export class Indexer {
  build(docs: string[]): void {
    docs.forEach((d) => tokenize(d));
  }
}
`;

/** The issue's case: the file moved to src/index/, the class renamed to Indexer. */
const ACCEPTANCE = `# Implementation Notes: Search

#### Component 1: Indexer
- **Purpose**: Builds the index.
- **Location**: \`src/search/indexer.ts\`
- **Key Classes/Functions**:
  - \`SearchIndexer\`: builds the index
`;

/** Every kind of reference, found and broken. */
const ALL_KINDS = `# Implementation Notes: Everything

#### Component 1: Indexer
- **Location**: \`src/index/indexer.ts\`
- **Key Classes/Functions**:
  - \`Indexer\`: the index
  - \`Indexer.build()\`: builds it
  - \`rebuild()\`: gone

#### Component 2: Tokenizer
- **Location**: [tokenizer](../src/text/tokenize.ts)
- **Key Classes/Functions**:
  - \`tokenise()\`: splits words

## Paths

See \`src/cli/main.ts#L3\`, \`src/cli/main.ts#L40\`, \`src/cli/main.ts:2\` and [the readme](../README.md).
Not these: \`../../etc/passwd\`, [passwd](/etc/passwd), \`src/secret.ts\`.
Build output: \`dist/app.js\`. A pipe: \`src/pipe#L1\`.

### Code Structure
\`\`\`
project_root/
├── src/
│   ├── index/
│   │   └── indexer.ts
│   └── search/
└── docs/
\`\`\`
`;

let base: string;
let gitRepo: string;
let plainRepo: string;
let outside: string;

/** A repository in `dir`: sources, notes, a link out, a FIFO, an ignored build output, a config that turns missing sections off. */
function makeRepository(dir: string, asGitWorkTree: boolean): void {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('src/index/indexer.ts', INDEXER);
  write('src/text/tokenize.ts', 'export function tokenize(text: string): string[] {\n  return text.split(/\\s+/);\n}\n');
  write('src/cli/main.ts', 'import { Indexer } from "../index/indexer";\n\nnew Indexer().build([]);\n');
  write('README.md', '# Search\n');
  write('dist/app.js', 'console.log(1);\n');
  write('.gitignore', 'dist/\n');
  write('.impl-notes.yaml', 'missingSections: false\n');
  write('docs/notes.md', ACCEPTANCE);
  write('docs/all.md', ALL_KINDS);
  write('docs/none.md', '# Implementation Notes: Nothing named\n\nNo references here.\n');
  write('docs/off/.impl-notes.yaml', 'missingSections: false\nreferences: false\n');
  write('docs/off/notes.md', ACCEPTANCE);
  fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(dir, 'src/secret.ts'));
  execFileSync('mkfifo', [path.join(dir, 'src/pipe')]);
  if (asGitWorkTree) {
    git(dir, 'init', '-q');
    // Part tracked, part untracked: both are in the list.
    git(dir, 'add', 'src/index', 'README.md');
    git(dir, 'commit', '-q', '-m', 'fixture');
  }
}

const ACCEPTANCE_OUTPUT = [
  'docs/notes.md:5:18: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? [broken-reference]',
  'docs/notes.md:7:6: `SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`? [unknown-symbol]',
  '1 file checked: 0 placeholders, 0 empty sections and 2 broken references in 1 file.',
  '',
].join('\n');

const allKindsLines = (git: boolean) => [
  'docs/all.md:8:6: `rebuild` is not declared in `src/index/indexer.ts`; renamed to `build`? [unknown-symbol]',
  'docs/all.md:13:6: `tokenise` is not declared in `src/text/tokenize.ts`; renamed to `tokenize`? [unknown-symbol]',
  'docs/all.md:17:28: line 40 of `src/cli/main.ts` past the end of the file: it has 3 lines [broken-reference]',
  'docs/all.md:18:13: `../../etc/passwd` leads outside the repository (not read) [broken-reference]',
  'docs/all.md:18:41: `/etc/passwd` is an absolute path, outside the repository (not read) [broken-reference]',
  'docs/all.md:18:56: `src/secret.ts` is a symbolic link to a place outside the repository (not read) [broken-reference]',
  ...(git ? ['docs/all.md:19:16: `dist/app.js` does not exist in the repository [broken-reference]'] : []),
  'docs/all.md:19:39: `src/pipe` does not exist in the repository [broken-reference]',
  'docs/all.md:27:9: `src/search` does not exist in the repository [broken-reference]',
];

suite('the reference check', () => {
  suiteSetup(function () {
    this.timeout(120_000);
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-refs-'));
    outside = path.join(base, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.ts'), 'export const SECRET = 1;\n');
    gitRepo = path.join(base, 'git-repo');
    plainRepo = path.join(base, 'plain-repo');
    makeRepository(gitRepo, true);
    makeRepository(plainRepo, false);
  });
  suiteTeardown(() => fs.rmSync(base, { recursive: true, force: true }));

  test('git: a tracked file moved in the work tree (not yet committed) reads as moved, not as unreadable', async () => {
    const dir = path.join(base, 'git-moved');
    fs.mkdirSync(path.join(dir, 'src/search'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'src/search/indexer.ts'), INDEXER);
    fs.writeFileSync(path.join(dir, '.impl-notes.yaml'), 'missingSections: false\n');
    fs.writeFileSync(path.join(dir, 'docs/notes.md'), '# Implementation Notes: Search\n\n- **Location**: `src/search/indexer.ts`\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'fixture');
    fs.mkdirSync(path.join(dir, 'src/index'));
    fs.renameSync(path.join(dir, 'src/search/indexer.ts'), path.join(dir, 'src/index/indexer.ts'));
    const r = await inProcess(['check', 'docs/notes.md'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout.split('\n')[0], 'docs/notes.md:3:18: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? [broken-reference]');
  });

  for (const [label, run] of [['in-process main()', inProcess], ['dist/cli.js child process', childProcess]] as const) {
    suite(`via ${label}`, () => {
      for (const [kind, repo] of [['a git work tree', () => gitRepo], ['a folder without git', () => plainRepo]] as const) {
        test(`the issue's case in ${kind}: a moved Location and a renamed class, exit 1, both candidates named`, async () => {
          const r = await run(['check', 'docs/notes.md'], repo());
          assert.equal(r.code, 1, r.stderr);
          assert.equal(r.stdout, ACCEPTANCE_OUTPUT);
          assert.equal(r.stderr, '');
        });

        test(`every kind in ${kind}: found ones silent, broken ones reported in document order`, async () => {
          const git = kind === 'a git work tree';
          const r = await run(['check', 'docs/all.md'], repo());
          assert.equal(r.code, 1, r.stderr);
          const lines = allKindsLines(git);
          assert.equal(r.stdout, [...lines, `1 file checked: 0 placeholders, 0 empty sections and ${lines.length} broken references in 1 file.`, ''].join('\n'));
        });
      }

      test('json: every reference of a file, found or not, with its target and status', async () => {
        const r = await run(['check', '--format', 'json', 'docs/all.md', 'docs/none.md'], gitRepo);
        assert.equal(r.code, 1, r.stderr);
        const [all, none] = JSON.parse(r.stdout).files;
        const rows = all.references.map((x: { line: number; column: number; text: string; kind: string; target: string | null; status: string; targetLine?: number }) =>
          `${x.line}:${x.column} ${x.kind} ${x.text} -> ${x.status} ${x.target}${x.targetLine ? `:${x.targetLine}` : ''}`);
        assert.deepEqual(rows, [
          '4:18 path src/index/indexer.ts -> ok src/index/indexer.ts',
          '6:6 symbol Indexer -> ok src/index/indexer.ts:4',
          '7:6 symbol Indexer.build() -> ok src/index/indexer.ts:5',
          '8:6 symbol rebuild() -> missing null',
          '11:29 path ../src/text/tokenize.ts -> ok src/text/tokenize.ts',
          '13:6 symbol tokenise() -> missing null',
          '17:6 line src/cli/main.ts#L3 -> ok src/cli/main.ts:3',
          '17:28 line src/cli/main.ts#L40 -> missing src/cli/main.ts',
          '17:51 line src/cli/main.ts:2 -> ok src/cli/main.ts:2',
          '17:87 path ../README.md -> ok README.md',
          '18:13 path ../../etc/passwd -> outside null',
          '18:41 path /etc/passwd -> outside null',
          '18:56 path src/secret.ts -> outside null',
          '19:16 path dist/app.js -> missing null',
          '19:39 line src/pipe#L1 -> missing null',
          '24:5 tree src/ -> ok src',
          '25:9 tree index/ -> ok src/index',
          '26:13 tree indexer.ts -> ok src/index/indexer.ts',
          '27:9 tree search/ -> missing null',
          '28:5 tree docs/ -> ok docs',
        ]);
        const broken = all.references.find((x: { text: string }) => x.text === 'rebuild()');
        assert.deepEqual(broken, {
          line: 8, column: 6, endColumn: 15, text: 'rebuild()', kind: 'symbol', target: null, status: 'missing',
          code: 'unknown-symbol', message: '`rebuild` is not declared in `src/index/indexer.ts`; renamed to `build`?', suggestion: 'build()',
        });
        assert.deepEqual(none.references, []);
      });

      test('sarif: a rule for each reference finding, a result for each broken one', async () => {
        const r = await run(['check', '--format', 'sarif', 'docs/notes.md'], gitRepo);
        assert.equal(r.code, 1, r.stderr);
        const sarif = JSON.parse(r.stdout);
        const rules = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
        assert.ok(rules.includes('broken-reference') && rules.includes('unknown-symbol'));
        assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { region: unknown } }[] }) =>
          [x.ruleId, rules[x.ruleIndex], x.locations[0].physicalLocation.region]), [
          ['broken-reference', 'broken-reference', { startLine: 5, startColumn: 18, endLine: 5, endColumn: 39 }],
          ['unknown-symbol', 'unknown-symbol', { startLine: 7, startColumn: 6, endLine: 7, endColumn: 19 }],
        ]);
      });

      test('github: one annotation per broken reference, then the summary', async () => {
        const r = await run(['check', '--format', 'github', 'docs/notes.md'], gitRepo);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stdout, [
          '::warning file=docs/notes.md,line=5,endLine=5,col=18,endColumn=39,title=impl-notes broken-reference::`src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`?',
          '::warning file=docs/notes.md,line=7,endLine=7,col=6,endColumn=19,title=impl-notes unknown-symbol::`SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`?',
          '1 file checked: 0 placeholders, 0 empty sections and 2 broken references in 1 file.',
          '',
        ].join('\n'));
      });

      test('--no-references and `references: false` switch the check off', async () => {
        const off = await run(['check', '--no-references', 'docs/notes.md'], gitRepo);
        assert.deepEqual([off.code, off.stdout], [0, '1 file checked: nothing left to fill.\n']);
        const json = await run(['check', '--no-references', '--format', 'json', 'docs/all.md'], gitRepo);
        assert.deepEqual(JSON.parse(json.stdout).files[0].references, []);
        const config = await run(['check', 'docs/off/notes.md'], gitRepo);
        assert.deepEqual([config.code, config.stdout, config.stderr], [0, '1 file checked: nothing left to fill.\n', '']);
      });

      test('--root: references resolve in the given folder; a --root that is no folder is an error', async () => {
        const notes = path.join(base, 'elsewhere', 'notes.md');
        fs.mkdirSync(path.dirname(notes), { recursive: true });
        fs.writeFileSync(notes, '# Implementation Notes: Elsewhere\n\nSee `src/cli/main.ts#L2` and `index/indexer.ts`.\n');
        const given = await run(['check', '--format', 'json', '--root', plainRepo, notes], base);
        const statuses = (out: string) => JSON.parse(out).files[0].references.map((x: { status: string; target: string | null }) => `${x.status} ${x.target}`);
        assert.deepEqual(statuses(given.stdout), ['ok src/cli/main.ts', 'missing null']);
        const sub = await run(['check', '--format', 'json', '--root', path.join(plainRepo, 'src'), notes], base);
        assert.deepEqual(statuses(sub.stdout), ['missing null', 'ok index/indexer.ts']);
        // No --root, no .git, no config: the checked path's folder is the root.
        const fallback = await run(['check', '--format', 'json', notes], base);
        assert.deepEqual(statuses(fallback.stdout), ['missing null', 'missing null']);
        const bad = await run(['check', '--root', path.join(plainRepo, 'README.md'), notes], base);
        assert.deepEqual([bad.code, bad.stdout], [2, '']);
        assert.match(bad.stderr, /^impl-notes: --root .*README\.md: not a directory\n$/);
        const usage = await run(['new', '--root', 'x'], base);
        assert.equal(usage.code, 2);
        assert.match(usage.stderr, /--root applies to check and baseline only/);
      });

      test('the usage text names the reference check and its switches', async () => {
        const r = await run(['--help'], base);
        assert.match(r.stdout, /\[--root DIR\] \[--no-references\]/);
        assert.match(r.stdout, /--no-references {6}Do not check references/);
      });
    });
  }

  suite('listing the repository', () => {
    test('git runs once per root per run, and never for documents without references', async () => {
      const roots: string[] = [];
      const counting: GitLister = (dir) => {
        roots.push(dir);
        return gitLsFiles(dir);
      };
      await inProcess(['check', 'docs/none.md'], gitRepo, counting);
      assert.deepEqual(roots, []);
      const r = await inProcess(['check', 'docs/notes.md', 'docs/all.md', 'docs/none.md'], gitRepo, counting);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(roots, [gitRepo]);
    });

    test('git ls-files honours .gitignore; when git fails, the walk lists the files instead', async () => {
      const listed = await gitLsFiles(gitRepo);
      assert.ok(listed);
      assert.ok(listed.includes('src/index/indexer.ts') && listed.includes('src/cli/main.ts'), 'tracked and untracked');
      assert.ok(!listed.some((f) => f.startsWith('dist/')), 'ignored');
      assert.equal(await gitLsFiles(plainRepo), undefined, 'not a work tree');
      const failing = await inProcess(['check', '--format', 'json', 'docs/all.md'], gitRepo, async () => undefined);
      const app = JSON.parse(failing.stdout).files[0].references.find((x: { text: string }) => x.text === 'dist/app.js');
      assert.equal(app.status, 'ok', 'the walk does not read .gitignore');
    });

    test('git check-ignore leaves out what git ls-files leaves out, for any number of names in one process', async () => {
      const listed = new Set(await gitLsFiles(gitRepo));
      const names = ['dist/app.js', 'dist/new file.js', 'src/index/indexer.ts', 'src/new\nline.ts', ...Array.from({ length: 5000 }, (_, i) => `dist/chunk-${i}.js`)];
      const ignored = await gitCheckIgnore(gitRepo, names);
      assert.ok(ignored);
      assert.deepEqual(names.filter((n) => !ignored.has(n)), ['src/index/indexer.ts', 'src/new\nline.ts']);
      assert.ok(listed.has('src/index/indexer.ts') && !listed.has('dist/app.js'), 'the same rule as the listing');
      assert.deepEqual(await gitCheckIgnore(gitRepo, []), new Set());
      assert.equal(await gitCheckIgnore(plainRepo, ['dist/app.js']), undefined, 'not a work tree: git cannot tell');
    });
  });
});
