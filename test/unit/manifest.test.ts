import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { analyze, parseConfig, toTextLines, type ResolvedReference } from '../../src/core';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

suite('manifest contributions agree with the core', () => {
  test('the config schema has exactly the keys the config parser knows', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/impl-notes.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['files', 'ignore', 'missingSections', 'notApplicable', 'references', 'template']);
    // The parser reports any other key as unknown.
    const { problems } = parseConfig('template: t.md\nignore: [x]\nfiles: [y]\nother: 1\n', 'c.yaml');
    assert.deepEqual(problems.map((p) => p.key), ['other']);
  });

  test('Restricted Mode ignores every setting that changes what runs or is read; numbers are bounded', () => {
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    const expected = ['ignore', 'files', 'template', 'analysisTimeLimit', 'maxDocumentSize', 'newNotes.folder'].map((k) => `implementationNotes.${k}`);
    assert.deepEqual([...restricted].sort(), expected.sort());
    const properties: Record<string, { type: string; minimum?: number; maximum?: number }> = manifest.contributes.configuration.properties;
    const unbounded = Object.entries(properties).filter(([, p]) => p.type === 'number' && (p.minimum === undefined || p.maximum === undefined));
    assert.deepEqual(unbounded.map(([name]) => name), []);
  });

  test('the problem matcher reads every line the CLI writes', () => {
    const [matcher] = manifest.contributes.problemMatchers;
    const re = new RegExp(matcher.pattern.regexp);
    const analysis = analyze('# Notes\n\n## Empty\n\n## Owner\n[Name] and `[Name]`\n\nSee `src/a.ts`.\n');
    const at = analysis.text.indexOf('src/a.ts');
    const broken: ResolvedReference = {
      kind: 'path', source: 'code', start: at, end: at + 8, text: 'src/a.ts', path: 'src/a.ts', status: 'missing',
      finding: { code: 'broken-reference', message: '`src/a.ts` does not exist in the repository' },
    };
    const lines = toTextLines('docs/notes: phase 1.md', analysis, undefined, [broken]);
    assert.equal(lines.length, 4);
    const parsed = lines.map((line) => {
      const m = re.exec(line)!;
      return [m[matcher.pattern.file], m[matcher.pattern.line], m[matcher.pattern.column], m[matcher.pattern.message], m[matcher.pattern.code]];
    });
    assert.deepEqual(parsed, [
      ['docs/notes: phase 1.md', '3', '1', 'Section "Empty" is empty', 'empty-section'],
      ['docs/notes: phase 1.md', '6', '1', 'Placeholder [Name] is not filled in', 'placeholder'],
      ['docs/notes: phase 1.md', '6', '13', 'Placeholder [Name] is not filled in', 'placeholder'],
      ['docs/notes: phase 1.md', '8', '6', '`src/a.ts` does not exist in the repository', 'broken-reference'],
    ]);
  });

  test('every command has a localizable title in the Implementation Notes category', () => {
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^implementationNotes\.[a-zA-Z]+$/);
      assert.equal(nls[command.category.slice(1, -1)], 'Implementation Notes');
      assert.ok(nls[command.title.slice(1, -1)], command.command);
    }
  });

  test('every %key% of the manifest is in package.nls.json, and every key is used', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual([...used].filter((k) => !(k in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });
});

suite('README documents every contribution', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const configuration = manifest.contributes.configuration;
  const properties = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((c: { properties: object }) => Object.keys(c.properties));

  test('every setting, by its full name', () => {
    assert.ok(properties.length > 0);
    assert.deepEqual(properties.filter((key: string) => !readme.includes(`\`${key}\``)), []);
  });

  test('every command of the palette, by its title', () => {
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command));
    const shown = manifest.contributes.commands.filter((c: { command: string }) => !hidden.has(c.command));
    assert.ok(shown.length > 0);
    assert.deepEqual(shown.map((c: { title: string }) => nls[c.title.slice(1, -1)]).filter((title: string) => !readme.includes(title)), []);
  });

  test('every keybinding, as the keys a user presses', () => {
    const keys = manifest.contributes.keybindings.map((k: { key: string }) => k.key.replace(/\b[a-z]/g, (c: string) => c.toUpperCase()));
    assert.deepEqual(keys.filter((key: string) => !readme.includes(`\`${key}\``)), []);
  });
});

suite('localization', () => {
  test('l10n/bundle.l10n.json holds every vscode.l10n.t string of the sources (npm run l10n:export)', function () {
    this.timeout(60000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, [require.resolve('@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', out, './src'], { cwd: root, stdio: 'ignore' });
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'));
      const committed = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'));
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
