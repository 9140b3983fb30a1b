// The CLI in code review, as CI runs it (dist/cli.js in a child process):
// the markdown and codeclimate reports, drafts, baselines, --changed-since
// against real git repositories, and badges.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bin, git, root } from './harness';

const fixtures = path.join(root, 'test/fixtures/cli');
// Outside GitHub Actions whatever runs the tests: links are relative unless a test says otherwise.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GITHUB_')));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): Run {
  const r = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd, encoding: 'utf8', env: { ...baseEnv, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Never a stack trace on standard error. */
const noStack = (r: Run) => assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, r.stderr);


let scratch: string;
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
  fs.writeFileSync(path.join(scratch, rel), text);
};

suite('CLI in code review', () => {
  setup(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-review-'));
  });
  teardown(() => fs.rmSync(scratch, { recursive: true, force: true }));

  suite('--format markdown and codeclimate', () => {
    test('markdown: a table row per file, findings in <details>, exit 1 as for text', () => {
      const r = cli(['check', '--format', 'markdown', 'todo.md', 'clean.md'], fixtures);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^## Implementation notes\n\n2 files checked: 3 placeholders and 0 empty sections in 1 file\.\n/);
      assert.match(r.stdout, /^\| \[todo\.md\]\(todo\.md\) \| 0\/3 \| ░░░░░░░░░░ 0% \| – \| 3 \| 0 \| 0 \| 0 \|$/m);
      assert.match(r.stdout, /^\| \[clean\.md\]\(clean\.md\) \|/m);
      assert.match(r.stdout, /<details><summary>todo\.md: 3 findings<\/summary>\n\n- Line 4: Placeholder \\\[Phase Number and Name\\\] is not filled in \(placeholder\)\n/);
    });

    test('markdown on GitHub Actions links each file at the commit; --link-base overrides', () => {
      const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc123' };
      assert.match(cli(['check', '--format', 'markdown', 'todo.md'], fixtures, env).stdout, /\[todo\.md\]\(https:\/\/github\.com\/o\/r\/blob\/abc123\/todo\.md\)/);
      assert.match(cli(['check', '--format', 'markdown', '--link-base', 'https://x.test/t/', 'todo.md'], fixtures, env).stdout, /\[todo\.md\]\(https:\/\/x\.test\/t\/todo\.md\)/);
    });

    test('markdown: --max-bytes caps the report and says what was left out; a bad value is a usage error', () => {
      write('n.md', '# N\n\n' + '[Name]\n'.repeat(400));
      const r = cli(['check', '--format', 'markdown', '--max-bytes', '4096', 'n.md'], scratch);
      assert.equal(r.code, 1);
      assert.ok(Buffer.byteLength(r.stdout) <= 4096);
      assert.match(r.stdout, /Left out: \d+ entries of the lists, to keep the report under 4096 bytes/);
      const bad = cli(['check', '--format', 'markdown', '--max-bytes', '10', 'n.md'], scratch);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--max-bytes takes a whole number of bytes of at least 1024, not '10'/);
    });

    test('codeclimate: issues GitLab reads, paths relative to the folder of the run', () => {
      const r = cli(['check', '--format', 'codeclimate', 'cli/todo.md'], path.dirname(fixtures));
      assert.equal(r.code, 1, r.stderr);
      const issues = JSON.parse(r.stdout) as { check_name: string; description: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
      assert.equal(issues.length, 3);
      assert.deepEqual(issues[0], { ...issues[0], check_name: 'placeholder', description: 'Placeholder [Phase Number and Name] is not filled in', severity: 'minor', location: { path: 'cli/todo.md', lines: { begin: 4, end: 4 } } });
      assert.match(issues[0].fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 3);
    });
  });

  suite('drafts', () => {
    const draft = '---\nstatus: draft\n---\n# Notes\n\n## Owner\n[Name]\n\n## Risks\n';
    test('placeholders and missing sections of a draft are notices: exit 0 when nothing else is left', () => {
      write('d.md', draft.replace('\n## Risks\n', ''));
      const r = cli(['check', 'd.md'], scratch);
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.stdout, 'd.md:7:1: Placeholder [Name] is not filled in [placeholder] (notice: draft)\n1 file checked: nothing that fails the check. Not counted: 1 in drafts.\n');
      assert.match(cli(['check', '--format', 'github', 'd.md'], scratch).stdout, /^::notice file=d\.md,line=7,/);
    });

    test('an empty section still fails a draft; --strict counts the placeholders too', () => {
      write('d.md', draft);
      const r = cli(['check', 'd.md'], scratch);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /1 file checked: 0 placeholders and 1 empty section in 1 file\. Not counted: 1 in drafts\.\n$/);
      const strict = cli(['check', '--strict', 'd.md'], scratch);
      assert.equal(strict.code, 1);
      assert.match(strict.stdout, /1 file checked: 1 placeholder and 1 empty section in 1 file\.\n$/);
    });

    test('the Status field of the template says it too', () => {
      write('s.md', '# Notes\n\n## Phase Information\n**Status**: In progress\n**Lead Developer**: [Name]\n');
      assert.equal(cli(['check', 's.md'], scratch).code, 0);
      write('s.md', '# Notes\n\n## Phase Information\n**Status**: Done\n**Lead Developer**: [Name]\n');
      assert.equal(cli(['check', 's.md'], scratch).code, 1);
    });
  });

  suite('baseline', () => {
    test('adopting on a repository with findings: baseline, then only new findings fail', () => {
      write('docs/a.md', '# A\n\nOwner: [Name]\n\n## Risks\n');
      write('docs/b.md', '# B\n\n[Date]\n');
      const base = cli(['baseline', 'docs'], scratch);
      assert.equal(base.code, 0, base.stderr);
      fs.writeFileSync(path.join(scratch, 'baseline.json'), base.stdout);
      const clean = cli(['check', '--baseline', 'baseline.json', 'docs'], scratch);
      assert.equal(clean.code, 0, clean.stdout);
      assert.equal(clean.stdout, '2 files checked: nothing that fails the check. Not counted: 3 in the baseline.\n');
      // Lines above the findings, and a new one.
      write('docs/a.md', '# A\n\nIntro.\n\nMore intro.\n\nOwner: [Name]\n\n## Risks\n\n## Plan\n');
      const moved = cli(['check', '--baseline', 'baseline.json', 'docs'], scratch);
      assert.equal(moved.code, 1);
      assert.equal(moved.stdout, 'docs/a.md:11:1: Section "Plan" is empty [empty-section]\n2 files checked: 0 placeholders and 1 empty section in 1 file. Not counted: 3 in the baseline.\n');
    });

    test('entries no longer found are reported as fixed, also for a file gone from the folder', () => {
      write('docs/a.md', '# A\n\nOwner: [Name]\n');
      write('docs/b.md', '# B\n\n[Date]\n');
      fs.writeFileSync(path.join(scratch, 'baseline.json'), cli(['baseline', 'docs'], scratch).stdout);
      write('docs/a.md', '# A\n\nOwner: Ann\n');
      fs.rmSync(path.join(scratch, 'docs/b.md'));
      const r = cli(['check', '--baseline', 'baseline.json', 'docs'], scratch);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, [
        'docs/a.md: fixed since the baseline: Placeholder [Name] is not filled in [placeholder]',
        'docs/b.md: fixed since the baseline: Placeholder [Date] is not filled in [placeholder]',
        '1 file checked: nothing left to fill. 2 fixed since the baseline.',
        '',
      ].join('\n'));
      assert.match(cli(['check', '--format', 'markdown', '--baseline', 'baseline.json', 'docs'], scratch).stdout, /<details><summary>Fixed since the baseline: 2<\/summary>/);
    });

    for (const [what, make, message] of [
      ['not JSON', () => write('bad.json', 'not json'), /^impl-notes: baseline bad\.json is not JSON/],
      ['from a newer version', () => write('bad.json', '{"version": 7, "findings": []}'), /^impl-notes: baseline bad\.json was written by a newer impl-notes \(baseline version 7/],
      ['100 MB', () => {
        write('bad.json', '');
        fs.truncateSync(path.join(scratch, 'bad.json'), 100 * 1024 * 1024);
      }, /^impl-notes: baseline bad\.json: too large for a baseline/],
      ['missing', () => undefined, /^impl-notes: baseline bad\.json: no such file or directory/],
      ['a folder', () => fs.mkdirSync(path.join(scratch, 'bad.json')), /^impl-notes: baseline bad\.json: /],
    ] as const) {
      test(`a baseline file ${what}: a clear message, exit 2, nothing checked`, () => {
        write('a.md', '# A\n\n[Name]\n');
        make();
        const r = cli(['check', '--baseline', 'bad.json', 'a.md'], scratch);
        assert.equal(r.code, 2);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
        noStack(r);
      });
    }

    test('baseline takes no check-only option, and writes stable JSON (same input, same bytes)', () => {
      write('a.md', '# A\n\n[Name] [Name]\n');
      assert.equal(cli(['baseline', '--strict', 'a.md'], scratch).code, 2);
      assert.equal(cli(['baseline', 'a.md'], scratch).stdout, cli(['baseline', 'a.md'], scratch).stdout);
      assert.deepEqual(JSON.parse(cli(['baseline', 'a.md'], scratch).stdout), {
        version: 1,
        findings: [{ file: 'a.md', rule: 'placeholder', section: 'A', message: 'Placeholder [Name] is not filled in', count: 2 }],
      });
    });
  });

  suite('--changed-since', () => {
    const repo = () => {
      git(scratch, 'init', '-q');
      write('docs/a.md', '# A\n\nOwner: [Name]\n\n## Plan\n\nShip.\n');
      write('docs/b.md', '# B\n\n[Date]\n');
      git(scratch, 'add', '.');
      git(scratch, 'commit', '-q', '-m', 'first');
      git(scratch, 'checkout', '-q', '-b', 'topic');
    };

    test('only changed files are checked; only findings on changed lines fail, the rest are notices', () => {
      repo();
      write('docs/a.md', '# A\n\nOwner: [Name]\n\n## Plan\n\nShip. [Date]\n');
      git(scratch, 'commit', '-q', '-am', 'edit');
      const r = cli(['check', '--changed-since', 'main', 'docs'], scratch);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, [
        'docs/a.md:3:8: Placeholder [Name] is not filled in [placeholder] (notice: unchanged line)',
        'docs/a.md:7:7: Placeholder [Date] is not filled in [placeholder]',
        '1 file checked (1 unchanged file skipped): 1 placeholder and 0 empty sections in 1 file. Not counted: 1 on unchanged lines.',
        '',
      ].join('\n'));
    });

    test('uncommitted edits and untracked files count as changed; a change elsewhere fails nothing', () => {
      repo();
      write('docs/new.md', '# New\n\n[Name]\n');
      write('docs/b.md', '# B\n\n[Date]\n\nAdded.\n');
      const r = cli(['check', '--changed-since', 'main', 'docs'], scratch);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^docs\/b\.md:3:1: Placeholder \[Date\] is not filled in \[placeholder\] \(notice: unchanged line\)\ndocs\/new\.md:3:1: Placeholder \[Name\] is not filled in \[placeholder\]\n/);
      assert.match(r.stdout, /2 files checked \(1 unchanged file skipped\)/);
    });

    test('a REF that does not exist: a clear message, exit 2', () => {
      repo();
      const r = cli(['check', '--changed-since', 'origin/nope', 'docs'], scratch);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "impl-notes: --changed-since: 'origin/nope' is not a commit, branch or tag in this repository.\n");
      noStack(r);
      // An option-like REF is a name, not an option for git.
      assert.equal(cli(['check', '--changed-since=--output=x', 'docs'], scratch).code, 2);
      assert.ok(!fs.existsSync(path.join(scratch, 'x')));
    });

    test('a shallow clone without REF: the message says how to fetch it', () => {
      repo();
      git(scratch, 'checkout', '-q', 'main');
      const clone = path.join(scratch, 'clone');
      git(scratch, 'clone', '-q', '--depth', '1', '--branch', 'topic', `file://${scratch}`, clone);
      const r = cli(['check', '--changed-since', 'origin/main', 'docs'], clone);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /'origin\/main' is not a commit, branch or tag in this repository\. This clone is shallow: fetch it first \(git fetch --depth=1 origin main, or actions\/checkout with fetch-depth: 0\)\./);
      noStack(r);
    });

    test('not a git repository: a clear message, exit 2', () => {
      write('a.md', '# A\n');
      const r = cli(['check', '--changed-since', 'main', 'a.md'], scratch, { GIT_CEILING_DIRECTORIES: path.dirname(scratch) });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^impl-notes: --changed-since needs a git repository, and .* is not in one\n$/);
      noStack(r);
    });

    test('a plain check loads no child_process (git is asked only for --changed-since)', () => {
      const probe = path.join(scratch, 'probe.cjs');
      fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('child_process:' + process.moduleLoadList.some((m) => m === 'NativeModule child_process') + '\\n'));\n");
      assert.match(cli(['check', 'todo.md'], fixtures, {}, ['-r', probe]).stderr, /child_process:false/);
      repo();
      assert.match(cli(['check', '--changed-since', 'main', 'docs'], scratch, {}, ['-r', probe]).stderr, /child_process:true/);
    });
  });

  suite('task lists', () => {
    const notes = '---\ntype: implementation-notes\n---\n# Notes\n\n## Deliverables\n- [x] Docs\n- [ ] Video (later)\n- [ ] Blog (optional)\n- [ ] Talk\n';

    test('notApplicable in .impl-notes.yaml takes the place of (N/A) and (optional), in text and JSON', () => {
      write('n.md', notes);
      assert.match(cli(['check', '--no-references', 'n.md'], scratch).stdout, /^n\.md: tasks: Deliverables 1\/3 done$/m);
      write('.impl-notes.yaml', 'notApplicable: ["(Later)", "(optional)"]\n');
      const r = cli(['check', '--no-references', '--format', 'json', 'n.md'], scratch);
      assert.equal(r.stderr, '');
      const report = JSON.parse(r.stdout) as { files: { sections: { title: string; tasks: unknown }[] }[] };
      assert.deepEqual(report.files[0].sections.find((s) => s.title === 'Deliverables')?.tasks, { done: 1, open: 1, notApplicable: 2 });
    });

    test('a blank marker is a config error naming its index: exit 2, the usable markers still apply', () => {
      write('n.md', notes);
      write('.impl-notes.yaml', 'notApplicable: ["(later)", "  "]\n');
      const r = cli(['check', '--no-references', 'n.md'], scratch);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.impl-notes\.yaml: notApplicable\[1\]: expected the text that ends a task/);
      assert.match(r.stdout, /^n\.md: tasks: Deliverables 1\/3 done$/m);
      noStack(r);
    });
  });

  suite('badge', () => {
    test('an SVG "notes: N% filled" by default, shields.io endpoint JSON on request', () => {
      const svg = cli(['badge', 'todo.md', 'clean.md'], fixtures);
      assert.equal(svg.code, 0, svg.stderr);
      assert.match(svg.stdout, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*aria-label="notes: \d+% filled">/);
      const endpoint = cli(['badge', '--format', 'endpoint', 'todo.md', 'clean.md'], fixtures);
      const data = JSON.parse(endpoint.stdout) as { message: string };
      assert.equal(svg.stdout.includes(`>${data.message}<`), true);
      assert.equal(cli(['badge', '--format', 'markdown', 'todo.md'], fixtures).code, 2);
    });

    test('--label is XML-escaped in the SVG', () => {
      const r = cli(['badge', '--label', '<script>x</script>', 'clean.md'], fixtures);
      assert.ok(!r.stdout.includes('<script>'));
      assert.match(r.stdout, /&lt;script&gt;x&lt;\/script&gt;/);
    });
  });
});
