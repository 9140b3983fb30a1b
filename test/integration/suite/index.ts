// Loaded by the extension host (extensionTestsPath): runs every *.test.js
// bundled beside it with mocha, and ends with the "N passed, N failed" line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec', grep: process.env.IMPL_NOTES_TEST_GREP || undefined });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    mocha
      .run((failures) => {
        console.log(`${passed} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} tests failed`));
        else resolve();
      })
      .on('pass', () => passed++);
  });
}
