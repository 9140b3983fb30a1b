// Lint for src/, test/ and scripts/: typescript-eslint's strict, type-aware
// rules over the same tsconfig the type check uses.
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'bench-out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Messages put line numbers and counts in template strings; that is what they are for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void expr` callbacks (event handlers, disposables) are the idiom of the VS Code API.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Without noUncheckedIndexedAccess the types say every array element exists; the checks
      // this rule flags are exactly the ones that guard an empty array or a missing match.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Each `!` marks a fact the types cannot carry (a regex group that matched, a non-empty
      // stack, a library's construct table); a runtime check there is a branch no input reaches.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Methods implement Promise-returning interfaces; `async` keeps a throw a rejection.
      '@typescript-eslint/require-await': 'off',
      // VS Code's Disposable and friends are structural: `{ dispose }` literals are the API's idiom.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    // A product function longer than a screen does more than one thing: split it, or write
    // down next to it why not (an eslint-disable-next-line comment with the reason).
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  // The layers (docs/architecture.md): enforced here, not by convention.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core is pure: no vscode (the extension adapts core results to VS Code).' }],
        patterns: [
          { regex: '^node:', message: 'src/core is pure: no Node built-ins (file access goes through NotesHost, src/core/host.ts).' },
          { regex: '^(fs|path|os|child_process|worker_threads|util|crypto|url|stream|events|buffer|process)(/.*)?$', message: 'src/core is pure: no Node built-ins (file access goes through NotesHost, src/core/host.ts).' },
          { regex: '^\\.\\./(\\.\\./)*(extension|worker|cli)(/|$)', message: 'src/core imports nothing of the layers above it.' },
        ],
      }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/worker imports only the core and its own files.' }],
        patterns: [
          { regex: '^\\.\\./(\\.\\./)*(extension|cli)(/|$)', message: 'src/worker imports only the core and its own files.' },
          { regex: '^node:(?!worker_threads$)', message: 'src/worker imports only the core and its own files (node:worker_threads in its Node entry points).' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/cli runs without VS Code.' }],
        patterns: [{ regex: '^\\.\\./(\\.\\./)*extension(/|$)', message: 'src/cli never imports src/extension.' }],
      }],
    },
  },
  {
    // Build scripts and test runners: plain JavaScript on Node, no types to check against.
    files: ['**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests read JSON the CLI printed and objects VS Code hands back; their
    // assertions are the type check, so `any` from JSON.parse is fine there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The bin's launcher loads the bundle after enabling the compile cache: it must be a require.
    files: ['src/cli/launch.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/unit/md-loader.cjs'],
    // A CommonJS require hook: require is the module system it hooks into.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
