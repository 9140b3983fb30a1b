// One esbuild context per target: the desktop extension (Node), the web
// extension (browser) and the `impl-notes` CLI, all from the same core.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // The default template ships as text inside every bundle.
  loader: { '.md': 'text' },
  legalComments: 'none',
};

// The CLI and its worker load `yaml` only when a config file exists, and RE2
// only for a `/regex/` ignore pattern: their own files (dist/yaml.js,
// dist/re2js.js) kept out of the bundles, so a one-file run never compiles
// them. `yaml` gets a shim that requires dist/yaml.js on first use; RE2's one
// `require` already runs on first use (src/core/config/config.ts).
const lazyPackagesInTheCli = {
  name: 'lazy-packages-in-the-cli',
  setup(build) {
    build.onResolve({ filter: /^re2js$/ }, () => ({ path: './re2js.js', external: true }));
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'lazy-yaml' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      contents: `let yaml;
const load = () => (yaml ??= require('./yaml.js'));
exports.parse = (...args) => load().parse(...args);
Object.defineProperty(exports, 'YAMLParseError', { enumerable: true, get: () => load().YAMLParseError });`,
      loader: 'js',
    }));
  },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/worker/analysisWorker.ts'],
    // Used by the desktop extension and by the CLI's worker pool alike.
    outfile: 'dist/worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['./yaml.js', './re2js.js'],
    plugins: [lazyPackagesInTheCli],
  },
  {
    ...common,
    entryPoints: ['src/extension/extension.browser.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    // The extension runs in a web worker: no DOM. `worker` comes before
    // `browser` in packages' export maps (decode-named-character-reference's
    // browser build calls document.createElement when loaded).
    conditions: ['worker'],
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
  {
    ...common,
    entryPoints: ['src/worker/webAnalysisWorker.ts'],
    // The web extension's analysis worker (a web worker).
    outfile: 'dist/web/worker.js',
    platform: 'browser',
    conditions: ['worker'],
    format: 'iife',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
  {
    ...common,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['./impl-notes.js'],
  },
  {
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/impl-notes.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['./yaml.js', './re2js.js'],
    plugins: [lazyPackagesInTheCli],
  },
  {
    ...common,
    entryPoints: ['src/cli/workerLauncher.ts'],
    // The CLI's worker: dist/worker.js run through a code cache.
    outfile: 'dist/cli-worker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['node_modules/yaml/dist/index.js'],
    outfile: 'dist/yaml.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['node_modules/re2js/build/index.cjs'],
    outfile: 'dist/re2js.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
].filter((t) => existsSync(t.entryPoints[0]));

const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
