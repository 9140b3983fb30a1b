// `--changed-since REF`: which files and lines changed, asked of git. Loaded
// only when the flag is given (main imports it on demand), so a plain check
// neither starts git nor loads child_process.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { changedLines, type LineRange } from '../core';

/** Changed files (absolute paths) with their changed new-side lines; `null`: the whole file is new. */
export type Changes = Map<string, LineRange[] | null>;

/** git's output, or what went wrong; never throws. 64 MB of diff at most, so a huge change cannot exhaust memory. */
function git(cwd: string, args: string[]): Promise<{ ok: true; stdout: string } | { ok: false; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'core.quotePath=true', ...args], { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) resolve({ ok: true, stdout });
      else resolve({ ok: false, stderr: (stderr || error.message).trim(), missing: (error as NodeJS.ErrnoException).code === 'ENOENT' });
    });
  });
}

/**
 * What changed between REF's merge base with HEAD and the working tree
 * (committed, staged and unstaged edits; untracked files count as wholly
 * new), or a sentence saying why it cannot be told.
 */
export async function changesSince(cwd: string, ref: string): Promise<{ changes: Changes } | { error: string }> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { error: top.missing ? '--changed-since needs git, and git was not found on PATH' : `--changed-since needs a git repository, and ${cwd} is not in one` };
  const root = top.stdout.trim();
  // `--end-of-options`: a REF like `--output=x` is a name, not an option.
  const commit = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit.ok) {
    const shallow = await git(cwd, ['rev-parse', '--is-shallow-repository']);
    const hint = shallow.ok && shallow.stdout.trim() === 'true'
      ? ` This clone is shallow: fetch it first (git fetch --depth=1 origin ${ref.replace(/^origin\//, '')}, or actions/checkout with fetch-depth: 0).`
      : '';
    return { error: `--changed-since: '${ref}' is not a commit, branch or tag in this repository.${hint}` };
  }
  const base = await git(cwd, ['merge-base', commit.stdout.trim(), 'HEAD']);
  if (!base.ok) {
    return { error: `--changed-since: '${ref}' and HEAD have no common ancestor in this clone; if it is shallow, fetch more history (git fetch --deepen=100, or actions/checkout with fetch-depth: 0).` };
  }
  const diff = await git(root, ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', base.stdout.trim(), '--']);
  if (!diff.ok) return { error: `--changed-since: git diff failed: ${diff.stderr}` };
  const changes: Changes = new Map();
  for (const [file, ranges] of changedLines(diff.stdout)) changes.set(path.resolve(root, file), ranges);
  const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
  if (untracked.ok) for (const file of untracked.stdout.split('\0')) if (file !== '') changes.set(path.resolve(root, file), null);
  return { changes };
}
