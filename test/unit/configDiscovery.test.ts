import * as assert from 'node:assert/strict';
import {
  ConfigDiscovery,
  formatConfigProblem,
  HostError,
  isInside,
  joinPath,
  MAX_CONFIG_BYTES,
  parentPath,
  type ConfigProblem,
  type HostStat,
  type NotesHost,
} from '../../src/core';

type Entry = string | { linkTo: string } | { other: string };

/** A file system in a map: paths to texts, links and special files; folders are implied by the paths under them. */
class MemoryHost implements NotesHost {
  readonly reads: string[] = [];
  readonly limits: number[] = [];
  constructor(private readonly entries: Record<string, Entry>) {}

  private resolve(path: string, depth = 0): string {
    if (depth > 40) throw new HostError('too many levels of symbolic links');
    const segments = path.split('/').filter(Boolean);
    let at = '';
    for (const segment of segments) {
      at = `${at}/${segment}`;
      const entry = this.entries[at];
      if (entry && typeof entry === 'object' && 'linkTo' in entry) at = this.resolve(joinPath(parentPath(at), entry.linkTo), depth + 1);
    }
    return at || '/';
  }

  async readFile(path: string, limit: number): Promise<Uint8Array> {
    this.reads.push(path);
    this.limits.push(limit);
    const entry = this.entries[this.resolve(path)];
    if (typeof entry !== 'string') throw new HostError(entry ? 'not a regular file' : 'no such file or directory');
    return new TextEncoder().encode(entry);
  }

  async readDirectory(): Promise<never[]> {
    return [];
  }

  async stat(path: string): Promise<HostStat | undefined> {
    const raw = this.entries[path];
    if (raw && typeof raw === 'object' && 'linkTo' in raw) {
      const real = this.resolve(path);
      if (this.entries[real] === undefined && !this.isFolder(real)) return { kind: 'other', what: 'a dangling symbolic link' };
    }
    const real = this.resolve(path);
    const entry = this.entries[real];
    if (typeof entry === 'string') return { kind: 'file' };
    if (entry && 'other' in entry) return { kind: 'other', what: entry.other };
    return this.isFolder(real) ? { kind: 'directory' } : undefined;
  }

  private isFolder(path: string): boolean {
    return Object.keys(this.entries).some((p) => p.startsWith(path + '/'));
  }

  async realpath(path: string): Promise<string> {
    return this.resolve(path);
  }
}

const TEMPLATE = '# Notes\n\n## Owner\n\n[Team Name]\n';

async function discover(entries: Record<string, Entry>, folder: string, root?: string) {
  const host = new MemoryHost(entries);
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
    const host = new MemoryHost({ '/w/.impl-notes.yaml': 'colour: red\ntemplate: t.md\n', '/w/t.md': TEMPLATE, '/w/a/b/c/n.md': '', '/w/d/n.md': '' });
    const problems: ConfigProblem[] = [];
    const discovery = new ConfigDiscovery(host, { report: (p) => problems.push(p) });
    await Promise.all(['/w/a/b/c', '/w/a/b', '/w/a', '/w/d', '/w/a/b/c'].map((f) => discovery.forFolder(f)));
    assert.deepEqual(host.reads, ['/w/.impl-notes.yaml', '/w/t.md']);
    assert.deepEqual(problems.map(formatConfigProblem), ['/w/.impl-notes.yaml: colour: unknown key (expected one of: template, ignore, files, missingSections, references)']);
  });

  test('a template outside the config folder is refused, by its path or through a link', async () => {
    const byPath = await discover({ '/w/p/.impl-notes.yaml': 'template: ../t.md\n', '/w/t.md': TEMPLATE }, '/w/p');
    assert.equal(byPath.loaded?.templateText, undefined);
    assert.deepEqual(byPath.problems, ['/w/p/.impl-notes.yaml: template: ../t.md is outside the folder of the config file; using the built-in template']);
    assert.deepEqual(byPath.host.reads, ['/w/p/.impl-notes.yaml']);

    const byLink = await discover({ '/w/p/.impl-notes.yaml': 'template: t.md\n', '/w/p/t.md': { linkTo: '/etc/secret.md' }, '/etc/secret.md': TEMPLATE }, '/w/p');
    assert.equal(byLink.loaded?.templateText, undefined);
    assert.deepEqual(byLink.problems, ['/w/p/.impl-notes.yaml: template: t.md is a link to /etc/secret.md, outside the folder of the config file; using the built-in template']);
    assert.ok(!byLink.host.reads.includes('/etc/secret.md'));
  });

  test('a link inside the folder is followed', async () => {
    const { loaded, problems } = await discover({ '/w/.impl-notes.yaml': 'template: t.md\n', '/w/t.md': { linkTo: 'real/t.md' }, '/w/real/t.md': TEMPLATE }, '/w');
    assert.deepEqual(problems, []);
    assert.equal(loaded?.templateText, TEMPLATE);
  });

  test('a config that cannot be read is an error, not silence, and nothing of it applies', async () => {
    const cases: [Record<string, Entry>, string][] = [
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
    const host = new MemoryHost({ '/w/.impl-notes.yaml': 'template: t.md\n', '/w/t.md': TEMPLATE });
    const discovery = new ConfigDiscovery(host, { report: () => undefined, loadTemplates: false });
    assert.equal((await discovery.forFolder('/w'))?.templateText, undefined);
    assert.deepEqual(host.reads, ['/w/.impl-notes.yaml']);
  });
});
