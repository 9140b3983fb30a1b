import * as assert from 'node:assert/strict';
import { ignoreMatcher, parseConfig } from '../../src/core';

suite('config: .impl-notes.yaml', () => {
  test('reads template, ignore and files', () => {
    const { config, problems } = parseConfig('template: docs/tpl.md\nignore:\n  - "[Name]"\n  - /^\\[TBD/\nfiles: ["docs/**/*.md"]\n', 'c.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { template: 'docs/tpl.md', ignore: ['[Name]', '/^\\[TBD/'], files: ['docs/**/*.md'], missingSections: true, references: true });
  });

  test('an empty file is an empty config', () => {
    assert.deepEqual(parseConfig('', 'c.yaml'), { config: { ignore: [], files: [], missingSections: true, references: true }, problems: [] });
  });

  test('missingSections: a boolean switch; anything else is reported and leaves it on', () => {
    assert.equal(parseConfig('missingSections: false\n', 'c.yaml').config.missingSections, false);
    const { config, problems } = parseConfig('missingSections: "no"\n', 'c.yaml');
    assert.equal(config.missingSections, true);
    assert.deepEqual(problems.map((p) => `${p.key}: ${p.message}`), ['missingSections: expected true or false']);
  });

  test('references: a boolean switch of the reference check; anything else is reported and leaves it on', () => {
    assert.equal(parseConfig('references: false\n', 'c.yaml').config.references, false);
    assert.equal(parseConfig('references: true\n', 'c.yaml').config.references, true);
    const { config, problems } = parseConfig('references: off\n', 'c.yaml');
    assert.equal(config.references, true);
    assert.deepEqual(problems.map((p) => `${p.key}: ${p.message}`), ['references: expected true or false']);
  });

  test('notApplicable: trimmed markers; blank, too long and non-string entries named by their index', () => {
    const long = 'x'.repeat(101);
    const { config, problems } = parseConfig(`notApplicable:\n  - " (later) "\n  - ""\n  - 3\n  - ${long}\n  - (skip)\n`, 'c.yaml');
    assert.deepEqual(config.notApplicable, ['(later)', '(skip)']);
    assert.deepEqual(problems.map((p) => p.key), ['notApplicable[1]', 'notApplicable[2]', 'notApplicable[3]']);
    assert.match(problems[2].message, /at most 100 characters/);
    assert.deepEqual(parseConfig('notApplicable: (later)\n', 'c.yaml').config.notApplicable, ['(later)']);
    assert.equal(parseConfig('ignore: []\n', 'c.yaml').config.notApplicable, undefined, 'no key: the built-in markers');
    assert.deepEqual(parseConfig('notApplicable: []\n', 'c.yaml').config.notApplicable, [], 'an empty list: no marker at all');
  });

  test('notApplicable: the first 50 markers are used, and a list of 100,000 bad entries gives 50 problems', () => {
    const many = parseConfig(`notApplicable: [${Array.from({ length: 60 }, (_, i) => `"(m${i})"`).join(', ')}]\n`, 'c.yaml');
    assert.equal(many.config.notApplicable?.length, 50);
    assert.equal(many.config.notApplicable?.[49], '(m49)');
    assert.deepEqual(many.problems.map((p) => `${p.key}: ${p.message}`), ['notApplicable: at most 50 entries are used; the rest are left out']);
    const bad = parseConfig(`notApplicable: [${'"", '.repeat(100_000)}]\n`, 'c.yaml');
    assert.deepEqual(bad.config.notApplicable, []);
    assert.equal(bad.problems.length, 50);
    assert.equal(bad.problems[49].key, 'notApplicable[49]');
  });

  test('invalid YAML names the file', () => {
    const { problems } = parseConfig('ignore: [unclosed\n', '/p/.impl-notes.yaml');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, '/p/.impl-notes.yaml');
    assert.match(problems[0].message, /not valid YAML/);
  });

  test('unknown keys and wrong types name the key, and valid keys still apply', () => {
    const { config, problems } = parseConfig('templat: x\nignore: 3\nfiles: [a, 2]\ntemplate: [1]\n', 'c.yaml');
    assert.deepEqual(
      problems.map((p) => p.key),
      ['templat', 'template', 'ignore', 'files[1]'],
    );
    assert.deepEqual(config.files, ['a']);
  });

  test('an invalid regular expression is reported and dropped', () => {
    const { config, problems } = parseConfig('ignore: ["/(/", "[Ok]"]\n', 'c.yaml');
    assert.equal(problems[0].key, 'ignore[0]');
    assert.equal(problems[0].message, 'unsupported regular expression /(/ (linear-time engine, no backreferences or lookaround): missing closing ): `(`');
    assert.deepEqual(config.ignore, ['[Ok]']);
  });

  test('a top level that is not a mapping', () => {
    assert.match(parseConfig('- a\n- b\n', 'c.yaml').problems[0].message, /expected a mapping/);
  });

  test('a YAML alias bomb is refused, not expanded', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`);
    }
    const { problems, config } = parseConfig(lines.join('\n') + '\n', 'bomb.yaml');
    // Refused for its aliases: its unknown keys alone would give problems too.
    assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
    assert.match(problems[0].message, /^not valid YAML: .*alias/i);
    assert.deepEqual(config.ignore, []);
  });

  test('the alias limit alone refuses a config: 60 aliases of a valid ignore entry, where 40 pass', () => {
    // Valid in every other respect (known key, list of strings): only the alias count can refuse it.
    const withAliases = (n: number) => `ignore: [&skip "[Skip]"${', *skip'.repeat(n)}]\n`;
    const allowed = parseConfig(withAliases(40), 'ok.yaml');
    assert.deepEqual(allowed.problems, []);
    assert.equal(allowed.config.ignore.length, 41);
    const { problems } = parseConfig(withAliases(60), 'many.yaml');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^not valid YAML: .*alias/i);
  });

  test('ignore matcher: exact with or without brackets, regex with flags', () => {
    const ignored = ignoreMatcher(['Name', '[Date]', '/^\\[todo/i'])!;
    assert.deepEqual(['[Name]', '[Date]', '[TODO: x]', '[Other]'].map(ignored), [true, true, true, false]);
    assert.equal(ignoreMatcher([]), undefined);
  });

  test('ignore regexes run on a linear-time engine: what it cannot run is a config error naming the pattern', () => {
    const { config, problems } = parseConfig('ignore: ["/(a)\\\\1/", "/a(?=b)/", "/x/v", "/(a+)+$/"]\n', 'c.yaml');
    assert.deepEqual(
      problems.map((p) => `${p.key}: ${p.message}`),
      [
        'ignore[0]: unsupported regular expression /(a)\\1/ (linear-time engine, no backreferences or lookaround): invalid escape sequence: `\\1`',
        'ignore[1]: unsupported regular expression /a(?=b)/ (linear-time engine, no backreferences or lookaround): invalid or unsupported Perl syntax: `(?=`',
        'ignore[2]: unsupported regular expression /x/v (linear-time engine, no backreferences or lookaround): unsupported flag v (supported: i, m, s)',
      ],
    );
    assert.deepEqual(config.ignore, ['/(a+)+$/']);
    // The shape that never finished on a backtracking engine: a plain answer.
    const ignored = ignoreMatcher(config.ignore)!;
    assert.equal(ignored(`[${'a'.repeat(60)}!]`), false);
    assert.equal(ignored(`[${'a'.repeat(60)}]`), false);
    assert.equal(ignoreMatcher(['/a+]$/'])!(`[${'a'.repeat(60)}]`), true);
  });

  test('files globs a matcher cannot take are config errors naming the key', () => {
    const { config, problems } = parseConfig(`files: ["docs/**/*.md", "${'{a,b}'.repeat(7)}", ""]\n`, 'c.yaml');
    assert.deepEqual(problems.map((p) => p.key), ['files[1]', 'files[2]']);
    assert.match(problems[0].message, /more than 64 brace alternatives/);
    assert.deepEqual(config.files, ['docs/**/*.md']);
  });
});
