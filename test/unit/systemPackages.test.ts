import * as assert from 'node:assert/strict';
import { ensurePackages, installPlan, missingPackages, realProbes, type Probes } from '../integration/systemPackages.mjs';

/** A machine described by what it has. */
function machine(has: { commands?: string[]; packages?: string[]; root?: boolean; sudo?: boolean }): Probes {
  return {
    commandExists: (name) => (has.commands ?? []).includes(name),
    packageInstalled: (name) => (has.packages ?? []).includes(name),
    isRoot: () => has.root ?? false,
    sudoWorks: () => has.sudo ?? false,
  };
}

const fresh = machine({ commands: ['apt-get'], root: true });
const complete = machine({ commands: ['apt-get', 'chromium', 'g++', 'make', 'python3', 'pkg-config'], packages: ['libkrb5-dev'] });

suite('integration runner: Debian packages', () => {
  test('a fresh machine lacks Chromium and the build tools; once code-server is built, only Chromium matters', () => {
    assert.deepEqual(missingPackages({ needBuildTools: true }, fresh), ['chromium', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config']);
    assert.deepEqual(missingPackages({ needBuildTools: false }, fresh), ['chromium']);
    assert.deepEqual(missingPackages({ needBuildTools: true }, complete), []);
  });

  test('a $CHROMIUM that exists stands in for the package', () => {
    assert.deepEqual(missingPackages({ needBuildTools: false, chromiumPath: process.execPath }, fresh), []);
    assert.deepEqual(missingPackages({ needBuildTools: false, chromiumPath: '/nonexistent/chromium' }, fresh), ['chromium']);
  });

  test('as root: apt-get update once, then one install, non-interactive', () => {
    const plan = installPlan(['chromium', 'libkrb5-dev'], fresh);
    assert.equal(plan.action, 'install');
    assert.ok(plan.action === 'install');
    assert.deepEqual(plan.steps, [
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=600', 'update', '-qq'],
      ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', 'chromium', 'libkrb5-dev'],
    ]);
  });

  test('not root but sudo -n works: the same steps through sudo -n', () => {
    const plan = installPlan(['chromium'], machine({ commands: ['apt-get'], sudo: true }));
    assert.ok(plan.action === 'install');
    assert.equal(plan.how, 'with sudo');
    assert.deepEqual(plan.steps.map((s) => s.slice(0, 4)), [['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'], ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive']]);
  });

  test('neither root nor sudo, or no apt-get: stop with the one command to run', () => {
    assert.deepEqual(installPlan(['chromium'], machine({ commands: ['apt-get'] })), { action: 'stop', command: 'sudo apt-get install -y chromium' });
    assert.deepEqual(installPlan(['chromium'], machine({ root: true })), { action: 'stop', command: 'apt-get install -y chromium' });
    assert.deepEqual(installPlan([], machine({})), { action: 'none' });
  });

  test('ensurePackages runs the plan, says so in one line, and reports a failed step with its output', () => {
    const ran: string[][] = [];
    const logged: string[] = [];
    const ok = ensurePackages(['chromium'], { probes: fresh, run: (argv) => (ran.push(argv), { status: 0, output: '' }), log: (l) => logged.push(l) });
    assert.equal(ok, undefined);
    assert.equal(ran.length, 2);
    assert.deepEqual(logged, ['[integration] installing missing Debian packages (apt-get, as root): chromium']);

    const failed = ensurePackages(['chromium'], { probes: fresh, run: () => ({ status: 100, output: 'E: Unable to locate package chromium' }), log: () => undefined });
    assert.match(failed ?? '', /update -qq failed \(exit 100\):\nE: Unable to locate package chromium\n {2}install them yourself with: apt-get install -y chromium/);

    const stopped = ensurePackages(['chromium', 'libkrb5-dev'], { probes: machine({ commands: ['apt-get'] }), run: () => assert.fail('must not run'), log: () => assert.fail('must not log') });
    assert.equal(stopped, 'missing Debian packages: chromium libkrb5-dev\n  install them with: sudo apt-get install -y chromium libkrb5-dev');
  });

  test('the real probes answer for this machine', () => {
    assert.equal(realProbes.commandExists('sh'), true);
    assert.equal(realProbes.commandExists('no-such-command-impl-notes'), false);
    assert.equal(realProbes.packageInstalled('no-such-package-impl-notes'), false);
  });
});
