// The `impl-notes` bin: a few lines, so that Node (22.1 and later) can keep
// the compiled code of the real CLI, bin.ts, between runs. A pre-commit hook
// starts it on every commit, where compiling the bundle took about 15% of a run.
const { enableCompileCache } = require('node:module') as { enableCompileCache?: () => unknown };
enableCompileCache?.();
require('./impl-notes.js');
