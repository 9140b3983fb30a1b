import * as assert from 'node:assert/strict';
import { analyze, DocumentAnalyzer, createTemplate, defaultTemplate } from '../../src/core';

suite('analysis service (what the worker runs)', () => {
  test('gives the same results as analyze(), per template and ignore list', () => {
    const service = new DocumentAnalyzer();
    const text = defaultTemplate().text;
    const { placeholders, sections, missing, references } = analyze(text);
    assert.deepEqual(service.analyze({ key: 'a', text, ignore: [] }), { placeholders, sections, missing, references });
    const custom = '# T\n\n`[x1]`\n';
    const withTemplate = service.analyze({ key: 'b', text: 'Use `[x1]` and `[Name]` [Date]\n', templateText: custom, ignore: ['[Date]'] });
    assert.deepEqual(withTemplate.placeholders.map((p) => p.text), ['[x1]']);
    assert.deepEqual(
      withTemplate,
      (({ placeholders: p, sections: s, missing: m, references: r }) => ({ placeholders: p, sections: s, missing: m, references: r }))(
        analyze('Use `[x1]` and `[Name]` [Date]\n', { template: createTemplate(custom), ignore: ['[Date]'] }),
      ),
    );
  });

  test('missing sections: by content, when the host says the document is notes, never when switched off', () => {
    const service = new DocumentAnalyzer();
    const plain = '# Search service\n\n## Phase Information\n\ntext\n';
    const titles = (r: { missing: { title: string }[] }) => r.missing.map((m) => m.title);
    assert.deepEqual(titles(service.analyze({ key: 'p', text: plain, ignore: [] })), []);
    assert.ok(titles(service.analyze({ key: 'p', text: plain, ignore: [], notes: true })).includes('Security Implementation'));
    assert.deepEqual(titles(service.analyze({ key: 'p', text: plain, ignore: [], notes: true, missingSections: false })), []);
    const notes = '# Implementation notes\n\n## Phase Information\n\ntext\n';
    assert.ok(titles(service.analyze({ key: 'n', text: notes, ignore: [] }, true)).includes('Security Implementation'));
  });

  test('references: by content, when the host says the document is notes (whatever missingSections says), never when switched off', () => {
    const service = new DocumentAnalyzer();
    const body = '\n\n- **Location**: `src/a.ts`\n';
    const paths = (r: { references: { path?: string }[] }) => r.references.map((ref) => ref.path);
    assert.deepEqual(paths(service.analyze({ key: 'p', text: '# Search service' + body, ignore: [] })), []);
    assert.deepEqual(paths(service.analyze({ key: 'p', text: '# Search service' + body, ignore: [], notes: true, missingSections: false })), ['src/a.ts']);
    assert.deepEqual(paths(service.analyze({ key: 'n', text: '# Implementation notes' + body, ignore: [] }, true)), ['src/a.ts']);
    assert.deepEqual(paths(service.analyze({ key: 'n', text: '# Implementation notes' + body, ignore: [], references: false })), []);
    assert.deepEqual(paths(service.analyze({ key: 'p', text: '# Search service' + body, ignore: [], notes: true, references: false })), []);
  });

  test('keeps a parser per document and forgets it on request', () => {
    const service = new DocumentAnalyzer();
    service.analyze({ key: 'doc', text: '# A\n\n[X]\n', ignore: [] });
    service.analyze({ key: 'other', text: '# B\n', ignore: [] });
    service.analyze({ key: 'cli', text: '# C\n', ignore: [] }, true);
    assert.equal(service.trackedDocuments, 2, 'one parser per edited document, none for a one-off analysis');
    const edited = service.analyze({ key: 'doc', text: '# A\n\n[X] [Y]\n', ignore: [] });
    assert.deepEqual(edited.placeholders.map((p) => p.text), ['[X]', '[Y]']);
    assert.equal(service.trackedDocuments, 2, 'an edit reuses the document\'s parser');
    service.forget('doc');
    assert.equal(service.trackedDocuments, 1);
    // Analysing it again starts afresh and still finds everything.
    assert.deepEqual(service.analyze({ key: 'doc', text: '# A\n\n[Z]\n', ignore: [] }).placeholders.map((p) => p.text), ['[Z]']);
  });
});
