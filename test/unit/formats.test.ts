import * as assert from 'node:assert/strict';
import { FORMATS, workflowCommand, type RunTotals } from '../../src/cli/formats';
import { runFormat, totalsOf } from './formatHelpers';
import { timeRatio } from './helpers';

const run = (format: string, files: { path: string; text: string }[], totals: RunTotals) => runFormat(FORMATS[format], files, totals);

const todo = { path: 'docs/a.md', text: '# Notes\n\nOwner: [Name]\n\n## Risks\n' };
const totals: RunTotals = totalsOf({ files: 1, filesWithFindings: 1, counts: { placeholder: 1, 'empty-section': 1 } });

suite('output formats', () => {
  test('the table has exactly the documented formats', () => {
    assert.deepEqual(Object.keys(FORMATS), ['text', 'json', 'sarif', 'github', 'markdown', 'codeclimate']);
  });

  test('text: one line per finding, then the summary', () => {
    assert.equal(run('text', [todo], totals), [
      'docs/a.md:3:8: Placeholder [Name] is not filled in [placeholder]',
      'docs/a.md:5:1: Section "Risks" is empty [empty-section]',
      '1 file checked: 1 placeholder and 1 empty section in 1 file.',
      '',
    ].join('\n'));
  });

  test('json and sarif: one document each, from the core reports', () => {
    const json = JSON.parse(run('json', [todo], totals));
    assert.deepEqual(json.files[0].placeholders, [{ line: 3, column: 8, endColumn: 14, text: '[Name]', section: 'Notes' }]);
    const sarif = JSON.parse(run('sarif', [todo], totals));
    assert.equal(sarif.runs[0].tool.driver.semanticVersion, '9.9.9');
    assert.equal(sarif.runs[0].tool.driver.informationUri, 'https://example.test/impl-notes');
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['placeholder', 'empty-section']);
  });

  test('github: a warning annotation per finding with its range, then the summary', () => {
    assert.equal(run('github', [todo], totals), [
      '::warning file=docs/a.md,line=3,endLine=3,col=8,endColumn=14,title=impl-notes placeholder::Placeholder [Name] is not filled in',
      '::warning file=docs/a.md,line=5,endLine=5,col=1,endColumn=9,title=impl-notes empty-section::Section "Risks" is empty',
      '1 file checked: 1 placeholder and 1 empty section in 1 file.',
      '',
    ].join('\n'));
  });

  test('github: a path with commas, colons and percent signs cannot break out of its property', () => {
    const out = run('github', [{ path: 'C:\\notes,v2\\100%.md', text: '# Notes\n\n[Name]\n' }], totals);
    assert.match(out, /^::warning file=C%3A\/notes%2Cv2\/100%25\.md,line=3,/);
  });

  test('github: message data escapes %, CR and LF but keeps : and ,', () => {
    assert.equal(
      workflowCommand('warning', { file: 'a.md', title: 'x: y, z' }, '50% done:\r\nnext, then'),
      '::warning file=a.md,title=x%3A y%2C z::50%25 done:%0D%0Anext, then',
    );
    assert.equal(workflowCommand('notice', {}, 'plain'), '::notice::plain');
  });

  test('github: a percent sign in a section title is escaped in the message', () => {
    const out = run('github', [{ path: 'a.md', text: '# 100% done ::error::x\n' }], totals);
    assert.equal(out.split('\n')[0], '::warning file=a.md,line=1,endLine=1,col=1,endColumn=23,title=impl-notes empty-section::Section "100%25 done ::error::x" is empty');
  });

  test('escaping is linear: 8x the commas and percent signs take well under 64x the time', () => {
    const hostile = ',%:'.repeat(350_000);
    const line = workflowCommand('warning', { file: hostile }, hostile);
    assert.equal(line.length, '::warning file='.length + 350_000 * 9 + 2 + 350_000 * 5, 'every character escaped');
    const ratio = timeRatio((n) => workflowCommand('warning', { file: ',%:'.repeat(n) }, ',%:'.repeat(n)), 25_000, 200_000);
    assert.ok(ratio < 24, `8x the input took ${ratio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);
  });
});
