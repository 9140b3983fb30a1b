import * as assert from 'node:assert/strict';
import { DocumentAnalyzer, createTemplate, defaultTemplate, defaultTemplateFacts, defaultTemplateText, parseTemplateFacts } from '../../src/core';
import { defaultTemplateModelJson } from '../../scripts/generate-template-model';
import prebuilt from '../../src/core/template/implementation-notes.model.json';

suite('the prebuilt default template model', () => {
  test('the committed model file is current (regenerate with scripts/generate-template-model.ts)', () => {
    assert.deepEqual(prebuilt, defaultTemplateModelJson());
  });

  test('equals the model computed at run time, placeholders in the same order', () => {
    const computed = createTemplate(defaultTemplateText);
    const model = defaultTemplate();
    assert.equal(model.text, computed.text);
    assert.deepEqual([...model.placeholders], [...computed.placeholders]);
    assert.equal(model.placeholders.size, 133);
  });

  test('its outline and placeholder spans equal those a parse of the text gives, KMP tables included', () => {
    const parsed = parseTemplateFacts(createTemplate(defaultTemplateText));
    const prebuiltFacts = defaultTemplateFacts();
    assert.deepEqual(prebuiltFacts, parsed);
    assert.ok(prebuiltFacts.outline.length > 10 && prebuiltFacts.outline.some((s) => s.pattern.segments.length > 1), 'the outline has sections and patterns with placeholders');
  });

  test('the service reuses it for a request carrying the default text, and still parses another template', () => {
    const service = new DocumentAnalyzer();
    const withText = service.analyze({ key: 'a', text: '```\n[component1]\n```\n', templateText: defaultTemplateText, ignore: [] }, true);
    assert.equal(withText.placeholders.length, 1);
    const custom = service.analyze({ key: 'b', text: '```\n[component1]\n```\n', templateText: '# T\n\nNo placeholders here.\n', ignore: [] }, true);
    assert.equal(custom.placeholders.length, 0);
  });
});
