import * as assert from 'node:assert/strict';
import { analyze, defaultTemplate, toFileReport } from '../../src/core';
import { placeholdersOf, templateFrom, textsOf } from './helpers';

suite('placeholders: the prose rule', () => {
  test('a bracketed span with a letter is a placeholder', () => {
    assert.deepEqual(placeholdersOf('**Lead**: [Name] and [Other name]\n'), ['1:11 [Name]', '1:22 [Other name]']);
  });

  test('spans must lie on one line and hold no bracket', () => {
    assert.deepEqual(textsOf('[Open\nclose]\n'), []);
    assert.deepEqual(textsOf('[outer [inner] text]\n'), ['[inner]']);
  });

  test('inner text is 1 to 120 UTF-16 code units, not blank', () => {
    const max = 'a'.repeat(120);
    assert.deepEqual(textsOf(`[${max}] [${max}b] [] [   ]\n`), [`[${max}]`]);
    // An astral letter is two code units: 60 of them fill the 120.
    const astral = '𝒜'.repeat(60);
    assert.deepEqual(textsOf(`[${astral}] [${astral}𝒜]\n`), [`[${astral}]`]);
  });

  test('needs at least one letter, in any script', () => {
    assert.deepEqual(textsOf('[1] [-] [42%] [é] [日本] [Ω2] [_]\n'), ['[é]', '[日本]', '[Ω2]']);
  });

  test('the letter rule is lifted for the template\'s own placeholders', () => {
    const options = templateFrom('# T\n\n```\nvalue = [1]\n```\n');
    assert.deepEqual(textsOf('Item [1] and [2]\n', options), ['[1]']);
  });

  test('footnote references and definitions are not placeholders', () => {
    assert.deepEqual(textsOf('Claim[^1] and [^undefined].\n\n[^1]: The source [Author]\n'), ['[Author]']);
  });

  test('GitHub alerts are not placeholders', () => {
    assert.deepEqual(textsOf('> [!NOTE]\n> Fill [Details]\n'), ['[Details]']);
  });
});

suite('placeholders: Markdown syntax wins', () => {
  test('links and their text', () => {
    assert.deepEqual(textsOf('[Name] see [the docs](https://example.com) and [a [b] c](/u)\n'), ['[Name]']);
  });

  test('a bracket span in a link destination is part of the link', () => {
    assert.deepEqual(textsOf('[docs](https://example.com/[Name]) [Real]\n'), ['[Real]']);
  });

  test('autolinks', () => {
    assert.deepEqual(textsOf('<https://example.com/[Name]> [Real]\n'), ['[Real]']);
  });

  test('images', () => {
    assert.deepEqual(textsOf('![Diagram alt](img.png) ![ref image][diagram] [Caption]\n\n[diagram]: /d.png\n'), ['[Caption]']);
  });

  test('reference links whose label has a definition', () => {
    const md = '[Full][ref], [Collapsed][], [Shortcut] and [ref].\n\n[ref]: https://example.com\n[collapsed]: /c\n[SHORTCUT]: /s\n';
    assert.deepEqual(textsOf(md), []);
  });

  test('reference links without a definition are placeholders', () => {
    assert.deepEqual(placeholdersOf('[Name][missing] and [Other][] and [Third]\n'), [
      '1:1 [Name]',
      '1:7 [missing]',
      '1:21 [Other]',
      '1:35 [Third]',
    ]);
  });

  test('link reference definitions, titles included', () => {
    assert.deepEqual(textsOf('[label]: https://example.com "Title [Name]"\n\nText [Fill]\n'), ['[Fill]']);
  });

  test('GFM task-list boxes, but not the text after them', () => {
    const md = '- [ ] [Document 1]: [Purpose and location]\n- [x] Done\n- [X] [Also]\n* [ ]\n';
    assert.deepEqual(placeholdersOf(md), ['1:7 [Document 1]', '1:21 [Purpose and location]', '3:7 [Also]']);
  });

  test('a task box of letters is syntax even when the template lists it', () => {
    const options = templateFrom('# T\n\n`[x]`\n');
    assert.deepEqual(textsOf('- [x] done [x]\n', options), ['[x]']);
    assert.deepEqual(placeholdersOf('- [x] done [x]\n', options), ['1:12 [x]']);
  });

  test('wiki links', () => {
    assert.deepEqual(textsOf('See [[Design Notes]] and [[Other|alias]] then [Name]\n'), ['[Name]']);
  });

  test('backslash-escaped brackets are text', () => {
    assert.deepEqual(textsOf('\\[literal\\] \\[left] [right\\] [Real]\n'), ['[Real]']);
  });

  test('an escaped backslash does not escape the bracket', () => {
    assert.deepEqual(placeholdersOf('a \\\\[Name]\n'), ['1:5 [Name]']);
  });

  test('emphasis and inline code inside a placeholder keep it a placeholder', () => {
    assert.deepEqual(textsOf('**[Optimization 1]**: [a `b` c] _[d]_\n'), ['[Optimization 1]', '[a `b` c]', '[d]']);
  });

  test('a span whose closing bracket sits in inline code is not one', () => {
    assert.deepEqual(textsOf('[foo `bar] baz`\n'), []);
  });
});

suite('placeholders: code, HTML and front matter', () => {
  test('inline code holds only the template\'s placeholders', () => {
    assert.deepEqual(placeholdersOf('Use `[component1]` and `[free text]` and `[Name]`\n'), ['1:6 [component1]', '1:43 [Name]']);
  });

  test('fenced code holds only the template\'s placeholders', () => {
    const md = '```sql\nCREATE TABLE [table_name] ([my column] TEXT);\n```\n';
    assert.deepEqual(placeholdersOf(md), ['2:14 [table_name]']);
  });

  test('indented code', () => {
    assert.deepEqual(placeholdersOf('Text\n\n    [SECTION_NAME] = {}\n    [other] = 1\n'), ['3:5 [SECTION_NAME]']);
  });

  test('template code spans with quotes are not in the vocabulary', () => {
    const vocabulary = defaultTemplate().placeholders;
    assert.ok(vocabulary.has('[endpoint]'));
    assert.ok(vocabulary.has('[table_name]'));
    assert.ok(!vocabulary.has("['GET', 'POST']"));
    assert.deepEqual(textsOf("```\nmethods=['GET', 'POST']\n```\n"), []);
  });

  test('code spans keep no escape rule: a template placeholder after a backslash counts', () => {
    assert.deepEqual(textsOf('```\nC:\\[component1]\n```\n'), ['[component1]']);
  });

  test('HTML comments', () => {
    assert.deepEqual(textsOf('<!-- [Name] -->\nText <!-- [Inline] --> [Real]\n'), ['[Real]']);
  });

  test('HTML blocks, but not text around inline HTML', () => {
    assert.deepEqual(textsOf('<div>\n[Name]\n</div>\n\nA <span title="[x]">[Shown]</span>\n'), ['[Shown]']);
  });

  test('YAML front matter', () => {
    assert.deepEqual(placeholdersOf('---\ntitle: [Name]\ntags: [a, b]\n---\n# [Title]\n'), ['5:3 [Title]']);
  });

  test('TOML front matter', () => {
    assert.deepEqual(textsOf('+++\ntitle = "[Name]"\n+++\n[Real]\n'), ['[Real]']);
  });

  test('tables', () => {
    const md = '| Metric | Before |\n|--------|--------|\n| [Metric 1] | [Value] |\n';
    assert.deepEqual(placeholdersOf(md), ['3:3 [Metric 1]', '3:16 [Value]']);
  });
});

suite('placeholders: positions', () => {
  test('CRLF line endings', () => {
    assert.deepEqual(placeholdersOf('# Title\r\n\r\nSome [Name]\r\n'), ['3:6 [Name]']);
  });

  test('a lone CR ends a line', () => {
    assert.deepEqual(placeholdersOf('# Title\r\rSome [Name]\r[Other]'), ['3:6 [Name]', '4:1 [Other]']);
  });

  test('a leading BOM is not a column', () => {
    assert.deepEqual(placeholdersOf('\uFEFF[Name] here\n'), ['1:1 [Name]']);
  });

  test('columns count UTF-16 code units: an astral character is two', () => {
    const report = toFileReport('d.md', analyze('😀 [Name]\n'));
    assert.deepEqual(report.placeholders[0], { line: 1, column: 4, endColumn: 10, text: '[Name]', section: null });
  });

  test('tabs are one column', () => {
    assert.deepEqual(placeholdersOf('a\t[Name]\n'), ['1:3 [Name]']);
  });

  test('offsets refer to the text without its BOM', () => {
    const analysis = analyze('\uFEFFab [Name]');
    assert.equal(analysis.text, 'ab [Name]');
    assert.deepEqual([analysis.placeholders[0].start, analysis.placeholders[0].end], [3, 9]);
  });
});

suite('placeholders: ignore', () => {
  test('exact texts, with or without brackets', () => {
    assert.deepEqual(textsOf('[Name] [Date] [Role]\n', { ignore: ['[Name]', 'Date'] }), ['[Role]']);
  });

  test('/regex/ patterns, tested against the text with its brackets', () => {
    assert.deepEqual(textsOf('[TBD later] [tbd] [Name]\n', { ignore: ['/^\\[tbd/i'] }), ['[Name]']);
  });
});

suite('the default template', () => {
  test('has exactly 228 placeholders and 63 sections', () => {
    const analysis = analyze(defaultTemplate().text);
    assert.equal(analysis.placeholders.length, 228);
    assert.equal(analysis.sections.length, 63);
  });

  test('matches the example finding of docs/spec.md ("The CLI output")', () => {
    const report = toFileReport('t.md', analyze(defaultTemplate().text));
    assert.deepEqual(
      report.placeholders.find((p) => p.line === 12),
      { line: 12, column: 18, endColumn: 34, text: '[Decision Title]', section: 'Decision 1: [Decision Title]' },
    );
  });

  test('its code placeholders are found, its quoted code spans are not', () => {
    const inCode = analyze(defaultTemplate().text).placeholders.filter((p) => p.inCode).map((p) => p.text);
    for (const expected of ['[component1]', '[module1]', '[table_name]', '[SECTION_NAME]', '[endpoint]']) {
      assert.ok(inCode.includes(expected), expected);
    }
    assert.ok(!inCode.some((t) => t.includes("'")));
  });

  test('any text around the template leaves its placeholders', () => {
    const text = defaultTemplate().text;
    const around = `Intro with [Intro item]\n\n${text}\n\n## Appendix\n\n[Extra]\n`;
    assert.equal(analyze(around).placeholders.length, analyze(text).placeholders.length + 2);
  });
});
