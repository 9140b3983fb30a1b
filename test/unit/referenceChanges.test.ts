import * as assert from 'node:assert/strict';
import { analyze, changedNames, isAffected, referenceDependencies, type Reference } from '../../src/core';
import { timeRatio } from './helpers';

const path = (p: string, kind: Reference['kind'] = 'path'): Reference => ({ kind, source: 'code', start: 0, end: 1, text: p, path: p });
const symbol = (name: string, scope: string[]): Reference => ({ kind: 'symbol', source: 'symbol', start: 0, end: 1, text: name, symbol: name, scope });

/** Whether a change of `changed` (paths relative to the root) may touch the references. */
const touches = (refs: Reference[], ...changed: string[]) => isAffected(referenceDependencies(refs), changedNames(changed));

suite('which references a change of files may touch (docs/spec.md, "References in the editor")', () => {
  test('a path: a file or folder of its name appearing, going or changing anywhere (its "moved to" candidates too), in any case', () => {
    const refs = [path('src/search/indexer.ts')];
    assert.equal(touches(refs, 'src/search/indexer.ts'), true);
    assert.equal(touches(refs, 'lib/index/Indexer.ts'), true, 'a candidate of another case');
    assert.equal(touches(refs, 'src/search/other.ts', 'README.md'), false);
    // A folder: any file under it, as it makes the folder exist.
    assert.equal(touches([path('src/query/')], 'src/query/new.py'), true);
    assert.equal(touches([path('src/query/')], 'src/other/new.py'), false);
    // A line reference and a tree line by their paths.
    assert.equal(touches([{ ...path('src/app.go', 'line'), lines: { from: 9, to: 9 } }], 'src/app.go'), true);
    assert.equal(touches([{ ...path('src/index/indexer.py', 'tree') }], 'src/index/indexer.py'), true);
  });

  test('a symbol: the files and folders of its Location; with none, any change (the whole repository is searched)', () => {
    assert.equal(touches([symbol('Indexer', ['src/index/indexer.ts'])], 'src/index/indexer.ts'), true);
    assert.equal(touches([symbol('Indexer', ['src/index/indexer.ts'])], 'src/query/parser.ts'), false);
    assert.equal(touches([symbol('Indexer', ['src/index'])], 'src/index/more.ts'), true, 'a Location folder');
    assert.equal(touches([symbol('Indexer', [])], 'anything/at/all.ts'), true);
  });

  test('absolute paths never change; `..` and `.` say nothing of a name: any change', () => {
    assert.equal(touches([path('/etc/passwd'), path('~/x'), path('C:/x')], 'etc/passwd', 'x'), false);
    assert.equal(touches([path('~notes.md')], '~notes.md'), true, 'a relative name starting with ~');
    assert.equal(touches([path('..')], 'a.ts'), true);
    assert.equal(touches([path('src/.')], 'a.ts'), true);
  });

  test('the references a notes document gives, end to end', () => {
    const text = '# Implementation Notes\n\n## Components\n\n- **Location**: `src/index/indexer.py`\n- **Key Classes/Functions**:\n  - `SearchIndexer`: x\n\nSee `docs/guide.md#L3`.\n';
    const dependencies = referenceDependencies(analyze(text).references);
    assert.deepEqual({ any: dependencies.any, names: [...dependencies.names].sort() }, { any: false, names: ['guide.md', 'indexer.py'] });
  });

  test('20,000 references against 100,000 changed files: linear, not their product', () => {
    const refs = Array.from({ length: 20_000 }, (_, i) => path(`src/module${i}/file${i}.ts`));
    const changed = (n: number) => Array.from({ length: n }, (_, i) => `lib/deep/folder${i % 100}/changed${i}.ts`);
    const sets = new Map([12_500, 100_000].map((n) => [n, changed(n)]));
    const ratio = timeRatio((n) => {
      const dependencies = referenceDependencies(refs.slice(0, n / 5));
      assert.equal(isAffected(dependencies, changedNames(sets.get(n)!)), false);
    }, 12_500, 100_000);
    // Both sides 8x: linear is about 8x; the product would be about 64x.
    assert.ok(ratio < 24, `8x the references and changes took ${ratio.toFixed(1)}x the time`);
  });
});
