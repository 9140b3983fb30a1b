import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

// The pure-JS checker: no native binary or Java, the same result on every machine.
process.env.RECHECK_SYNC_BACKEND = 'pure';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkSync } = require('recheck') as typeof import('recheck');

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

/** Regex literals and `new RegExp` / `RegExp` calls with literal arguments in one TypeScript source. */
function regexesIn(fileName: string, text: string): FoundRegex[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: FoundRegex[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const slash = node.text.lastIndexOf('/');
      out.push({ where: where(node), source: node.text.slice(1, slash), flags: node.text.slice(slash + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [source, flags] = node.arguments ?? [];
      if (source && ts.isStringLiteralLike(source)) {
        out.push({ where: where(node), source: source.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '' });
      } else if (source) {
        // A computed pattern cannot be checked here: it must not exist in the product.
        out.push({ where: where(node), source: '<computed>', flags: '' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The checker's verdict; anything but `safe` (vulnerable, or unknown after its time-out) fails. */
function verdict(regex: FoundRegex): string {
  if (regex.source === '<computed>') return 'a RegExp built from a computed pattern';
  const result = checkSync(regex.source, regex.flags, { timeout: 20_000 });
  if (result.status === 'safe') return 'safe';
  if (result.status === 'vulnerable') return `vulnerable (${result.complexity.summary}), attack ${JSON.stringify(result.attack.pattern)}`;
  return `unknown (${result.error.kind})`;
}

suite('no superlinear regex in the product (recheck)', () => {
  const planted = [
    'const SAFE = /^#{1,6} /;',
    'const NESTED = /^(a+)+$/;',
    "const FROM_STRINGS = new RegExp('^(?:x|x)*y$', 'i');",
    'const COMPUTED = new RegExp(someText);',
    "const NOT_A_REGEX = '/(a+)+$/';",
  ].join('\n');

  test('the extractor finds literals and RegExp calls, and the checker flags the planted ones', () => {
    const found = regexesIn('planted.ts', planted);
    assert.deepEqual(
      found.map((r) => `${r.where} /${r.source}/${r.flags}`),
      ['planted.ts:1 /^#{1,6} /', 'planted.ts:2 /^(a+)+$/', 'planted.ts:3 /^(?:x|x)*y$/i', 'planted.ts:4 /<computed>/'],
    );
    assert.deepEqual(
      found.map((r) => verdict(r).split(' ')[0]),
      ['safe', 'vulnerable', 'vulnerable', 'a'],
    );
  });

  test('every regex in src/ is safe', () => {
    const root = path.join(__dirname, '..', '..', 'src');
    const found = sourceFiles(root).flatMap((file) => regexesIn(path.relative(root, file), fs.readFileSync(file, 'utf8')));
    // The product has dozens: an extractor that found none would pass vacuously.
    assert.ok(found.length >= 30, `found only ${found.length} regexes`);
    const unsafe = found.map((r) => `${r.where} /${r.source}/${r.flags}: ${verdict(r)}`).filter((line) => !line.endsWith(': safe'));
    assert.deepEqual(unsafe, []);
    // The reference check runs over repository files, the most hostile input: its regexes are among those audited.
    const resolution = found.filter((r) => r.where.startsWith(path.join('core', 'repository') + path.sep)).map((r) => `/${r.source}/${r.flags}`);
    assert.deepEqual(resolution, ['/[_\\-.$:#]/g']);
  });
});
