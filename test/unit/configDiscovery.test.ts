import * as assert from 'node:assert/strict';
import { ConfigDiscovery, formatConfigProblem, isInside, joinPath, MAX_CONFIG_BYTES, parentPath, type ConfigProblem } from '../../src/core';
import { MemoryHost, type MemoryEntry } from './fakes';

const TEMPLATE = '# Notes\n\n## Owner\n\n[Team Name]\n';

async function discover(entries: Record<string, MemoryEntry>, folder: string, root?: string) {
  const host = MemoryHost.of(entries, false);
  const problems: ConfigProblem[] = [];
  const discovery = new ConfigDiscovery(host, { report: (p) => problems.push(p), root });
  const loaded = await discovery.forFolder(folder);
  return { host, problems: problems.map(formatConfigProblem), loaded, discovery };
}

suite('config discovery (core, over an in-memory host)', () => {
  test('paths: parent, join with dot segments, inside', () => {
    assert.equal(parentPath('/a/b/c'), '/a/b');
    assert.equal(parentPath('/a'), '/');
    assert.equal(parentPath('/'), '/');
    assert.equal(joinPath('/p/q', '../r/./t.md'), '/p/r/t.md');
    assert.equal(joinPath('/p', '../../../x'), '/x');
    assert.equal(joinPath('/p', '/abs/y'), '/abs/y');
    assert.ok(isInside('/p', '/p/x'));
    assert.ok(!isInside('/p', '/pq/x'));
  });

  test('joinPath: paths with nothing to fold are joined as they are, others folded the same as segment by segment', () => {
    // Segment by segment, as a reader would fold them: the answer joinPath's shortcut must agree with.
    const folded = (base: string, relative: string): string => {
      const out: string[] = [];
      for (const s of (relative.startsWith('/') ? relative : `${base}/${relative}`).split('/')) {
        if (s === '..') out.pop();
        else if (s !== '' && s !== '.') out.push(s);
      }
      return '/' + out.join('/');
    };
    const parts = ['a', 'b.ts', '.', '..', '', '.x', '..y', 'z.'];
    let seed = 7;
    const pick = () => parts[(seed = (seed * 1103515245 + 12345) % 2147483648) % parts.length];
    const path = (n: number) => Array.from({ length: n }, pick).join('/');
    for (let i = 0; i < 5000; i++) {
      const base = '/' + path(1 + (i % 3));
      const relative = (i % 7 === 0 ? '/' : '') + path(1 + (i % 4));
      assert.equal(joinPath(base, relative), folded(base, relative), `${base} + ${relative}`);
    }
    assert.equal(joinPath('/', 'a/b'), '/a/b');
    assert.equal(joinPath('/r', 'src/a.ts'), '/r/src/a.ts');
  });

  test('the nearest config up the tree applies, with its template, read with the config byte limit', async () => {
    const { loaded, problems, host } = await discover(
      { '/w/.impl-notes.yaml': 'template: t.md\nignore: [Skip]\n', '/w/t.md': TEMPLATE, '/w/a/b/notes.md': '' },
      '/w/a/b',
    );
    assert.deepEqual(problems, []);
    assert.equal(loaded?.file, '/w/.impl-notes.yaml');
    assert.deepEqual(loaded?.config.ignore, ['Skip']);
    assert.equal(loaded?.templateText, TEMPLATE);
    assert.equal(host.limits[0], MAX_CONFIG_BYTES);
  });

  test('the walk stops at the root it is given', async () => {
    const { loaded } = await discover({ '/w/.impl-notes.yaml': 'ignore: [x]\n', '/w/folder/a/n.md': '' }, '/w/folder/a', '/w/folder');
    assert.equal(loaded, undefined);
  });

  test('each config and template is read once for any number of folders, and its problems reported once', async () => {
    const host = MemoryHost.of({ '/w/.impl-notes.yaml': 'colour: red\ntemplate: t.md\n', '/w/t.md': TEMPLATE, '/w/a/b/c/n.md': '', '/w/d/n.md': '' }, false);
    const problems: ConfigProblem[] = [];
    const discovery = new ConfigDiscovery(host, { report: (p) => problems.push(p) });
    await Promise.all(['/w/a/b/c', '/w/a/b', '/w/a', '/w/d', '/w/a/b/c'].map((f) => discovery.forFolder(f)));
    assert.deepEqual(host.readOrder, ['/w/.impl-notes.yaml', '/w/t.md']);
    assert.deepEqual(problems.map(formatConfigProblem), ['/w/.impl-notes.yaml: colour: unknown key (expected one of: template, ignore, files, missingSections, references, notApplicable)']);
  });

  test('a template outside the config folder is refused, by its path or through a link', async () => {
    const byPath = await discover({ '/w/p/.impl-notes.yaml': 'template: ../t.md\n', '/w/t.md': TEMPLATE }, '/w/p');
    assert.equal(byPath.loaded?.templateText, undefined);
    assert.deepEqual(byPath.problems, ['/w/p/.impl-notes.yaml: template: ../t.md is outside the folder of the config file; using the built-in template']);
    assert.deepEqual(byPath.host.readOrder, ['/w/p/.impl-notes.yaml']);

    const byLink = await discover({ '/w/p/.impl-notes.yaml': 'template: t.md\n', '/w/p/t.md': { linkTo: '/etc/secret.md' }, '/etc/secret.md': TEMPLATE }, '/w/p');
    assert.equal(byLink.loaded?.templateText, undefined);
    assert.deepEqual(byLink.problems, ['/w/p/.impl-notes.yaml: template: t.md is a link to /etc/secret.md, outside the folder of the config file; using the built-in template']);
    assert.ok(!byLink.host.readOrder.includes('/etc/secret.md'));
  });

  test('a link inside the folder is followed', async () => {
    const { loaded, problems } = await discover({ '/w/.impl-notes.yaml': 'template: t.md\n', '/w/t.md': { linkTo: 'real/t.md' }, '/w/real/t.md': TEMPLATE }, '/w');
    assert.deepEqual(problems, []);
    assert.equal(loaded?.templateText, TEMPLATE);
  });

  test('a config that cannot be read is an error, not silence, and nothing of it applies', async () => {
    const cases: [Record<string, MemoryEntry>, string][] = [
      [{ '/w/.impl-notes.yaml/x': 'folder' }, '/w/.impl-notes.yaml: cannot read: is a directory'],
      [{ '/w/.impl-notes.yaml': { linkTo: 'gone.yaml' } }, '/w/.impl-notes.yaml: cannot read: a dangling symbolic link'],
      [{ '/w/.impl-notes.yaml': { other: 'a FIFO (named pipe), not a regular file' } }, '/w/.impl-notes.yaml: cannot read: a FIFO (named pipe), not a regular file'],
      [{ '/w/.impl-notes.yaml': { linkTo: '/etc/conf.yaml' }, '/etc/conf.yaml': 'ignore: [x]\n' }, '/w/.impl-notes.yaml: cannot read: a link to /etc/conf.yaml, outside the folder of the config file'],
      [{ '/w/.impl-notes.yaml': 'ignore: [x]\n\u0000' }, '/w/.impl-notes.yaml: cannot read: a binary file, not Markdown text'],
    ];
    for (const [entries, message] of cases) {
      const { loaded, problems } = await discover({ ...entries, '/.impl-notes.yaml': 'ignore: [outer]\n' }, '/w');
      assert.deepEqual(problems, [message]);
      assert.equal(loaded?.file, '/w/.impl-notes.yaml', 'the unreadable config still stops the walk');
      assert.deepEqual(loaded?.config.ignore, []);
    }
  });

  test('loadTemplates: false leaves the template unread', async () => {
    const host = MemoryHost.of({ '/w/.impl-notes.yaml': 'template: t.md\n', '/w/t.md': TEMPLATE }, false);
    const discovery = new ConfigDiscovery(host, { report: () => undefined, loadTemplates: false });
    assert.equal((await discovery.forFolder('/w'))?.templateText, undefined);
    assert.deepEqual(host.readOrder, ['/w/.impl-notes.yaml']);
  });
});
