import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, BLOCKS, blockInsertion, blockSnippet, blockText, defaultTemplate, nextBlockNumber } from '../../src/core';
import { snippetsJson } from '../../scripts/generate-snippets';

const template = defaultTemplate().text;

suite('repeated blocks', () => {
  test('each block, numbered 1, stands verbatim in the default template', () => {
    for (const block of BLOCKS) assert.ok(template.includes(blockText(block, 1)), block.kind);
  });

  test('next numbers in the default template', () => {
    const analysis = analyze(template);
    assert.deepEqual(
      BLOCKS.map((b) => `${b.kind} ${nextBlockNumber(analysis, b.kind)}`),
      ['decision 3', 'challenge 3', 'component 3', 'metric 4', 'dependency 3', 'risk 3', 'debt 3'],
    );
  });

  test('numbers follow the highest existing one, gaps allowed', () => {
    const analysis = analyze('## Architecture Decisions\n#### Decision 1: a\n#### Decision 7: b\n');
    assert.equal(nextBlockNumber(analysis, 'decision'), 8);
    assert.equal(nextBlockNumber(analysis, 'challenge'), 1);
  });

  test('a decision goes right after the last decision block', () => {
    const analysis = analyze(template);
    const edit = blockInsertion(analysis, 'decision', blockText(BLOCKS[0], 3))!;
    const result = applyEdits(template, [edit]);
    assert.ok(result.includes('- **Consequences**: [Implications of this decision]\n\n#### Decision 3: [Decision Title]\n- **Context**'));
    assert.ok(result.includes('#### Decision 3: [Decision Title]\n- **Context**: [Why this decision was needed]\n- **Options Considered**: [Alternative approaches]\n- **Decision**: [What was chosen]\n- **Rationale**: [Why this option was chosen]\n- **Consequences**: [Implications of this decision]\n\n### Code Structure'));
    assert.equal(analyze(result).placeholders.length, 228 + 6);
  });

  test('a challenge goes after Challenge 2, before the next level-2 section', () => {
    const result = applyEdits(template, [blockInsertion(analyze(template), 'challenge', blockText(BLOCKS[1], 3))!]);
    assert.match(result, /- \*\*Lessons Learned\*\*: \[What we learned\]\n\n### Challenge 3: \[Challenge Description\]\n[\s\S]*?\[What we learned\]\n\n## Performance Considerations/);
  });

  test('with no decision yet, at the end of Architecture Decisions; with neither, nowhere', () => {
    const text = '# Notes\n\n### Architecture Decisions\nWe decided.\n### Code Structure\n';
    const result = applyEdits(text, [blockInsertion(analyze(text), 'decision', 'BLOCK')!]);
    assert.equal(result, '# Notes\n\n### Architecture Decisions\nWe decided.\n\nBLOCK\n\n### Code Structure\n');
    assert.equal(blockInsertion(analyze('# Other\n'), 'decision', 'BLOCK'), undefined);
  });

  test('rows go after the last row, keeping CRLF', () => {
    const text = '### Performance Metrics\r\n| Metric | Before |\r\n|---|---|\r\n| Latency | 3 |\r\n\r\n### Next\r\n';
    const analysis = analyze(text);
    assert.equal(nextBlockNumber(analysis, 'metric'), 2);
    const row = blockText(BLOCKS[3], 2, '\r\n');
    const result = applyEdits(text, [blockInsertion(analysis, 'metric', row, '\r\n')!]);
    assert.equal(result, '### Performance Metrics\r\n| Metric | Before |\r\n|---|---|\r\n| Latency | 3 |\r\n| [Metric 2] | [Value] | [Value] | [Percentage] |\r\n\r\n### Next\r\n');
  });

  test('list items go after the last item', () => {
    const text = '### Dependency Risks\n- **Lock-in**: vendor\n';
    const result = applyEdits(text, [blockInsertion(analyze(text), 'risk', blockText(BLOCKS[5], 2))!]);
    assert.equal(result, '### Dependency Risks\n- **Lock-in**: vendor\n- **[Risk 2]**: [Description and mitigation]\n');
  });

  test('snippets: the number and placeholders are tab stops; $ and } are escaped', () => {
    assert.equal(blockSnippet(BLOCKS[5]), '- **${2:[Risk ${1:1}]}**: ${3:[Description and mitigation]}$0');
    assert.equal(blockSnippet(BLOCKS[5], 4), '- **${1:[Risk 4]}**: ${2:[Description and mitigation]}$0');
    assert.match(blockSnippet(BLOCKS[0]), /^#### Decision \$\{1:1\}: \$\{2:\[Decision Title\]\}\n- \*\*Context\*\*: \$\{3:\[Why this decision was needed\]\}/);
  });

  test('snippets/markdown.json is generated from these definitions', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../snippets/markdown.json'), 'utf8'));
    assert.deepEqual(committed, snippetsJson());
  });
});
