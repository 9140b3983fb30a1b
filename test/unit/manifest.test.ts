import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { execFileSync } from 'node:child_process';
import { analyze, parseConfig, toTextLines } from '../../src/core';

const root = path.resolve(__dirname, '../..');
interface Command { command: string; title: string; category: string }
interface Manifest {
  contributes: {
    commands: Command[];
    problemMatchers: { pattern: { regexp: string } & Record<'file' | 'line' | 'column' | 'message' | 'code', number> }[];
    configuration: { properties: object } | { properties: object }[];
    menus: { commandPalette: { command: string; when: string }[] };
    keybindings: { key: string }[];
  };
}
const readJson = (...parts: string[]): unknown => JSON.parse(fs.readFileSync(path.join(root, ...parts), 'utf8'));
const manifest = readJson('package.json') as Manifest;
const readNls = () => readJson('package.nls.json') as Record<string, string>;

suite('manifest contributions agree with the core', () => {
  test('the config schema has exactly the keys the config parser knows', () => {
    const schema = readJson('schemas/impl-notes.schema.json') as { properties: object };
    assert.deepEqual(Object.keys(schema.properties).sort(), ['files', 'ignore', 'template']);
    // The parser reports any other key as unknown.
    const { problems } = parseConfig('template: t.md\nignore: [x]\nfiles: [y]\nother: 1\n', 'c.yaml');
    assert.deepEqual(problems.map((p) => p.key), ['other']);
  });

  test('the problem matcher reads every line the CLI writes', () => {
    const [matcher] = manifest.contributes.problemMatchers;
    const re = new RegExp(matcher.pattern.regexp);
    const lines = toTextLines('docs/notes: phase 1.md', analyze('# Notes\n\n## Empty\n\n## Owner\n[Name] and `[Name]`\n'));
    assert.equal(lines.length, 3);
    const parsed = lines.map((line) => {
      const m = re.exec(line)!;
      return [m[matcher.pattern.file], m[matcher.pattern.line], m[matcher.pattern.column], m[matcher.pattern.message], m[matcher.pattern.code]];
    });
    assert.deepEqual(parsed, [
      ['docs/notes: phase 1.md', '3', '1', 'Section "Empty" is empty', 'empty-section'],
      ['docs/notes: phase 1.md', '6', '1', 'Placeholder [Name] is not filled in', 'placeholder'],
      ['docs/notes: phase 1.md', '6', '13', 'Placeholder [Name] is not filled in', 'placeholder'],
    ]);
  });

  test('every command has a localizable title in the Implementation Notes category', () => {
    const nls = readNls();
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^implementationNotes\.[a-zA-Z]+$/);
      assert.equal(nls[command.category.slice(1, -1)], 'Implementation Notes');
      assert.ok(nls[command.title.slice(1, -1)], command.command);
    }
  });

  test('every %key% of the manifest is in package.nls.json, and every key is used', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = readNls();
    const used = new Set([...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual([...used].filter((k) => !(k in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });
});

suite('README documents every contribution', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const nls = readNls();
  const configuration = manifest.contributes.configuration;
  const properties = (Array.isArray(configuration) ? configuration : [configuration]).flatMap((c) => Object.keys(c.properties));

  test('every setting, by its full name', () => {
    assert.ok(properties.length > 0);
    assert.deepEqual(properties.filter((key) => !readme.includes(`\`${key}\``)), []);
  });

  test('every command of the palette, by its title', () => {
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    const shown = manifest.contributes.commands.filter((c) => !hidden.has(c.command));
    assert.ok(shown.length > 0);
    assert.deepEqual(shown.map((c) => nls[c.title.slice(1, -1)]).filter((title) => !readme.includes(title)), []);
  });

  test('every keybinding, as the keys a user presses', () => {
    const keys = manifest.contributes.keybindings.map((k) => k.key.replace(/\b[a-z]/g, (c) => c.toUpperCase()));
    assert.deepEqual(keys.filter((key) => !readme.includes(`\`${key}\``)), []);
  });
});

suite('localization', () => {
  test('l10n/bundle.l10n.json holds every vscode.l10n.t string of the sources (npm run l10n:export)', function () {
    this.timeout(60000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, [require.resolve('@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', out, './src'], { cwd: root, stdio: 'ignore' });
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as object;
      const committed = readJson('l10n', 'bundle.l10n.json') as object;
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
