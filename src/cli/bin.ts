import { main } from './main';

// `impl-notes check . | head -1`: once the reader is gone, output stops
// quietly; the checks still finish so the exit status stays true.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

// The bin only sets the exit code: main() does the work and never calls exit.
main({
  argv: process.argv.slice(2),
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  exitsAfter: true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`impl-notes: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
