import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { BaselineMatcher, parseBaseline, type ResolvedReference } from '../../src/core';
import { COMMAND_FORMATS, FORMATS } from '../../src/cli/formats';
import { markdownText, utf8Length } from '../../src/cli/formats/markdownText';
import { runFormat, totalsOf, type FormatFile } from './formatHelpers';

const goldenDir = path.resolve(__dirname, '../fixtures/formats');

/** Compares with the golden file; UPDATE_GOLDEN=1 writes it instead. */
function golden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `differs from test/fixtures/formats/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}

interface Node {
  type: string;
}
interface Parent extends Node {
  children: Node[];
}

const parse = (md: string) => unified().use(remarkParse).use(remarkGfm).parse(md) as Parent;

function nodesOf(tree: Node, type: string): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    if (n.type === type) out.push(n);
    for (const c of (n as Parent).children ?? []) visit(c);
  };
  visit(tree);
  return out;
}

const textOf = (n: Node): string => ((n as { value?: string }).value ?? ((n as Parent).children ?? []).map(textOf).join(''));

const todo: FormatFile = { path: 'docs/a.md', text: '# Notes\n\nOwner: [Name]\n\n## Risks\n\n## Plan\n\nShip it.\n\n## Deliverables\n\n- [x] API docs\n- [ ] Runbook\n- [ ] Video (optional)\n' };
const done: FormatFile = { path: 'docs/done.md', text: '# Done\n\nAll written.\n' };
const hostileTitle = 'Plan | `rm -rf` <script>alert(1)</script> <!-- hidden --> **bold** [x](javascript:alert(1)) @octocat #12';
const hostile: FormatFile = { path: 'docs/<b>|evil`.md', text: `# ${hostileTitle}\n` };
const totals = totalsOf({ files: 2, filesWithFindings: 1, counts: { placeholder: 1, 'empty-section': 1 } });

suite('markdown report', () => {
  test('golden: summary, a table row per file with its progress, findings in <details>', () => {
    golden('report.md', runFormat(FORMATS.markdown, [todo, done], totals, { linkBase: 'https://github.com/o/r/blob/abc/' }));
  });

  test('renders back (remark, GFM) to a table with one row per file and the numbers of each column', () => {
    const tree = parse(runFormat(FORMATS.markdown, [todo, done], totals));
    const [table] = nodesOf(tree, 'table') as Parent[];
    const rows = table.children.map((r) => (r as Parent).children.map(textOf));
    assert.deepEqual(rows[0], ['File', 'Sections filled', 'Progress', 'Tasks done', 'Placeholders', 'Empty', 'Missing', 'Broken references']);
    assert.deepEqual(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7]]), [['docs/a.md', '2/4', '1/2', '1', '1', '0', '0'], ['docs/done.md', '1/1', '–', '0', '0', '0', '0']]);
    assert.match(rows[1][2], /^█████░░░░░ 50%$/);
  });

  test('a title and a path of Markdown and HTML render as their own text: no HTML, code, emphasis or link is made', () => {
    const out = runFormat(FORMATS.markdown, [hostile], totalsOf({ files: 1, filesWithFindings: 1, counts: { 'empty-section': 1 } }));
    const tree = parse(out);
    // The only HTML is the report's own <details>/<summary>, with the path as entities.
    const html = nodesOf(tree, 'html').map(textOf);
    assert.deepEqual(html.map((h) => h.replace(/<summary>.*<\/summary>/, '<summary/>')), ['<details><summary/>', '</details>']);
    assert.ok(html[0].includes('docs/&lt;b&gt;|evil`.md'), html[0]);
    for (const type of ['inlineCode', 'strong', 'emphasis', 'link', 'image', 'delete']) {
      assert.deepEqual(nodesOf(tree, type).filter((n) => type !== 'link' || !textOf(n).includes('evil')), [], `a ${type} node was made`);
    }
    const [table] = nodesOf(tree, 'table') as Parent[];
    assert.equal((table.children[1] as Parent).children.length, 8, 'the | in the path did not split the cell');
    assert.equal(textOf((table.children[1] as Parent).children[0]), 'docs/<b>|evil`.md');
    const [item] = nodesOf(tree, 'listItem');
    const shown = textOf(item).replaceAll('\u200b', '');
    assert.equal(shown, `Line 1: Section "${hostileTitle}" is empty (empty-section)`);
  });

  test('@mentions and #references are broken by a zero-width space, so a comment notifies no one', () => {
    assert.equal(markdownText('@team #7'), '@\u200bteam #\u200b7');
  });

  test('line breaks and control characters in a name become a space: no row is split', () => {
    assert.equal(markdownText('a\nb\r\n|c\u0000'), 'a b \\|c ');
  });

  test('capped under --max-bytes: says how many files and findings were left out, and stays valid', () => {
    const many: FormatFile[] = Array.from({ length: 200 }, (_, i) => ({ path: `docs/n${i}.md`, text: '# N\n\n' + '[Name] '.repeat(20) + '\n' }));
    const out = runFormat(FORMATS.markdown, many, totalsOf({ files: 200, filesWithFindings: 200, counts: { placeholder: 4000 } }), { maxBytes: 20_000 });
    assert.ok(utf8Length(out) <= 20_000, `${utf8Length(out)} bytes`);
    const left = /Left out: (?:(\d+) files of the table and )?(\d+) entries of the lists/.exec(out);
    assert.ok(left, out.slice(-300));
    const shownItems = (out.match(/^- Line /gm) ?? []).length;
    assert.equal(shownItems + Number(left[2]), 4000);
    const tree = parse(out);
    const opened = nodesOf(tree, 'html').filter((h) => textOf(h).startsWith('<details>')).length;
    assert.ok(opened > 0, 'the cut report still folds its lists');
    assert.equal(opened, nodesOf(tree, 'html').filter((h) => textOf(h) === '</details>').length);
  });

  test('the 1 MiB default holds for a run of 20,000 findings', () => {
    const big: FormatFile[] = Array.from({ length: 50 }, (_, i) => ({ path: `docs/big${i}.md`, text: '# B\n\n' + '[Placeholder text here] '.repeat(400) + '\n' }));
    const out = runFormat(FORMATS.markdown, big, totalsOf({ files: 50 }));
    assert.ok(utf8Length(out) < 1024 * 1024);
    assert.match(out, /Left out: \d+ entries of the lists, to keep the report under 1048576 bytes/);
  });

  test('a draft is marked in the table and its placeholders are notices', () => {
    const draft: FormatFile = { path: 'd.md', text: '---\nstatus: draft\n---\n# D\n\n[Name]\n' };
    const out = runFormat(FORMATS.markdown, [draft], totalsOf({ files: 1, notices: { draft: 1, existing: 0 } }));
    assert.match(out, /\| \[d\.md\]\(d\.md\) \(draft\) \|/);
    assert.match(out, /- Line 6: Placeholder \\\[Name\\\] is not filled in \(placeholder · notice: draft\)/);
    assert.match(out, /1 file checked: nothing that fails the check\. Not counted: 1 in drafts\./);
  });
});

suite('codeclimate report', () => {
  test('golden: GitLab code-quality issues with description, check_name, fingerprint, severity and location', () => {
    golden('codeclimate.json', runFormat(FORMATS.codeclimate, [todo, done], totals));
  });

  test('fingerprints survive lines added above; equal findings get distinct ones', () => {
    const before = JSON.parse(runFormat(FORMATS.codeclimate, [{ path: 'a.md', text: '# A\n\n[Name] [Name]\n' }], totals));
    const after = JSON.parse(runFormat(FORMATS.codeclimate, [{ path: 'a.md', text: '# A\n\nNew line.\n\nMore.\n\n[Name] [Name]\n' }], totals));
    assert.deepEqual(after.map((i: { fingerprint: string }) => i.fingerprint), before.map((i: { fingerprint: string }) => i.fingerprint));
    assert.notEqual(before[0].fingerprint, before[1].fingerprint);
    assert.equal(after[0].location.lines.begin, 7);
  });

  test('a notice is kept at severity info', () => {
    const out = JSON.parse(runFormat(FORMATS.codeclimate, [{ path: 'a.md', text: '# A\n\n[Name]\n', changed: [{ from: 1, to: 1 }] }], totals));
    assert.equal(out[0].severity, 'info');
  });
});

suite('baseline', () => {
  const write = (files: FormatFile[]) => runFormat(COMMAND_FORMATS.baseline.json, files, totalsOf());

  test('golden: stable JSON keyed on file, rule, section and message, with counts, no line numbers', () => {
    golden('baseline.json', write([todo, { path: 'docs/b.md', text: '# B\n\n[Name] [Name] [Date]\n' }]));
  });

  test('a finding in the baseline is not reported, even after lines are added above it; a new one is', () => {
    const baseline = parseBaseline(write([todo]));
    assert.ok(!('error' in baseline));
    const moved = { path: 'docs/a.md', text: '# Notes\n\nIntro added.\n\nOwner: [Name]\n\n## Risks\n\n## Plan\n\nShip it. [Date]\n' };
    const out = runFormat(FORMATS.text, [moved], totalsOf(), { baseline: new BaselineMatcher(baseline) });
    assert.deepEqual(out.split('\n').filter((l) => l.startsWith('docs/')), ['docs/a.md:11:10: Placeholder [Date] is not filled in [placeholder]']);
  });

  test('two equal findings in the baseline cover two, not three', () => {
    const baseline = parseBaseline(write([{ path: 'a.md', text: '# A\n\n[Name] [Name]\n' }]));
    assert.ok(!('error' in baseline));
    const matcher = new BaselineMatcher(baseline);
    const out = runFormat(FORMATS.text, [{ path: 'a.md', text: '# A\n\n[Name] [Name] [Name]\n' }], totalsOf(), { baseline: matcher });
    assert.equal(out.split('\n').filter((l) => l.startsWith('a.md')).length, 1);
    assert.deepEqual(matcher.left(() => true), []);
  });

  test('entries no longer found are left over, to be reported as fixed', () => {
    const baseline = parseBaseline(write([todo]));
    assert.ok(!('error' in baseline));
    const matcher = new BaselineMatcher(baseline);
    runFormat(FORMATS.text, [{ path: 'docs/a.md', text: '# Notes\n\nOwner: Ann\n\n## Risks\n\n## Plan\n\nShip it.\n' }], totalsOf(), { baseline: matcher });
    assert.deepEqual(matcher.left(() => true), [{ file: 'docs/a.md', rule: 'placeholder', section: 'Notes', message: 'Placeholder [Name] is not filled in', count: 1 }]);
  });

  for (const [what, text, message] of [
    ['not JSON', '{"version": 1, findings', /is not JSON/],
    ['a newer version', '{"version": 2, "findings": []}', /newer impl-notes \(baseline version 2; this one reads version 1\)/],
    ['an array', '[]', /expected a JSON object/],
    ['an entry without a rule', '{"version": 1, "findings": [{"file": "a.md", "section": null, "message": "m"}]}', /entry 1 needs/],
    ['a count of 0', '{"version": 1, "findings": [{"file": "a.md", "rule": "r", "section": null, "message": "m", "count": 0}]}', /entry 1 needs/],
  ] as const) {
    test(`a baseline that is ${what} is refused with a reason`, () => {
      const parsed = parseBaseline(text);
      assert.ok('error' in parsed);
      assert.match(parsed.error, message);
    });
  }
});

suite('badge', () => {
  test('endpoint JSON for shields.io: sections filled over all, rounded down, coloured by it', () => {
    const out = JSON.parse(runFormat(COMMAND_FORMATS.badge.endpoint, [todo, done], totalsOf()));
    assert.deepEqual(out, { schemaVersion: 1, label: 'notes', message: '60% filled', color: 'yellow' });
  });

  test('golden: the SVG, with its label escaped as XML text', () => {
    const out = runFormat(COMMAND_FORMATS.badge.svg, [todo, done], totalsOf(), { badgeLabel: 'a<b>&"c"' });
    assert.ok(!out.includes('<b>'));
    assert.match(out, /<title>a&lt;b&gt;&amp;&quot;c&quot;: 60% filled<\/title>/);
    golden('badge.svg', out);
  });

  test('no files, or no sections: 100% (nothing left to fill)', () => {
    assert.equal(JSON.parse(runFormat(COMMAND_FORMATS.badge.endpoint, [], totalsOf())).message, '100% filled');
  });
});

suite('references in the review formats', () => {
  // A draft whose Location names a moved file and whose Key Classes list a renamed symbol (as resolveReferences gives them).
  const text = '---\nstatus: draft\n---\n# Notes\n\nOwner: [Name]\n\n**Location**: `src/search/indexer.ts`\n\n- `SearchIndexer`\n';
  const at = (s: string) => text.indexOf(s);
  const references: ResolvedReference[] = [
    {
      kind: 'path', source: 'location', start: at('src/search'), end: at('src/search') + 21, text: 'src/search/indexer.ts', path: 'src/search/indexer.ts', status: 'missing',
      finding: { code: 'broken-reference', message: '`src/search/indexer.ts` does not exist in the repository' },
    },
    {
      kind: 'symbol', source: 'symbol', start: at('SearchIndexer'), end: at('SearchIndexer') + 13, text: 'SearchIndexer', symbol: 'SearchIndexer', scope: ['src/search/indexer.ts'], status: 'missing',
      finding: { code: 'unknown-symbol', message: '`SearchIndexer` is not declared in `src/search/indexer.ts`' },
    },
  ];
  const draft: FormatFile = { path: 'docs/n.md', text, references };
  const codes = (out: string) => out.split('\n').filter((l) => l.startsWith('docs/')).map((l) => /\[([a-z-]+)\](.*)$/.exec(l)?.slice(1).join(''));

  test('in a draft a placeholder is a notice, a broken reference or unknown symbol still fails; --strict changes only the placeholder', () => {
    assert.deepEqual(codes(runFormat(FORMATS.text, [draft], totalsOf())), ['placeholder (notice: draft)', 'broken-reference', 'unknown-symbol']);
    assert.deepEqual(codes(runFormat(FORMATS.text, [draft], totalsOf(), { strict: true })), ['placeholder', 'broken-reference', 'unknown-symbol']);
  });

  test('off the changed lines a broken reference is a notice like any finding', () => {
    const changed = { ...draft, changed: [{ from: 10, to: 10 }] };
    assert.deepEqual(codes(runFormat(FORMATS.text, [changed], totalsOf())), ['placeholder (notice: draft)', 'broken-reference (notice: unchanged line)', 'unknown-symbol']);
  });

  test('the baseline holds broken references and unknown symbols by file, rule, section and message', () => {
    const baseline = parseBaseline(runFormat(COMMAND_FORMATS.baseline.json, [draft], totalsOf()));
    assert.ok(!('error' in baseline));
    assert.deepEqual(baseline.findings.map((e) => e.rule).sort(), ['broken-reference', 'placeholder', 'unknown-symbol']);
    const moved = { ...draft, text: text.replace('# Notes\n', '# Notes\n\nA line added above.\n'), references: references.map((r) => ({ ...r, start: r.start + 20, end: r.end + 20 })) };
    assert.deepEqual(codes(runFormat(FORMATS.text, [moved], totalsOf(), { baseline: new BaselineMatcher(baseline) })), []);
  });

  test('markdown: one Broken references column counts both rules; codeclimate reports them as Bug Risk', () => {
    const tree = parse(runFormat(FORMATS.markdown, [draft], totalsOf({ files: 1, filesWithFindings: 1, counts: { 'broken-reference': 1, 'unknown-symbol': 1 } })));
    const [table] = nodesOf(tree, 'table') as Parent[];
    const rows = table.children.map((r) => (r as Parent).children.map(textOf));
    assert.deepEqual([rows[0][7], rows[1][4], rows[1][7]], ['Broken references', '1', '2']);
    const issues = JSON.parse(runFormat(FORMATS.codeclimate, [draft], totalsOf()));
    assert.deepEqual(issues.map((i: { check_name: string; severity: string; categories: string[] }) => [i.check_name, i.severity, i.categories]), [
      ['placeholder', 'info', ['Clarity']],
      ['broken-reference', 'major', ['Bug Risk']],
      ['unknown-symbol', 'major', ['Bug Risk']],
    ]);
  });
});
