// The Debian packages the offline VS Code host needs, installed by the runner
// itself when it can (as `npx playwright install --with-deps` does), so that
// the README's `npm ci && npm test` is the whole set-up on a fresh machine.
//
// The probes and the command runner are parameters: the unit test
// (test/unit/systemPackages.test.ts) drives every decision with fakes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/** Probes of the real machine. */
export const realProbes = {
  commandExists: (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0,
  packageInstalled: (name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false,
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  sudoWorks: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
};

/**
 * What is missing. Chromium runs every workbench; the build tools only
 * matter while code-server's native modules are still to be built.
 */
export function missingPackages({ needBuildTools, chromiumPath }, probes = realProbes) {
  const missing = [];
  if (!(chromiumPath && fs.existsSync(chromiumPath)) && !probes.commandExists('chromium')) missing.push('chromium');
  if (needBuildTools) {
    if (!probes.packageInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
    if (!probes.commandExists('g++') || !probes.commandExists('make')) missing.push('build-essential');
    if (!probes.commandExists('python3')) missing.push('python3');
    if (!probes.commandExists('pkg-config')) missing.push('pkg-config');
  }
  return missing;
}

/**
 * How to install `missing`: as root, through `sudo -n` when that works, or
 * not at all (then the one command for the user to run).
 */
export function installPlan(missing, probes = realProbes) {
  if (missing.length === 0) return { action: 'none' };
  const apt = ['-o', 'DPkg::Lock::Timeout=600'];
  const command = `apt-get install -y ${missing.join(' ')}`;
  if (!probes.commandExists('apt-get')) return { action: 'stop', command };
  const env = ['env', 'DEBIAN_FRONTEND=noninteractive'];
  const prefix = probes.isRoot() ? env : probes.sudoWorks() ? ['sudo', '-n', ...env] : undefined;
  if (!prefix) return { action: 'stop', command: `sudo ${command}` };
  return {
    action: 'install',
    how: probes.isRoot() ? 'as root' : 'with sudo',
    steps: [
      [...prefix, 'apt-get', ...apt, 'update', '-qq'],
      [...prefix, 'apt-get', ...apt, 'install', '-y', '-qq', ...missing],
    ],
  };
}

/**
 * Installs what is missing, or says how to. Returns undefined when done,
 * otherwise the message to stop with. `run(argv)` returns `{ status, output }`.
 */
export function ensurePackages(missing, { probes = realProbes, run = runLogged, log = console.error } = {}) {
  const plan = installPlan(missing, probes);
  if (plan.action === 'none') return undefined;
  if (plan.action === 'stop') return `missing Debian packages: ${missing.join(' ')}\n  install them with: ${plan.command}`;
  log(`[integration] installing missing Debian packages (apt-get, ${plan.how}): ${missing.join(' ')}`);
  for (const step of plan.steps) {
    const { status, output } = run(step);
    if (status !== 0) {
      const tail = output.split('\n').slice(-20).join('\n');
      return `${step.join(' ')} failed (exit ${status}):\n${tail}\n  install them yourself with: apt-get install -y ${missing.join(' ')}`;
    }
  }
  return undefined;
}

function runLogged(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
