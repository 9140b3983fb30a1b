// Writes src/core/template/implementation-notes.model.json, the default
// template's model computed once here instead of at every start (a unit test
// checks the committed file matches): 
// `node --require ./test/unit/md-loader.cjs --import tsx scripts/generate-template-model.ts`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTemplateFacts } from '../src/core/analysis/analyze';
import { storeOutline } from '../src/core/rules/missingSectionFinder';
import { createTemplate, defaultTemplateText } from '../src/core/template/template';

/** What the committed file holds: everything of the model but the text, and the outline missing sections are matched against. */
export function defaultTemplateModelJson(): { placeholders: string[]; outline: ReturnType<typeof storeOutline>; placeholderSpans: { start: number; end: number }[] } {
  const model = createTemplate(defaultTemplateText);
  const facts = parseTemplateFacts(model);
  return { placeholders: [...model.placeholders], outline: storeOutline(facts.outline), placeholderSpans: facts.placeholders };
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'src', 'core', 'templates', 'implementation-notes.model.json');
  fs.writeFileSync(file, JSON.stringify(defaultTemplateModelJson(), null, 1) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
