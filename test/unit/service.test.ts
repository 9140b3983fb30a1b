import * as assert from 'node:assert/strict';
import { analyze, AnalysisService, createTemplate, defaultTemplate } from '../../src/core';

suite('analysis service (what the worker runs)', () => {
  test('gives the same results as analyze(), per template and ignore list', () => {
    const service = new AnalysisService();
    const text = defaultTemplate().text;
    const { placeholders, sections } = analyze(text);
    assert.deepEqual(service.analyze({ key: 'a', text, ignore: [] }), { placeholders, sections });
    const custom = '# T\n\n`[x1]`\n';
    const withTemplate = service.analyze({ key: 'b', text: 'Use `[x1]` and `[Name]` [Date]\n', templateText: custom, ignore: ['[Date]'] });
    assert.deepEqual(withTemplate.placeholders.map((p) => p.text), ['[x1]']);
    assert.deepEqual(
      withTemplate,
      (({ placeholders: p, sections: s }) => ({ placeholders: p, sections: s }))(
        analyze('Use `[x1]` and `[Name]` [Date]\n', { template: createTemplate(custom), ignore: ['[Date]'] }),
      ),
    );
  });

  test('keeps a parser per document and forgets it on request', () => {
    const service = new AnalysisService();
    service.analyze({ key: 'doc', text: '# A\n\n[X]\n', ignore: [] });
    const edited = service.analyze({ key: 'doc', text: '# A\n\n[X] [Y]\n', ignore: [] });
    assert.deepEqual(edited.placeholders.map((p) => p.text), ['[X]', '[Y]']);
    service.forget('doc');
    assert.equal(service.analyze({ key: 'doc', text: '# A\n', ignore: [] }).placeholders.length, 0);
  });
});
