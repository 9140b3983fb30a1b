import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  applyEdits,
  BLOCKS,
  blockDefinition,
  blockKindsAt,
  blockLevel,
  blockPlacement,
  blockSnippet,
  blockText,
  cursorPlacement,
  defaultTemplate,
  fixedValues,
  nextBlockNumber,
  placementEdit,
  placementSnippet,
  planBlock,
  type BlockDefinition,
  type BlockKind,
} from '../../src/core';
import { snippetsJson } from '../../scripts/generate-snippets';
import { TEMPLATE_PLACEHOLDERS } from './helpers';

const template = defaultTemplate().text;
const decision = blockDefinition('decision');
const challenge = blockDefinition('challenge');

/**
 * What VS Code shows right after inserting a snippet: each tab stop's default
 * (a choice's first value), escapes resolved; `‸` marks the final cursor.
 */
function expand(snippet: string): string {
  let out = '';
  let i = 0;
  const parse = (until: string): string => {
    let s = '';
    while (i < snippet.length && !until.includes(snippet[i])) {
      const c = snippet[i];
      if (c === '\\' && '$}\\,|'.includes(snippet[i + 1] ?? '')) {
        s += snippet[i + 1];
        i += 2;
      } else if (c === '$' && snippet[i + 1] === '{') {
        const m = /^\$\{(\d+)([:|])/.exec(snippet.slice(i))!;
        i += m[0].length;
        if (m[2] === ':') {
          s += parse('}');
          i++;
        } else {
          const first = parse(',|');
          while (snippet[i] !== '|') {
            i++;
            parse(',|');
          }
          i += 2; // `|}`
          s += first;
        }
      } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        const m = /^\$(\d+)/.exec(snippet.slice(i))!;
        if (m[1] === '0') s += '‸';
        i += m[0].length;
      } else {
        s += c;
        i++;
      }
    }
    return s;
  };
  out = parse('');
  return out;
}

/** The document after inserting the plan's snippet, `‸` at the final cursor. */
function insertNext(text: string, kind: BlockKind, eol = '\n'): string {
  const plan = planBlock(analyze(text), kind, eol);
  assert.ok(plan.placement, `a place for ${kind}`);
  const snippet = placementSnippet(plan.placement, plan.block, plan.number, { eol, level: plan.level });
  const viaText = applyEdits(text, [placementEdit(plan.placement, plan.text)]);
  const viaSnippet = applyEdits(text, [{ start: plan.placement.start, end: plan.placement.end, newText: expand(snippet) }]);
  assert.equal(viaSnippet.replace('‸', ''), viaText, 'the snippet expands to the block text');
  return viaSnippet;
}

suite('repeated blocks', () => {
  test('each block, numbered 1 and 2, stands verbatim in the default template', () => {
    for (const block of BLOCKS) {
      assert.ok(template.includes(blockText(block, 1)), `${block.kind} 1`);
      assert.ok(template.includes(blockText(block, 2)), `${block.kind} 2`);
    }
  });

  test('next numbers in the default template', () => {
    const analysis = analyze(template);
    assert.deepEqual(
      BLOCKS.map((b) => `${b.kind} ${nextBlockNumber(analysis, b.kind)}`),
      ['decision 3', 'challenge 3', 'component 3', 'metric 4', 'dependency 3', 'risk 3', 'debt 3'],
    );
  });

  test('heading numbers: max + 1, gaps allowed, filled titles count, none gives 1', () => {
    const analysis = analyze('## Architecture Decisions\n#### Decision 1: a\n#### Decision 7: Use Postgres\n#### Decision 2 - b\n');
    assert.equal(nextBlockNumber(analysis, 'decision'), 8);
    assert.equal(nextBlockNumber(analysis, 'challenge'), 1);
    assert.equal(nextBlockNumber(analyze('# Notes\n\nDecision 4 is in prose, not a heading.\n'), 'decision'), 1);
    assert.equal(nextBlockNumber(analyze('# Notes\n\n```\n#### Decision 9: in code\n```\n'), 'decision'), 1);
  });

  test('item numbers: filled rows keep their place, an explicit higher number wins', () => {
    const filled = '### Performance Metrics\n| Metric | Before |\n|---|---|\n| Latency | 3 |\n| Memory | 2 |\n';
    assert.equal(nextBlockNumber(analyze(filled), 'metric'), 3);
    const gap = '### Dependency Risks\n- **[Risk 5]**: x\n';
    assert.equal(nextBlockNumber(analyze(gap), 'risk'), 6);
    // Only the section's own items: `[Debt Item N]` in Technical Debt Resolved is not counted.
    const debt = '### Technical Debt Introduced\n- **A**: a\n\n### Technical Debt Resolved\n- **[Debt Item 9]**: x\n';
    assert.equal(nextBlockNumber(analyze(debt), 'debt'), 2);
    assert.equal(nextBlockNumber(analyze('# Notes\n'), 'metric'), 1);
  });

  test('Decision 3 goes right after Decision 2, one blank line each side', () => {
    const result = insertNext(template, 'decision');
    const expected = template.replace(
      '- **Consequences**: [Implications of this decision]\n\n### Code Structure',
      '- **Consequences**: [Implications of this decision]\n\n' + blockText(decision, 3) + '‸\n\n### Code Structure',
    );
    assert.equal(result, expected);
    assert.equal(analyze(result.replace('‸', '')).placeholders.length, TEMPLATE_PLACEHOLDERS + 6);
  });

  test('Challenge 3 goes after Challenge 2, before the next level-2 section', () => {
    const result = insertNext(template, 'challenge');
    assert.equal(
      result,
      template.replace(
        '- **Lessons Learned**: [What we learned]\n\n## Performance Considerations',
        '- **Lessons Learned**: [What we learned]\n\n' + blockText(challenge, 3) + '‸\n\n## Performance Considerations',
      ),
    );
  });

  test('Component 3 after Component 2; rows, risks and debt items after their last one', () => {
    assert.ok(insertNext(template, 'component').includes('- **Configuration**: [Configuration parameters]\n\n#### Component 3: [Component Name]\n'));
    assert.ok(insertNext(template, 'metric').includes('| [Metric 3] | [Value] | [Value] | [Percentage] |\n| [Metric 4] | [Value] | [Value] | [Percentage] |‸\n\n### Bottlenecks'));
    assert.ok(insertNext(template, 'dependency').includes('| [Package 2] | [Version] | [Purpose] | [License] |\n| [Package 3] | [Version] | [Purpose] | [License] |‸\n\n### Dependencies Updated'));
    assert.ok(insertNext(template, 'risk').includes('- **[Risk 2]**: [Description and mitigation]\n- **[Risk 3]**: [Description and mitigation]‸\n\n## Technical Debt'));
    assert.ok(insertNext(template, 'debt').includes('- **[Debt Item 2]**: [Description, reason, and plan to address]\n- **[Debt Item 3]**: [Description, reason, and plan to address]‸\n\n### Technical Debt Resolved'));
  });

  test('with no decision yet: at the end of Architecture Decisions and its subsections, one level below it', () => {
    const text = '# Notes\n\n## Architecture Decisions\nWe decided.\n\n### Background\nSome.\n\n\n\n## Code Structure\n';
    const analysis = analyze(text);
    assert.equal(blockLevel(analysis, 'decision'), 3);
    assert.equal(
      insertNext(text, 'decision'),
      '# Notes\n\n## Architecture Decisions\nWe decided.\n\n### Background\nSome.\n\n' + blockText(decision, 1, { level: 3 }) + '‸\n\n## Code Structure\n',
    );
  });

  test('a heading block follows the level of the last one', () => {
    const text = '# Notes\n## Architecture Decisions\n### Decision 1: Cache\nBecause.\n';
    assert.equal(blockLevel(analyze(text), 'decision'), 3);
    assert.equal(insertNext(text, 'decision'), text + '\n' + blockText(decision, 2, { level: 3 }) + '‸\n');
  });

  test('a section right before the next heading, and one at the end without a line break', () => {
    const tight = '# Notes\n### Architecture Decisions\nWe decided.\n### Code Structure\n';
    assert.equal(insertNext(tight, 'decision'), '# Notes\n### Architecture Decisions\nWe decided.\n\n' + blockText(decision, 1) + '‸\n\n### Code Structure\n');
    const last = '# Notes\n### Architecture Decisions';
    assert.equal(insertNext(last, 'decision'), last + '\n\n' + blockText(decision, 1) + '‸\n');
  });

  test('no section for the block: no placement (the cursor is used)', () => {
    assert.equal(blockPlacement(analyze('# Other\n\nText.\n'), 'decision'), undefined);
    assert.equal(planBlock(analyze('# Other\n'), 'risk').placement, undefined);
  });

  test('at the cursor: on lines of its own', () => {
    const text = 'abc def\n\nxyz\n';
    assert.deepEqual(cursorPlacement(text, 8, 8), { start: 8, end: 8, lead: '', tail: '' });
    assert.deepEqual(cursorPlacement(text, 9, 9), { start: 9, end: 9, lead: '', tail: '\n\n' });
    assert.deepEqual(cursorPlacement(text, 3, 3), { start: 3, end: 3, lead: '\n\n', tail: '\n\n' });
    assert.deepEqual(cursorPlacement(text, 0, 0, '\r\n'), { start: 0, end: 0, lead: '', tail: '\r\n\r\n' });
    assert.deepEqual(cursorPlacement(text, 4, 7), { start: 4, end: 7, lead: '\n\n', tail: '' });
  });

  test('CRLF: rows after the last row, blocks with CRLF breaks', () => {
    const text = '# Implementation Notes\r\n### Performance Metrics\r\n| Metric | Before |\r\n|---|---|\r\n| Latency | 3 |\r\n\r\n### Architecture Decisions\r\n#### Decision 1: Cache\r\n- why\r\n\r\n### Next\r\n';
    assert.equal(nextBlockNumber(analyze(text), 'metric'), 2);
    assert.equal(
      insertNext(text, 'metric', '\r\n'),
      text.replace('| Latency | 3 |\r\n', '| Latency | 3 |\r\n| [Metric 2] | [Value] | [Value] | [Percentage] |‸\r\n'),
    );
    assert.equal(
      insertNext(text, 'decision', '\r\n'),
      text.replace('- why\r\n\r\n', '- why\r\n\r\n' + blockText(decision, 2, { eol: '\r\n' }) + '‸\r\n\r\n'),
    );
    assert.ok(!insertNext(text, 'decision', '\r\n').replace(/\r\n/g, '').includes('\n'));
  });

  test('a table with a header but no rows gets its first row under the delimiter; no table: the header too', () => {
    const header = '### New Dependencies Added\n| Dependency | Version |\n|---|---|\n\n### Next\n';
    assert.equal(insertNext(header, 'dependency'), header.replace('|---|---|\n', '|---|---|\n| [Package 1] | [Version] | [Purpose] | [License] |‸\n'));
    const none = '# Implementation Notes\n\n### New Dependencies Added\nNone so far.\n';
    const dependency = blockDefinition('dependency');
    assert.equal(insertNext(none, 'dependency'), none + '\n' + dependency.tableHeader!.join('\n') + '\n' + blockText(dependency, 1) + '‸\n');
  });

  test('list items: after the last item with its continuation lines; a fenced block is not an item', () => {
    const text = '### Dependency Risks\n- **Lock-in**: vendor\n  and more\n- **Licence**: GPL\n  - nested\n\n```\n- not an item\n```\n';
    assert.equal(
      insertNext(text, 'risk'),
      '### Dependency Risks\n- **Lock-in**: vendor\n  and more\n- **Licence**: GPL\n  - nested\n- **[Risk 3]**: [Description and mitigation]‸\n\n```\n- not an item\n```\n',
    );
    const empty = '### Dependency Risks\nNone known.\n\n### Next\n';
    assert.equal(insertNext(empty, 'risk'), '### Dependency Risks\nNone known.\n\n- **[Risk 1]**: [Description and mitigation]‸\n\n### Next\n');
    assert.equal(insertNext('### Dependency Risks\n- a', 'risk'), '### Dependency Risks\n- a\n- **[Risk 2]**: [Description and mitigation]‸');
  });

  test('snippets: the number and placeholders are tab stops in order; literal $ } \\ escaped', () => {
    const risk = blockDefinition('risk');
    assert.equal(blockSnippet(risk), '- **${2:[Risk ${1:1}]}**: ${3:[Description and mitigation]}$0');
    assert.equal(blockSnippet(risk, 4), '- **${1:[Risk 4]}**: ${2:[Description and mitigation]}$0');
    assert.equal(
      blockSnippet(decision),
      [
        '#### Decision ${1:1}: ${2:[Decision Title]}',
        '- **Context**: ${3:[Why this decision was needed]}',
        '- **Options Considered**: ${4:[Alternative approaches]}',
        '- **Decision**: ${5:[What was chosen]}',
        '- **Rationale**: ${6:[Why this option was chosen]}',
        '- **Consequences**: ${7:[Implications of this decision]}$0',
      ].join('\n'),
    );
    assert.equal(blockSnippet(decision, 3, { level: 2, eol: '\r\n' }).split('\r\n')[0], '## Decision 3: ${1:[Decision Title]}');
    const odd: BlockDefinition = { ...risk, lines: ['- $HOME {x} \\ [Cost $5}] {n}'] };
    assert.equal(blockSnippet(odd), '- \\$HOME {x\\} \\\\ ${2:[Cost \\$5\\}]} ${1:1}$0');
    assert.equal(expand(blockSnippet(odd, 2)), '- $HOME {x} \\ [Cost $5}] 2‸');
  });

  test('a fixed set of values becomes a choice, the placeholder itself first', () => {
    assert.deepEqual(fixedValues('[All resolved/In progress/Accepted risk]'), ['All resolved', 'In progress', 'Accepted risk']);
    assert.equal(fixedValues('[Start Date - End Date]'), undefined);
    assert.equal(fixedValues('[Description and mitigation]'), undefined);
    assert.deepEqual(fixedValues('[Yes/No]'), ['Yes', 'No']);
    assert.equal(fixedValues('[component1/module1]'), undefined);
    const status: BlockDefinition = { ...blockDefinition('risk'), lines: ['- **Resolution Status**: [All resolved/In progress/Accepted risk]'] };
    assert.equal(blockSnippet(status, 1), '- **Resolution Status**: ${1|[All resolved/In progress/Accepted risk],All resolved,In progress,Accepted risk|}$0');
    assert.equal(expand(blockSnippet(status, 1)), '- **Resolution Status**: [All resolved/In progress/Accepted risk]‸');
    // None of the template's repeated blocks offers a fixed set.
    for (const block of BLOCKS) assert.ok(!blockSnippet(block).includes('|}'), block.kind);
  });

  test('the kinds that belong at the cursor come first', () => {
    const analysis = analyze(template);
    const at = (s: string) => blockKindsAt(analysis, template.indexOf(s));
    assert.deepEqual(at('#### Decision 2')[0], 'decision');
    assert.deepEqual(at('| [Metric 2]')[0], 'metric');
    assert.deepEqual(at('### Challenge 2').slice(0, 1), ['challenge']);
    assert.deepEqual(at('## Lessons Learned'), BLOCKS.map((b) => b.kind));
  });

  test('snippets/markdown.json is generated from these definitions', () => {
    const committed = fs.readFileSync(path.join(__dirname, '../../snippets/markdown.json'), 'utf8');
    assert.equal(committed, JSON.stringify(snippetsJson(), null, 2) + '\n');
    const parsed = JSON.parse(committed) as Record<string, { prefix: string; body: string[] }>;
    assert.deepEqual(Object.values(parsed).map((s) => s.prefix), ['decision', 'challenge', 'component', 'metric-row', 'dependency-row', 'risk', 'debt-item']);
    // Expanded with its default number, each snippet is the template's first block.
    for (const [i, s] of Object.values(parsed).entries()) assert.equal(expand(s.body.join('\n')), blockText(BLOCKS[i], 1) + '‸');
  });
});
