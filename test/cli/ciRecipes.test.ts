// The README's "In CI" recipes and the demo under examples/review-demo, run
// as CI would run them: every `$IMPL_NOTES …` command of the workflows,
// with the built CLI in place of npx, in a git repository made from the demo
// with a pull request's change on a topic branch.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { bin, git, root } from './harness';

const demo = path.join(root, 'examples/review-demo');
interface Step {
  run?: string;
}

/**
 * The workflow's scripts that call the CLI, whole (GitLab: each line); of
 * the comment step, what comes before the GitHub API calls.
 */
function cliScripts(workflow: string): string[] {
  const doc = parse(workflow) as { jobs?: Record<string, { steps?: Step[]; script?: string[] }> } & Record<string, { script?: string[] }>;
  const scripts: string[] = [];
  for (const value of Object.values(doc)) {
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray((value as { script?: unknown }).script)) scripts.push(...(value as { script: string[] }).script);
  }
  for (const job of Object.values(doc.jobs ?? {})) for (const step of job.steps ?? []) if (step.run) scripts.push(step.run);
  return scripts.filter((s) => s.includes('$IMPL_NOTES')).map((s) => (s.includes('gh api') ? s.slice(0, s.indexOf('id=$(')) : s));
}

/** A README code block that follows a comment line naming `file`. */
function readmeBlock(file: string): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(`# ${file}\n`);
  assert.ok(start >= 0, `README has a block for ${file}`);
  return readme.slice(start, readme.indexOf('```', start));
}

let repo: string;

function runLine(line: string, env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-e', '-c', line], { cwd: repo, encoding: 'utf8', env: { ...process.env, IMPL_NOTES: `${process.execPath} ${bin}`, NOTES: 'docs/implementation-notes', GITHUB_STEP_SUMMARY: path.join(repo, 'summary.md'), GITHUB_OUTPUT: path.join(repo, 'output.txt'), ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

suite('the CI recipes of the README and examples/review-demo', () => {
  setup(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-ci-'));
    fs.cpSync(demo, repo, { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'topic');
    // The pull request: a new placeholder in the finished notes.
    fs.appendFileSync(path.join(repo, 'docs/implementation-notes/phase-1-sign-in.md'), '\n## Rollout\n[Rollout date]\n');
    git(repo, 'commit', '-q', '-am', 'pull request');
  });
  teardown(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('the demo on its own: the baseline holds what is there, the draft too, exit 0', () => {
    git(repo, 'checkout', '-q', 'main');
    const r = spawnSync(process.execPath, [bin, 'check', '--baseline', '.impl-notes-baseline.json', 'docs/implementation-notes'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /3 files checked: nothing that fails the check\. Not counted: 3 in the baseline\./);
  });

  test('the baseline of the demo is the one `impl-notes baseline` writes today', () => {
    git(repo, 'checkout', '-q', 'main');
    const r = spawnSync(process.execPath, [bin, 'baseline', 'docs/implementation-notes'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.stdout, fs.readFileSync(path.join(demo, '.impl-notes-baseline.json'), 'utf8'));
  });

  for (const [label, workflow] of [
    ['the demo\'s GitHub workflow', () => fs.readFileSync(path.join(demo, '.github/workflows/implementation-notes.yml'), 'utf8')],
    ['the README\'s GitHub workflow', () => readmeBlock('.github/workflows/implementation-notes.yml')],
  ] as const) {
    test(`${label}: each CLI command runs; the report fails the pull request's new placeholder only`, () => {
      const text = workflow();
      const check = label.includes('demo') ? '--baseline .impl-notes-baseline.json --changed-since origin/main' : '';
      const lines = cliScripts(text);
      assert.ok(lines.length >= 3, lines.join('\n'));
      for (const line of lines) {
        const r = runLine(line, { GITHUB_BASE_REF: 'main', CHECK: check });
        assert.notEqual(r.code, 2, `${line}\n${r.stderr}`);
        assert.equal(r.stderr, '', line);
      }
      const report = fs.readFileSync(path.join(repo, 'report.md'), 'utf8');
      assert.match(report, /^## Implementation notes\n\n1 file checked \(2 unchanged files skipped\): 1 placeholder and 0 empty sections in 1 file\./);
      assert.match(report, /- Line 21: Placeholder \\\[Rollout date\\\] is not filled in \(placeholder\)/);
      assert.equal(fs.readFileSync(path.join(repo, 'summary.md'), 'utf8'), report);
      assert.match(fs.readFileSync(path.join(repo, 'output.txt'), 'utf8'), /^status=1$/m);
      assert.equal(JSON.parse(fs.readFileSync(path.join(repo, 'notes.sarif'), 'utf8')).runs[0].results.length, 1);
      assert.ok(Buffer.byteLength(fs.readFileSync(path.join(repo, 'comment.md'))) <= 65000 + 40);
    });
  }

  for (const [label, workflow] of [
    ['the demo\'s GitLab CI', () => fs.readFileSync(path.join(demo, '.gitlab-ci.yml'), 'utf8')],
    ['the README\'s GitLab CI', () => readmeBlock('.gitlab-ci.yml')],
  ] as const) {
    test(`${label}: the code-quality report is written and the job stays green; the changed check fails the new placeholder`, () => {
      // `git fetch origin …` is left out: the test's repository has origin/main already.
      const [quality, changed] = cliScripts(workflow());
      const q = runLine(quality, {});
      assert.equal(q.code, 0, q.stderr);
      const issues = JSON.parse(fs.readFileSync(path.join(repo, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string }[];
      assert.ok(issues.length >= 1);
      const c = runLine(changed, { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' });
      assert.equal(c.code, 1, c.stderr);
      assert.match(c.stdout, /phase-1-sign-in\.md:21:1: Placeholder \[Rollout date\] is not filled in \[placeholder\]\n/);
    });
  }
});
