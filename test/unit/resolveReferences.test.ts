import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  declaredNames,
  languageOf,
  MAX_LISTED_PATH,
  MAX_SEARCHED_BYTES,
  RepositoryFiles,
  ResolutionCache,
  resolveReferences,
  walkRepository,
  type Reference,
  type ResolvedReference,
} from '../../src/core';
import { MemoryHost, type MemoryEntry } from './fakes';
import { timeRatio } from './helpers';

const ROOT = '/repo';
const NOTES = '/repo/docs/notes.md';

/** A reference as the extraction gives it; offsets do not matter to resolution. */
function pathRef(path: string, extra: Partial<Reference> = {}): Reference {
  return { kind: 'path', source: 'code', start: 0, end: path.length, text: path, path, ...extra };
}

function lineRef(path: string, from: number, to = from, suffix = `#L${from}${to !== from ? `-L${to}` : ''}`): Reference {
  return { kind: 'line', source: 'code', start: 0, end: 1, text: path + suffix, path, lines: { from, to } };
}

function symbolRef(symbol: string, scope: string[] = [], text = '`' + symbol + '`'): Reference {
  return { kind: 'symbol', source: 'symbol', start: 0, end: 1, text, symbol, scope };
}

/** A repository under /repo from paths relative to it; `withLinkChecks`: its host answers isLink, as the CLI's does. */
function repository(entries: Record<string, MemoryEntry>, withPrefixReads = true, withLinkChecks = false) {
  const absolute: Record<string, MemoryEntry> = {};
  for (const [path, entry] of Object.entries(entries)) absolute[path.startsWith('/') ? path : `${ROOT}/${path}`] = entry;
  const host = MemoryHost.of(absolute, withPrefixReads, withLinkChecks);
  const files = new RepositoryFiles(ROOT, Object.keys(entries).filter((p) => !p.startsWith('/') && !(typeof entries[p] === 'object' && 'other' in (entries[p] as object))));
  return { host, files };
}

async function resolve(entries: Record<string, MemoryEntry>, refs: Reference[], document = NOTES): Promise<ResolvedReference[]> {
  const { host, files } = repository(entries);
  return resolveReferences(refs, { host, files, document });
}

/** `status code: message` of one resolved reference, and its suggestion. */
function outcome(r: ResolvedReference): string {
  return `${r.status}${r.finding ? ` ${r.finding.code}: ${r.finding.message}` : ''}${r.suggestion !== undefined ? ` => ${r.suggestion}` : ''}`;
}

const INDEXER = [
  'import { tokenize } from "../text";',
  '',
  'export class Indexer {',
  '  private readonly docs = new Map<string, string>();',
  '',
  '  add(id: string, text: string): void {',
  '    this.docs.set(id, tokenize(text));',
  '  }',
  '',
  '  async rebuild(): Promise<void> {',
  '    await Promise.resolve();',
  '  }',
  '}',
  '',
  'export function createIndexer(): Indexer {',
  '  return new Indexer();',
  '}',
  '',
].join('\n');

suite('repository file list', () => {
  test('files, the folders they imply, names ignoring case; add and remove keep them current', () => {
    const files = new RepositoryFiles('/repo/', ['src/index/indexer.ts', 'src/cli/main.ts', 'README.md']);
    assert.equal(files.root, '/repo');
    assert.equal(files.size, 3);
    assert.ok(files.isFile('src/index/indexer.ts') && !files.isFolder('src/index/indexer.ts'));
    assert.ok(files.isFolder('src') && files.isFolder('src/index') && files.isFolder(''));
    assert.ok(!files.isFile('src') && !files.isFolder('src/ind'));
    assert.deepEqual(files.named('INDEXER.ts'), ['src/index/indexer.ts']);
    assert.deepEqual(files.named('index'), ['src/index']);
    assert.ok(files.add('src/index/store.ts') && !files.add('src/index/store.ts'));
    assert.ok(files.remove('src/index/indexer.ts'));
    assert.ok(files.isFolder('src/index'), 'store.ts still holds it');
    assert.ok(files.remove('src/index/store.ts') && !files.remove('src/index/store.ts'));
    assert.ok(!files.isFolder('src/index'));
    assert.deepEqual(files.named('index'), []);
    assert.deepEqual([...files], ['src/cli/main.ts', 'README.md']);
  });

  test('a path longer than any file system stores is not listed', () => {
    const files = new RepositoryFiles(ROOT, ['a/'.repeat(MAX_LISTED_PATH) + 'x.ts', 'ok.ts']);
    assert.deepEqual([...files], ['ok.ts']);
  });
});

suite('resolving paths', () => {
  const tree = { 'src/index/indexer.ts': INDEXER, 'docs/notes.md': '# Notes', 'docs/api.md': '# API', 'README.md': '# Readme' };

  test('a path resolves against the notes folder first, then the root', async () => {
    const results = await resolve(tree, [pathRef('api.md'), pathRef('src/index/indexer.ts'), pathRef('../README.md'), pathRef('./api.md'), pathRef('src/index/'), pathRef('README.md')]);
    assert.deepEqual(results.map((r) => `${r.status} ${r.target}`), ['ok docs/api.md', 'ok src/index/indexer.ts', 'ok README.md', 'ok docs/api.md', 'ok src/index', 'ok README.md']);
    assert.ok(results.every((r) => r.finding === undefined && r.suggestion === undefined));
  });

  test('a missing file whose name exists once elsewhere: "moved to" it, with the suggestion in the reference\'s style', async () => {
    const results = await resolve(tree, [
      pathRef('src/search/indexer.ts'),
      pathRef('../src/search/indexer.ts', { source: 'link' }),
      lineRef('src/search/indexer.ts', 3),
      { ...lineRef('src/search/indexer.ts', 3, 3, ':3') },
    ]);
    assert.deepEqual(results.map(outcome), [
      'missing broken-reference: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? => src/index/indexer.ts',
      'missing broken-reference: `../src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? => ../src/index/indexer.ts',
      'missing broken-reference: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? => src/index/indexer.ts#L3',
      'missing broken-reference: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? => src/index/indexer.ts:3',
    ]);
  });

  test('several files of the name: named, no suggestion; none: just missing; a folder moved', async () => {
    const results = await resolve({ ...tree, 'lib/indexer.ts': '', 'src/store/cache.ts': '' }, [pathRef('src/search/indexer.ts'), pathRef('src/nowhere.ts'), pathRef('lib/store/')]);
    assert.deepEqual(results.map(outcome), [
      'missing broken-reference: `src/search/indexer.ts` does not exist in the repository; 2 of that name elsewhere: `lib/indexer.ts`, `src/index/indexer.ts`',
      'missing broken-reference: `src/nowhere.ts` does not exist in the repository',
      'missing broken-reference: `lib/store/` does not exist in the repository; moved to `src/store`? => src/store/',
    ]);
  });

  test('a folder expected where a file is: broken; a line reference into a folder: broken', async () => {
    const results = await resolve(tree, [pathRef('README.md/'), pathRef('README.md', { kind: 'tree', folder: true }), lineRef('src/index', 2)]);
    assert.deepEqual(results.map(outcome), [
      'missing broken-reference: `README.md/` is a file, not a folder',
      'missing broken-reference: `README.md` is a file, not a folder',
      'missing broken-reference: `src/index` is a folder: it has no line 2',
    ]);
  });

  for (const withLinkChecks of [false, true]) test(`outside the repository: absolute paths, \`..\` past the root, links out; never read${withLinkChecks ? ' (a host with link checks)' : ''}`, async () => {
    const { host, files } = repository({
      ...tree,
      '/etc/passwd': 'root:x:0:0',
      '/home/me/secret.ts': 'export class Secret {}',
      'src/out.ts': { linkTo: '/home/me/secret.ts' },
      'src/outdir': { linkTo: '/home/me' },
      'src/in.ts': { linkTo: 'index/indexer.ts' },
    }, true, withLinkChecks);
    const refs = [
      pathRef('../../etc/passwd'),
      pathRef('/etc/passwd'),
      pathRef('C:/Windows/win.ini'),
      pathRef('~/secret.ts'),
      lineRef('src/out.ts', 1),
      pathRef('src/outdir'),
      symbolRef('Secret', ['src/out.ts']),
      pathRef('src/in.ts'),
      lineRef('../../etc/passwd', 1),
    ];
    const results = await resolveReferences(refs, { host, files, document: NOTES });
    assert.deepEqual(results.map(outcome), [
      'outside broken-reference: `../../etc/passwd` leads outside the repository (not read)',
      'outside broken-reference: `/etc/passwd` is an absolute path, outside the repository (not read)',
      'outside broken-reference: `C:/Windows/win.ini` is an absolute path, outside the repository (not read)',
      'outside broken-reference: `~/secret.ts` is an absolute path, outside the repository (not read)',
      'outside broken-reference: `src/out.ts` is a symbolic link to a place outside the repository (not read)',
      'outside broken-reference: `src/outdir` is a symbolic link to a place outside the repository (not read)',
      'missing unknown-symbol: `Secret` is not declared in `src/out.ts` (`src/out.ts` is a symbolic link to a place outside the repository (not read))',
      'ok',
      'outside broken-reference: `../../etc/passwd` leads outside the repository (not read)',
    ]);
    assert.deepEqual([...host.reads.keys()], []);
    assert.ok(host.realpaths.every((p) => p.startsWith(ROOT)), host.realpaths.join());
  });

  test('names with spaces, Unicode, `%20` and a 10,000-character path', async () => {
    const long = 'deep/'.repeat(2000) + 'x.ts';
    const results = await resolve({ 'docs/my notes/plan.md': '', 'src/über/straße.ts': '', 'src/a%20b.ts': '', 'src/file.ts': '' }, [
      pathRef('my notes/plan.md', { source: 'link', text: 'my%20notes/plan.md' }),
      pathRef('src/über/straße.ts'),
      pathRef('src/a%20b.ts'),
      pathRef(long),
      pathRef('../' + long),
      pathRef('docs/my notes/plan/', { source: 'link', text: 'my%20notes/plan/' }),
    ]);
    assert.deepEqual(results.slice(0, 3).map((r) => `${r.status} ${r.target}`), ['ok docs/my notes/plan.md', 'ok src/über/straße.ts', 'ok src/a%20b.ts']);
    assert.equal(results[3].status, 'missing');
    assert.ok(results[3].finding!.message.length < 300, 'the message shortens the path');
    assert.match(results[3].finding!.message, /^`deep\/deep\/[a-z/]*…[a-z/]*\/x\.ts` does not exist in the repository$/);
    assert.equal(results[4].status, 'missing', '`..` from docs/ stays inside the root');
    assert.equal(results[5].status, 'missing');
  });

  test('a Code Structure tree may start with the project folder; a file listed that was deleted since is missing', async () => {
    const { host, files } = repository({ 'src/a.ts': '' });
    files.add('src/gone.ts');
    const results = await resolveReferences([pathRef('repo/src/a.ts', { kind: 'tree', source: 'tree' }), pathRef('repo/src/a.ts'), pathRef('src/gone.ts')], { host, files, document: NOTES });
    assert.deepEqual(results.map(outcome), [
      'ok',
      'missing broken-reference: `repo/src/a.ts` does not exist in the repository; moved to `src/a.ts`? => src/a.ts',
      'missing broken-reference: `src/gone.ts` cannot be resolved: no such file or directory',
    ]);
  });
});

suite('resolving line references', () => {
  test('within the file: ok with the line; past its end: broken with the count', async () => {
    const results = await resolve({ 'src/a.ts': 'one\ntwo\nthree\n', 'src/crlf.ts': 'a\r\nb\r\nc', 'src/empty.ts': '' }, [
      lineRef('src/a.ts', 3),
      lineRef('src/a.ts', 4),
      lineRef('src/a.ts', 2, 9),
      lineRef('src/crlf.ts', 3),
      lineRef('src/crlf.ts', 4, 4, ':4'),
      lineRef('src/empty.ts', 1),
      lineRef('src/a.ts', 0),
    ]);
    assert.deepEqual(results.map((r) => `${outcome(r)} @${r.targetLine}`), [
      'ok @3',
      'missing broken-reference: line 4 of `src/a.ts` past the end of the file: it has 3 lines @undefined',
      'missing broken-reference: lines 2-9 of `src/a.ts` past the end of the file: it has 3 lines @2',
      'ok @3',
      'missing broken-reference: line 4 of `src/crlf.ts` past the end of the file: it has 3 lines @undefined',
      'missing broken-reference: line 1 of `src/empty.ts` past the end of the file: it is empty @undefined',
      'missing broken-reference: line 0 does not exist: lines count from 1 @undefined',
    ]);
  });

  test('a FIFO or a binary file: a clear finding, no wait', async () => {
    const { host, files } = repository({ 'src/pipe': { other: 'a FIFO (named pipe), not a regular file' }, 'img/logo.png': '\u0000PNG' });
    files.add('src/pipe');
    const results = await resolveReferences([lineRef('src/pipe', 1), lineRef('img/logo.png', 1), symbolRef('Pipe', ['src/pipe'])], { host, files, document: NOTES });
    assert.deepEqual(results.map(outcome), [
      'missing broken-reference: the lines of `src/pipe` cannot be read: a FIFO (named pipe), not a regular file',
      'missing broken-reference: the lines of `img/logo.png` cannot be read: a binary file',
      'missing unknown-symbol: `Pipe` is not declared in `src/pipe` (`src/pipe` cannot be read: a FIFO (named pipe), not a regular file)',
    ]);
  });

  test('a 1 GB file: only its first 2 MB are read; a line beyond them is not reported', async () => {
    const huge = { size: 1024 * 1024 * 1024, filler: 'const x = 1;\n' };
    for (const withPrefixReads of [true, false]) {
      const { host, files } = repository({ 'data/huge.ts': huge }, withPrefixReads);
      const [line, beyond, symbol] = await resolveReferences([lineRef('data/huge.ts', 10), lineRef('data/huge.ts', 50_000_000), symbolRef('Missing', ['data/huge.ts'])], { host, files, document: NOTES });
      assert.equal(host.reads.get('/repo/data/huge.ts'), 1);
      if (withPrefixReads) {
        assert.equal(outcome(line), 'ok');
        assert.equal(outcome(beyond), 'ok');
        assert.equal(outcome(symbol), 'missing unknown-symbol: `Missing` is not declared in `data/huge.ts` (only the first 2 MB of `data/huge.ts` were searched: the file is larger)');
      } else {
        // A host that cannot read part of a file: nothing of it is known, and the finding says why.
        assert.match(outcome(line), /^missing broken-reference: the lines of `data\/huge\.ts` cannot be read: too large to check \(1024 MB; the limit is 2 MB\)$/);
        assert.match(outcome(symbol), /cannot be read: too large to check/);
      }
    }
  });
});

suite('resolving symbols', () => {
  const tree = { 'src/index/indexer.ts': INDEXER, 'src/text.ts': 'export function tokenize(s: string) { return s; }\n', 'docs/notes.md': '' };

  test('declared in the Location file: ok with the declaring line; methods as Name.method', async () => {
    const results = await resolve(tree, [symbolRef('Indexer', ['src/index/indexer.ts']), symbolRef('Indexer.rebuild', ['src/index/indexer.ts'], '`Indexer.rebuild()`'), symbolRef('createIndexer', ['src/index/indexer.ts', 'src/text.ts']), symbolRef('tokenize', ['src/index/indexer.ts', 'src/text.ts'])]);
    assert.deepEqual(results.map((r) => `${outcome(r)} ${r.target}:${r.targetLine}`), ['ok src/index/indexer.ts:3', 'ok src/index/indexer.ts:10', 'ok src/index/indexer.ts:15', 'ok src/text.ts:1']);
  });

  test('the acceptance case: Location moved, class renamed: the candidates are named', async () => {
    const results = await resolve(tree, [pathRef('src/search/indexer.ts', { source: 'location' }), symbolRef('SearchIndexer', ['src/search/indexer.ts'])]);
    assert.deepEqual(results.map(outcome), [
      'missing broken-reference: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? => src/index/indexer.ts',
      'missing unknown-symbol: `SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`? => `Indexer`',
    ]);
  });

  test('close names: another case, a small edit, one word more; several: named without a suggestion', async () => {
    const source = 'export class SearchIndex {}\nexport function buildIndex() {}\nexport function build_indices() {}\nexport const Parser = class {};\nexport function parseA() {}\nexport function parseB() {}\n';
    const results = await resolve({ 'src/a.ts': source }, [
      symbolRef('searchIndex', ['src/a.ts']),
      symbolRef('SearchIndexes', ['src/a.ts']),
      symbolRef('Parsers.run', ['src/a.ts'], '`Parsers.run()`'),
      symbolRef('parseC', ['src/a.ts'], '`parseC()`'),
      symbolRef('Completely', ['src/a.ts']),
    ]);
    assert.deepEqual(results.map(outcome), [
      'missing unknown-symbol: `searchIndex` is not declared in `src/a.ts`; renamed to `SearchIndex`? => `SearchIndex`',
      'missing unknown-symbol: `SearchIndexes` is not declared in `src/a.ts`; renamed to `SearchIndex`? => `SearchIndex`',
      'missing unknown-symbol: `run` is not declared in `src/a.ts`',
      'missing unknown-symbol: `parseC` is not declared in `src/a.ts`; close names: `Parser`, `parseA`, `parseB`',
      'missing unknown-symbol: `Completely` is not declared in `src/a.ts`',
    ]);
  });

  test('a Location folder: its source files are searched; a Location that is nowhere: the symbol cannot be looked up', async () => {
    const results = await resolve(tree, [symbolRef('tokenize', ['src/']), symbolRef('Indexer', ['lib/nothing.ts']), symbolRef('Indexer', ['/etc/passwd'])]);
    assert.deepEqual(results.map(outcome), [
      'ok',
      'missing unknown-symbol: `Indexer` cannot be looked up: its Location `lib/nothing.ts` is not a file of the repository',
      'missing unknown-symbol: `Indexer` cannot be looked up: its Location `/etc/passwd` is not a file of the repository',
    ]);
  });

  test('no Location: the whole repository, files named like the symbol first', async () => {
    const { host, files } = repository({ ...tree, 'lib/search_indexer.py': 'class SearchIndexer:\n    def build(self):\n        pass\n', 'README.md': 'SearchIndexer is mentioned here' });
    const results = await resolveReferences([symbolRef('SearchIndexer'), symbolRef('SearchIndexer.build'), symbolRef('Unknown'), symbolRef('createIndexr')], { host, files, document: NOTES });
    assert.deepEqual(results.map((r) => `${outcome(r)} ${r.target}`), [
      'ok lib/search_indexer.py',
      'ok lib/search_indexer.py',
      'missing unknown-symbol: `Unknown` is not declared in any source file of the repository undefined',
      'missing unknown-symbol: `createIndexr` is not declared in any source file of the repository; renamed to `createIndexer`? => `createIndexer` undefined',
    ]);
    assert.ok([...host.reads.values()].every((n) => n === 1));
    assert.ok(!host.reads.has('/repo/README.md'), 'a Markdown file is no declaration');
  });

  test('a file of another type: a whole-word occurrence counts', async () => {
    const results = await resolve({ 'config/app.yaml': 'max_workers: 4\nqueue-name: jobs\n' }, [symbolRef('max_workers', ['config/app.yaml']), symbolRef('workers', ['config/app.yaml']), symbolRef('jobs', ['config/app.yaml'])]);
    assert.deepEqual(results.map((r) => `${r.status}:${r.targetLine}`), ['ok:1', 'missing:undefined', 'ok:2']);
  });
});

suite('declared names per language', () => {
  const cases: [string, string, string[]][] = [
    ['a.ts', [
      'export default class Store<T> extends Base {', 'export abstract class Shape {}', 'interface Options {', 'export type Id = string;', 'export const enum Mode { A }',
      'export async function* stream() {}', 'const handler = async (e) => {};', 'let render = function () {};', '  constructor(private x: number) {', '  get size(): number {',
      '  static async load(path: string): Promise<void> {', '  onClick = (e: Event) => {', '  get(key: string) {', 'declare namespace NodeJS {',
      '  find(id: string): Item | undefined;',
      // Not declarations: calls, control flow, a test callback.
      '  if (ready) {', '  doSomething(x);', "describe('suite', () => {", '  return compute(x) {', '  this.run(x) {', 'foo.bar = function () {};',
    ].join('\n'), ['Base', 'Id', 'Mode', 'Options', 'Shape', 'Store', 'constructor', 'find', 'get', 'handler', 'load', 'NodeJS', 'onClick', 'render', 'size', 'stream'].filter((n) => n !== 'Base')],
    ['a.py', ['class Indexer(Base):', '    def add(self, doc):', '    async def flush(self):', 'MAX_SIZE = 10', 'logger: Logger = get()', '@dataclass', 'def main():', '    local = 1', 'if x == 1:', '# def commented(): pass'].join('\n'),
      ['Indexer', 'MAX_SIZE', 'add', 'flush', 'logger', 'main']],
    ['a.go', ['package index', 'func New() *Indexer {', 'func (i *Indexer) Add(doc Doc) error {', 'type Indexer struct {', 'type (', '\tDoc struct {', '\tReader interface {', ')', 'var ErrFull = errors.New("full")', 'const Max = 10', '\tx := call(y)'].join('\n'),
      ['Add', 'Doc', 'ErrFull', 'Indexer', 'Max', 'New', 'Reader']],
    ['a.rs', ['pub struct Indexer {', 'pub(crate) fn build() {}', 'impl Indexer {', '    pub async fn add(&mut self) {}', 'enum State { A }', 'pub trait Store {', 'const MAX: usize = 4;', 'static mut COUNT: u32 = 0;', 'macro_rules! log {', 'pub const fn size() -> usize { 0 }', 'extern "C" fn callback() {}', '#[derive(Debug)] struct Point;', 'mod tests {', '    let x = y(1);'].join('\n'),
      ['COUNT', 'Indexer', 'MAX', 'Point', 'State', 'Store', 'add', 'build', 'callback', 'log', 'size', 'tests']],
    ['A.java', ['public final class Indexer implements Store {', '    @Override public void add(Doc doc) {', '    private static <T> List<T> collect(Stream<T> s) {', '    public Indexer(int size) {', '    void flush() throws IOException', '    int size();', 'public @interface Marker {', 'enum Kind { A }', 'record Point(int x, int y) {}', '        list.add(doc);', '        return build(x);', '        Foo f = make(y);', '        else if (x) {'].join('\n'),
      ['Indexer', 'Kind', 'Marker', 'Point', 'add', 'collect', 'flush', 'size']],
    ['a.kt', ['data class Doc(val id: String)', 'sealed interface Node', 'object Registry {', 'fun <T> List<T>.second(): T = this[1]', 'suspend fun load() {}', 'private val cache = mutableMapOf<String, Doc>()', 'const val MAX = 3', 'enum class Color { RED }', 'typealias Id = String', '    call(x)'].join('\n'),
      ['Color', 'Doc', 'Id', 'MAX', 'Node', 'Registry', 'cache', 'load', 'second']],
    ['a.cs', ['namespace Search.Index', 'public sealed class Indexer : IIndexer', '[Serializable] public struct Point { }', '    public async Task<int> AddAsync(Doc doc)', '    public int Count { get; private set; }', '    public string Name => name;', 'internal interface IIndexer', 'public record Doc(string Id);', 'public delegate void Changed(object s);', '        var x = Compute(y);', '        using (var s = Open()) {', '        Console.WriteLine(x);'].join('\n'),
      ['AddAsync', 'Changed', 'Count', 'Doc', 'IIndexer', 'Indexer', 'Name', 'Point', 'Search']],
    ['a.cpp', ['#define MAX_DOCS 100', 'namespace search {', 'class Indexer : public Base {', 'struct Doc {', 'typedef struct node { int x; } Node;', 'typedef unsigned long Size;', '} Entry;', 'enum class Color { Red };', 'template <typename T> class Box {', 'static int count_docs(const Doc *d, int n)', 'void Indexer::add(const Doc &d) const {', 'Indexer::~Indexer() {', 'int parse(char *s);', 'main(argc, argv)', '    printf("%d", x);', '    x = call(y);', '    return size(x);'].join('\n'),
      ['Box', 'Color', 'Doc', 'Entry', 'Indexer', 'MAX_DOCS', 'Node', 'Size', 'add', 'count_docs', 'main', 'node', 'parse', 'search']],
    ['a.rb', ['module Search', 'class Indexer < Base', '  def add(doc)', '  def self.build', '  def empty?', '  private def flush!', 'VERSION = "1.0"', '  value = compute', '# def not_this'].join('\n'),
      ['Indexer', 'Search', 'VERSION', 'add', 'build', 'empty?', 'flush!']],
    ['a.php', ['<?php', 'namespace App\\Search;', 'final class Indexer extends Base {', '    public static function build(): self {', '    private function &ref() {', 'interface Store {}', 'trait Loggable {}', 'enum Suit: string {}', '    const MAX = 3;', 'function helper() {}', '        $this->add($x);'].join('\n'),
      ['App', 'Indexer', 'Loggable', 'MAX', 'Store', 'Suit', 'build', 'helper', 'ref']],
  ];
  for (const [file, text, expected] of cases) {
    test(`${file}: ${languageOf(file)}`, () => {
      assert.deepEqual([...declaredNames(text, languageOf(file)).keys()].sort(), [...expected].sort());
    });
  }

  test('the language comes from the extension; other files count whole words', () => {
    assert.deepEqual(['x.tsx', 'x.PY', 'x.h', 'Makefile', '.bashrc', 'x.md', 'dir.ts/file'].map((f) => languageOf(f) ?? '-'), ['js', 'python', 'c', '-', '-', '-', '-']);
    assert.deepEqual([...declaredNames('Run `make all`, then\r\nmake-check', undefined)], [['Run', 1], ['make', 1], ['all', 1], ['then', 1], ['check', 2]]);
  });

  test('a hostile line is read in linear time: 8x the brackets, unclosed string or tokens take well under 64x the time', () => {
    const shapes: [string, (n: number) => string][] = [
      ['brackets', (n) => '('.repeat(n)],
      ['an unclosed string', (n) => 'class "' + 'x'.repeat(n)],
      ['tokens, then a bracket', (n) => 'a '.repeat(n / 2) + '('],
      ['angle brackets', (n) => '<'.repeat(n / 2) + 'x('],
      ['annotations', (n) => '@a('.repeat(n / 3)],
    ];
    for (const [shape, make] of shapes) {
      const texts = new Map([125_000, 1_000_000].map((n) => [n, make(n)]));
      const ratio = timeRatio((n) => {
        for (const lang of ['js', 'java', 'c', 'rust', 'csharp'] as const) declaredNames(texts.get(n)!, lang);
      }, 125_000, 1_000_000);
      assert.ok(ratio < 24, `${shape}: 8x the line took ${ratio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);
    }
  });
});

suite('real paths from link checks (the CLI\'s host)', () => {
  /** Each resolved reference as `status code: message`, and the host, for a tree resolved with link checks. */
  async function withLinks(entries: Record<string, MemoryEntry>, refs: Reference[], listed?: string[]) {
    const { host, files } = repository(entries, true, true);
    for (const extra of listed ?? []) files.add(extra);
    const results = await resolveReferences(refs, { host, files, document: NOTES });
    return { host, outcomes: results.map(outcome) };
  }

  test('a link that leads outside is outside at every depth, by path, line and symbol, and nothing under it is read', async () => {
    for (const link of ['a', 'a/b', 'a/b/c', 'a/b/c/d.ts']) {
      // The segment at this depth is a link to /home/me/x, which holds the rest of the path; git lists the
      // path as it was (an index from before the link, or a list made before it).
      const rest = 'a/b/c/d.ts'.slice(link.length);
      const entries: Record<string, MemoryEntry> = { [link]: { linkTo: '/home/me/x' }, [`/home/me/x${rest}`]: 'export class D {}\n' };
      const { host, outcomes } = await withLinks(entries, [pathRef('a/b/c/d.ts'), lineRef('a/b/c/d.ts', 1), symbolRef('D', ['a/b/c/d.ts'])], ['a/b/c/d.ts']);
      assert.deepEqual(outcomes, [
        'outside broken-reference: `a/b/c/d.ts` is a symbolic link to a place outside the repository (not read)',
        'outside broken-reference: `a/b/c/d.ts` is a symbolic link to a place outside the repository (not read)',
        'missing unknown-symbol: `D` is not declared in `a/b/c/d.ts` (`a/b/c/d.ts` is a symbolic link to a place outside the repository (not read))',
      ], `a link at ${link}`);
      assert.deepEqual([...host.reads.keys()], [], `a link at ${link}: nothing read`);
      assert.deepEqual(host.realpaths.filter((p) => p !== ROOT), ['/repo/a/b/c/d.ts'], `a link at ${link}: the real path asked, once`);
    }
  });

  test('no link on the way: no real path asked, each folder and file asked once however many files and references share it', async () => {
    const entries: Record<string, MemoryEntry> = {};
    const refs: Reference[] = [];
    for (const folder of ['src/core', 'src/cli']) {
      for (let i = 0; i < 5; i++) {
        entries[`${folder}/f${i}.ts`] = `export class F${i} {}\n`;
        refs.push(pathRef(`${folder}/f${i}.ts`), lineRef(`${folder}/f${i}.ts`, 1), symbolRef(`F${i}`, [`${folder}/f${i}.ts`]));
      }
    }
    const { host, outcomes } = await withLinks(entries, refs);
    assert.ok(outcomes.every((o) => o === 'ok'), outcomes.join('\n'));
    assert.deepEqual(host.realpaths, []);
    assert.deepEqual(host.linkChecks.filter((p, i) => host.linkChecks.indexOf(p) !== i), [], 'each path asked once');
    assert.deepEqual(new Set(host.linkChecks), new Set(['/repo/src', '/repo/src/core', '/repo/src/cli', ...Object.keys(entries).map((p) => `${ROOT}/${p}`)]));
    assert.ok([...host.reads.values()].every((n) => n === 1));
  });

  test('a link that stays inside is followed; a loop, a dangling link, a file deleted since: cannot be resolved', async () => {
    const { host, outcomes } = await withLinks({
      'src/real/a.ts': 'one\ntwo\n',
      'src/alias': { linkTo: 'real' },
      'src/loop-a': { linkTo: 'loop-b' },
      'src/loop-b': { linkTo: 'loop-a' },
      'src/dangling.ts': { linkTo: 'nowhere.ts' },
    }, [lineRef('src/alias/a.ts', 2), pathRef('src/loop-a/x.ts'), pathRef('src/loop-a'), pathRef('src/dangling.ts'), pathRef('src/gone.ts')], ['src/alias/a.ts', 'src/loop-a/x.ts', 'src/gone.ts']);
    assert.deepEqual(outcomes, [
      'ok',
      'missing broken-reference: `src/loop-a/x.ts` cannot be resolved: too many levels of symbolic links',
      'missing broken-reference: `src/loop-a` cannot be resolved: too many levels of symbolic links',
      'missing broken-reference: `src/dangling.ts` cannot be resolved: no such file or directory',
      'missing broken-reference: `src/gone.ts` cannot be resolved: no such file or directory',
    ]);
    assert.deepEqual([...host.reads.keys()], ['/repo/src/alias/a.ts']);
  });

  test('a FIFO named as a reference: no link, so no real path asked; refused, not read', async () => {
    const { host, outcomes } = await withLinks({ 'src/pipe': { other: 'a FIFO (named pipe), not a regular file' } }, [lineRef('src/pipe', 1), pathRef('src/pipe')], ['src/pipe']);
    assert.deepEqual(outcomes, ['missing broken-reference: the lines of `src/pipe` cannot be read: a FIFO (named pipe), not a regular file', 'ok']);
    assert.deepEqual(host.realpaths, []);
  });

  test('a listed path 300 folders deep: each folder asked once; a link at the deepest folder is outside', async () => {
    const deep = 'd/'.repeat(300);
    const { host, outcomes } = await withLinks({ [`${deep}x.ts`]: 'x\n', [`${deep}y.ts`]: 'y\n' }, [lineRef(`${deep}x.ts`, 1), lineRef(`${deep}y.ts`, 1)]);
    assert.deepEqual(outcomes, ['ok', 'ok']);
    assert.equal(host.linkChecks.length, 302);
    const linked = await withLinks({ [`${deep}x.ts`]: 'x\n', [deep.slice(0, -1)]: { linkTo: '/elsewhere' }, '/elsewhere/x.ts': 'x\n' }, [lineRef(`${deep}x.ts`, 1)], [`${deep}x.ts`]);
    assert.match(linked.outcomes[0], /^outside broken-reference: `d\/d\/.*…[d/]*x\.ts` is a symbolic link to a place outside the repository \(not read\)$/);
    assert.deepEqual([...linked.host.reads.keys()], []);
  });

  test('a kept cache (the editor\'s): a folder replaced by a link out is outside once the cache forgets it', async () => {
    const entries = new Map<string, MemoryEntry>([['/repo/src/a.ts', 'a\n'], ['/home/me/a.ts', 'secret\n']]);
    const host = new MemoryHost(entries, true, true);
    const files = new RepositoryFiles(ROOT, ['src/a.ts']);
    const cache = new ResolutionCache();
    const [before] = await resolveReferences([pathRef('src/a.ts')], { host, files, document: NOTES, cache });
    assert.equal(before.status, 'ok');
    entries.delete('/repo/src/a.ts');
    entries.set('/repo/src', { linkTo: '/home/me' });
    cache.forget('/repo/src');
    cache.forget('/repo/src/a.ts');
    const [after] = await resolveReferences([lineRef('src/a.ts', 1)], { host, files, document: NOTES, cache });
    assert.equal(outcome(after), 'outside broken-reference: `src/a.ts` is a symbolic link to a place outside the repository (not read)');
    assert.deepEqual(host.readsOutside(ROOT), []);
  });

  test('random trees with links in and out at any depth, loops and FIFOs: the same outcomes with link checks as through real paths', async () => {
    // Folders of up to 3 segments, each holding d.ts, inside the repository and in /outside alike; random entries
    // then replace a folder or a file by a link (in, out, up, a loop, to nothing) or a FIFO, while the list keeps
    // the old paths.
    const folder = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }).map((s) => s.join('/'));
    // gone.ts is listed but not there: deleted since the list was made.
    const file = fc.tuple(folder, fc.constantFrom('d.ts', 'gone.ts')).map(([f, name]) => (f === '' ? name : `${f}/${name}`));
    const entry = fc.oneof(
      fc.constant<MemoryEntry>({ other: 'a FIFO (named pipe), not a regular file' }),
      fc.oneof(folder, file).map<MemoryEntry>((to) => ({ linkTo: `${ROOT}/${to}` })),
      fc.oneof(folder, file).map<MemoryEntry>((to) => ({ linkTo: `/outside/${to}` })),
      fc.constantFrom<MemoryEntry>({ linkTo: '..' }, { linkTo: '.' }, { linkTo: 'a' }, { linkTo: '../..' }, { linkTo: 'nowhere' }),
    );
    const folders = [''];
    for (let i = 0; i < folders.length; i++) if (folders[i].length < 5) for (const s of ['a', 'b', 'c']) folders.push(folders[i] === '' ? s : `${folders[i]}/${s}`);
    const listed = folders.map((f) => (f === '' ? 'd.ts' : `${f}/d.ts`));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.oneof(folder.filter((f) => f !== ''), file), entry, { maxKeys: 4 }), fc.array(fc.oneof(file, folder.filter((f) => f !== '')), { minLength: 1, maxLength: 6 }), async (changes, named) => {
        const entries: Record<string, MemoryEntry> = {};
        for (const f of listed) {
          entries[f] = 'export class A {}\nline\n';
          entries[`/outside/${f}`] = 'export class A {}\nline\n';
        }
        Object.assign(entries, changes);
        const refs = named.flatMap((rel) => [pathRef(rel), lineRef(rel, 2), symbolRef('A', [rel])]);
        const outcomesOf = async (withLinkChecks: boolean) => {
          const { host, files } = repository(entries, true, withLinkChecks);
          for (const rel of [...listed, ...Object.keys(changes), ...named]) files.add(rel);
          const results = await resolveReferences(refs, { host, files, document: NOTES });
          assert.deepEqual(host.realReads.filter((p) => p !== ROOT && !p.startsWith(`${ROOT}/`)), [], 'nothing outside read');
          return results.map(outcome);
        };
        assert.deepEqual(await outcomesOf(true), await outcomesOf(false));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });
});

suite('walking a repository without git', () => {
  test('files sorted, .git and node_modules skipped, .github kept, links to folders listed as entries, loops end', async () => {
    const host = MemoryHost.of({
      '/repo/src/a.ts': '',
      '/repo/.git/HEAD': '',
      '/repo/node_modules/x/index.js': '',
      '/repo/.github/workflows/ci.yml': '',
      '/repo/src/loop': { linkTo: '/repo/src' },
      '/repo/src/self': { linkTo: '/repo/src/self' },
      '/repo/out': { linkTo: '/outside' },
      '/outside/secret.ts': '',
      '/repo/pipe': { other: 'a FIFO (named pipe), not a regular file' },
      '/repo/docs/my notes/ü.md': '',
    });
    const { files, problems } = await walkRepository(host, ROOT);
    assert.deepEqual([...files], ['.github/workflows/ci.yml', 'docs/my notes/ü.md', 'out', 'src/a.ts', 'src/loop']);
    assert.ok(files.complete);
    assert.deepEqual(problems, []);
    assert.deepEqual(host.readsOutside(ROOT), []);
    const [out] = await resolveReferences([pathRef('out/secret.ts'), pathRef('out')], { host, files, document: NOTES });
    assert.equal(out.status, 'missing');
  });

  test('a walk stopped at its bound says so, and a missing path then says the list was cut', async () => {
    const entries: Record<string, MemoryEntry> = {};
    for (let i = 0; i < 50; i++) entries[`/repo/d${i % 5}/f${i}.ts`] = '';
    const host = MemoryHost.of(entries);
    const { files } = await walkRepository(host, ROOT, { maxFiles: 20 });
    assert.equal(files.size, 20);
    assert.equal(files.complete, false);
    const [r] = await resolveReferences([pathRef('d9/x.ts')], { host, files, document: NOTES });
    assert.equal(outcome(r), 'missing broken-reference: `d9/x.ts` does not exist in the repository (its file list was cut short at its size limit)');
  });
});

suite('resolution at scale', () => {
  test('100,000 files and 20,000 references: every file read at most once, one cache across documents', async function () {
    this.timeout(120_000);
    const entries = new Map<string, MemoryEntry>();
    const paths: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const path = `pkg${i % 100}/mod${(i >> 7) % 50}/file${i}.ts`;
      paths.push(path);
      entries.set(`${ROOT}/${path}`, i < 2000 ? `export class Class${i} {}\nexport function fn${i}() {}\n` : '');
    }
    const host = new MemoryHost(entries);
    const files = new RepositoryFiles(ROOT, paths);
    const refs: Reference[] = [];
    for (let i = 0; i < 20_000; i++) {
      const n = i % 2000;
      const file = paths[n];
      if (i % 4 === 0) refs.push(pathRef(i % 8 === 0 ? file : `gone/file${n}.ts`));
      else if (i % 4 === 1) refs.push(lineRef(file, (i % 3) + 1));
      else if (i % 4 === 2) refs.push(symbolRef(i % 8 === 2 ? `Class${n}` : `Class${n}x`, [file]));
      else refs.push(symbolRef(`fn${n}`));
    }
    const cache = new ResolutionCache();
    const first = await resolveReferences(refs.slice(0, 10_000), { host, files, document: NOTES, cache });
    const second = await resolveReferences(refs.slice(10_000), { host, files, document: '/repo/pkg1/notes.md', cache });
    const all = [...first, ...second];
    assert.equal(all.length, 20_000);
    assert.ok([...host.reads.values()].every((n) => n === 1), 'each file read at most once');
    const byStatus = (s: string) => all.filter((r) => r.status === s).length;
    assert.equal(byStatus('outside'), 0);
    assert.equal(all.filter((r) => r.finding?.code === 'unknown-symbol').length, 2500);
    assert.ok(all.filter((r) => r.finding?.message.includes('moved to')).length === 2500);
    assert.equal(all[1].status, 'ok');
    assert.equal(all[3].status, 'ok', 'a repository-wide symbol is found');
    assert.ok(byStatus('ok') >= 12_500);
  });

  test('a repository-wide lookup reads at most the bound of source files, and says what it skipped', async function () {
    this.timeout(120_000);
    const entries = new Map<string, MemoryEntry>();
    const paths: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      paths.push(`src/f${i}.go`);
      entries.set(`${ROOT}/src/f${i}.go`, `func F${i}() {}\n`);
    }
    const host = new MemoryHost(entries);
    const [r] = await resolveReferences([symbolRef('Nowhere')], { host, files: new RepositoryFiles(ROOT, paths), document: NOTES });
    assert.equal(host.reads.size, 10_000);
    assert.equal(outcome(r), "missing unknown-symbol: `Nowhere` is not declared in any source file of the repository (2000 of the repository's 12000 source files were not searched (at most 10000 are))");
    assert.equal(MAX_SEARCHED_BYTES, 2 * 1024 * 1024);
  });
});
