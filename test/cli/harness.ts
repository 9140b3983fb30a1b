// What the CLI suites share: where the built CLI and its analysis bundles are, and what a run gives back.
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const bin = path.join(root, 'dist/cli.js');
/** main()'s analysis bundles when it runs from the sources: worker threads run dist/worker.js, and so do small files in this thread. */
export const bundles = { workerScript: path.join(root, 'dist/worker.js'), analysisBundle: path.join(root, 'dist/worker.js') };

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
