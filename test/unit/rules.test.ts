import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, findings, RULES, toSarif, type ResolvedReference } from '../../src/core';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** GitHub's heading anchors for the headings of a Markdown file. */
const anchors = (markdown: string): Set<string> =>
  new Set(markdown.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));

suite('rule registry (src/core/rules)', () => {
  test("the README's rule table is the registry: every rule once, in its order, with its description, setting and spec link", () => {
    const readme = read('README.md');
    const start = readme.indexOf('<!-- rules:');
    assert.ok(start >= 0, 'the README marks its rule table');
    const lines = readme.slice(start).split('\n').slice(3);
    const rows = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
    const rowOf = (cells: string[]) => cells.map((c) => c.trim());
    const table = rows.map((l) => rowOf(l.split('|').slice(1, -1)));
    const expected = RULES.map((r) => [
      `\`${r.id}\``,
      r.shortDescription,
      `\`implementationNotes.severity.${r.severitySetting}\``,
      `[${table.find((t) => t[0] === `\`${r.id}\``)?.[3].replace(/^\[([^\]]*)\].*$/, '$1') ?? '?'}](${r.docs})`,
    ]);
    assert.deepEqual(table, expected);
  });

  test("each rule's docs link names a heading of docs/spec.md, and its severity setting is in the manifest", () => {
    const spec = anchors(read('docs/spec.md'));
    const settings = (JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties;
    for (const rule of RULES) {
      const [file, anchor] = rule.docs.split('#');
      assert.equal(file, 'docs/spec.md', rule.id);
      assert.ok(spec.has(anchor), `${rule.id}: docs/spec.md has no heading #${anchor}`);
      assert.ok(`implementationNotes.severity.${rule.severitySetting}` in settings, `${rule.id}: no setting implementationNotes.severity.${rule.severitySetting}`);
    }
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length, 'ids are unique');
  });

  test('findings come from the rules, and SARIF lists the rules with the index each result names', () => {
    const text = '# Implementation Notes\n\n## Owner\n[Name] `src/gone.ts` `Gone`\n\n## Empty\n';
    const analysis = analyze(text);
    // Two references as the CLI resolves them: a missing path and an undeclared symbol.
    const at = (s: string) => text.indexOf(s);
    const references: ResolvedReference[] = [
      { kind: 'path', source: 'code', start: at('src/gone'), end: at('src/gone') + 11, text: 'src/gone.ts', path: 'src/gone.ts', status: 'missing', finding: { code: 'broken-reference', message: '`src/gone.ts` does not exist in the repository' } },
      { kind: 'symbol', source: 'symbol', start: at('Gone`'), end: at('Gone`') + 4, text: 'Gone', symbol: 'Gone', scope: [], status: 'missing', finding: { code: 'unknown-symbol', message: '`Gone` is not declared in the repository' } },
    ];
    // A placeholder, an empty section, the template's other chapters missing and the two references: every rule finds something.
    const codes = findings(analysis, references).map((f) => f.code);
    assert.deepEqual([...new Set(codes)].sort(), RULES.map((r) => r.id).sort());
    assert.deepEqual(codes.filter((c) => c !== 'missing-section'), ['placeholder', 'broken-reference', 'unknown-symbol', 'empty-section']);
    assert.deepEqual(findings(analysis).map((f) => f.code).filter((c) => c !== 'missing-section'), ['placeholder', 'empty-section'], 'without resolved references the reference rules find nothing');
    const log = toSarif([{ path: 'a.md', findings: findings(analysis).map((f, i) => ({ code: f.code, message: f.message, line: 1, column: 1, endLine: 1, endColumn: 2, level: 'warning' as const, fingerprint: String(i) })) }], '1.0.0', 'https://example.com/repo') as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    const run = log.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), RULES.map((r) => r.id));
    assert.equal(run.tool.driver.rules[0].helpUri, 'https://example.com/repo/blob/main/docs/spec.md#placeholders');
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  });

  test("the problem matcher of the manifest accepts every rule's id", () => {
    const matcher = (JSON.parse(read('package.json')) as { contributes: { problemMatchers: { pattern: { regexp: string } }[] } }).contributes.problemMatchers[0];
    const regexp = new RegExp(matcher.pattern.regexp);
    for (const rule of RULES) assert.ok(regexp.test(`docs/a.md:3:1: Something [${rule.id}]`), rule.id);
  });
});
