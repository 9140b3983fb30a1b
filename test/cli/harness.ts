// What the CLI suites share: where the built CLI and its analysis bundles are, and the two ways to run it.
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { GitLister } from '../../src/cli/repository';

export const root = path.resolve(__dirname, '../..');
export const bin = path.join(root, 'dist/cli.js');
/** main()'s analysis bundles when it runs from the sources: worker threads run dist/worker.js, and so do small files in this thread. */
export const bundles = { workerScript: path.join(root, 'dist/worker.js'), analysisBundle: path.join(root, 'dist/worker.js') };

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  /** In-process runs: how many writes a closed stdout refused (above 0: the fault was injected). */
  refusedWrites?: number;
}

const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });

/**
 * main() in this process, with the bundles so the time and memory limits apply as in the bin.
 * `closedStdout`: the reader of stdout is gone before anything is written (`| head -1`).
 */
export async function runMain(argv: string[], cwd: string, more: { closedStdout?: boolean; git?: GitLister } = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  let refusedWrites = 0;
  const write = more.closedStdout
    ? () => {
        refusedWrites++;
        throw epipe();
      }
    : (t: string) => (stdout += t);
  const code = await main({ argv, cwd, stdout: write, stderr: (t) => (stderr += t), ...bundles, git: more.git });
  return { code, stdout, stderr, refusedWrites };
}

/** dist/cli.js in a child process; `closedStdout`: its stdout is closed before it starts. */
export function runBin(argv: string[], cwd: string, closedStdout = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (closedStdout) child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** git in a test's scratch repository: a fixed identity, no signing, `main` as the first branch; its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
