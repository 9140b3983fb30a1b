import * as assert from 'node:assert/strict';
import {
  DocumentAnalyzer,
  createTemplate,
  defaultTemplate,
  findings,
  HostError,
  LineIndex,
  brokenCount,
  progress,
  referenceFindingsOf,
  RepositoryFiles,
  resolveReferences,
  scanFiles,
  type AnalysisRequest,
  type ScanFileConfig,
  type ScanHost,
  type ScannedFile,
} from '../../src/core';
import { MemoryHost } from './fakes';

const config = (over: Partial<ScanFileConfig> = {}): ScanFileConfig => ({
  templateText: defaultTemplate().text,
  ignore: [],
  byGlob: false,
  detectByContent: true,
  missingSections: true,
  maxChars: 0,
  ...over,
});

/** A host over an in-memory file system; `analyze` runs the core inline and records what it was asked. */
function memoryHost(files: Record<string, string | Uint8Array | Error>, configs: Record<string, Partial<ScanFileConfig>> = {}) {
  const service = new DocumentAnalyzer();
  const requests: AnalysisRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const host: ScanHost<string> = {
    key: (file) => `mem:${file}`,
    config: async (file) => config(configs[file]),
    read: async (file, limit) => {
      const content = files[file];
      if (content instanceof Error) throw content;
      const size = typeof content === 'string' ? content.length : content.length;
      if (size > limit) throw new HostError(`over ${limit}`);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
    analyze: async (request) => {
      requests.push(request);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return service.analyze(request, true);
    },
  };
  return { host, requests, maxInFlight: () => maxInFlight };
}

async function scanAll(files: Record<string, string | Uint8Array | Error>, configs: Record<string, Partial<ScanFileConfig>> = {}, options: { window?: number; batch?: number; withFindings?: boolean } = {}) {
  const { host, requests, maxInFlight } = memoryHost(files, configs);
  const batches: ScannedFile<string>[][] = [];
  await scanFiles(Object.keys(files), host, { ...options, onBatch: (b) => batches.push(b) });
  const byFile = new Map(batches.flat().map((r) => [r.file, r]));
  return { byFile, batches, requests, maxInFlight: maxInFlight() };
}

const template = defaultTemplate().text;

suite('workspace scan (core)', () => {
  test('counts each notes file as the analysis does, and leaves other Markdown alone', async () => {
    const partial = template.replace(/^## Security Implementation[\s\S]*?(?=^## )/m, '');
    const { byFile, requests } = await scanAll({ 'a.md': template, 'b.md': partial, 'readme.md': '# Readme\n\n[not a placeholder here]\n' });
    for (const [file, text] of [['a.md', template], ['b.md', partial]] as const) {
      const row = byFile.get(file)!;
      assert.equal(row.kind, 'notes');
      const expected = progress(new DocumentAnalyzer().analyze({ key: 'x', text, ignore: [], notes: true }, true));
      assert.deepEqual(row.kind === 'notes' && row.progress, expected);
    }
    const b = byFile.get('b.md')!;
    assert.ok(b.kind === 'notes' && b.progress.left.missingSections > 0, 'the deleted chapter is missing');
    assert.equal(byFile.get('readme.md')!.kind, 'not-notes');
    assert.deepEqual(requests.map((r) => r.key).sort(), ['mem:a.md', 'mem:b.md'], 'a file that is not notes is never analysed');
    assert.ok(requests.every((r) => r.notes === true));
  });

  test('a files glob makes any Markdown notes; detection by content can be turned off', async () => {
    const { byFile } = await scanAll(
      { 'glob.md': '# Readme\n\n[Fill me]\n', 'off.md': template },
      { 'glob.md': { byGlob: true }, 'off.md': { detectByContent: false } },
    );
    const glob = byFile.get('glob.md')!;
    assert.ok(glob.kind === 'notes' && glob.progress.left.placeholders === 1);
    assert.equal(byFile.get('off.md')!.kind, 'not-notes');
  });

  test("a custom template's first heading marks notes", async () => {
    const custom = createTemplate('# Design Review: [Title]\n\n## Context\n\n[Why]\n');
    const { byFile, requests } = await scanAll(
      { 'review.md': '# Design Review: caching\n\n## Context\n\n[Why]\n' },
      { 'review.md': { customTemplate: custom, templateText: custom.text } },
    );
    const row = byFile.get('review.md')!;
    assert.ok(row.kind === 'notes' && row.progress.left.placeholders === 1);
    assert.equal(requests[0].templateText, custom.text);
  });

  test('binary, undecodable, unreadable and too large files are error rows, never a crash', async () => {
    const { byFile } = await scanAll(
      {
        'binary.md': new Uint8Array([35, 32, 73, 0, 1, 2]),
        'latin1.md': new Uint8Array([35, 32, 0xe9, 0xe9, 10]),
        'gone.md': new HostError('cannot be read: gone'),
        'big.md': `# Implementation Notes\n\n${'x'.repeat(100)}\n`,
      },
      { 'big.md': { maxChars: 50 } },
    );
    const error = (file: string) => {
      const row = byFile.get(file)!;
      return row.kind === 'error' ? row.error : `not an error: ${row.kind}`;
    };
    assert.match(error('binary.md'), /binary/);
    assert.match(error('latin1.md'), /UTF-8/);
    assert.match(error('gone.md'), /gone/);
    assert.match(error('big.md'), /too large/);
  });

  test('a superseded analysis is reported as such (the host asks again)', async () => {
    const { host } = memoryHost({ 'a.md': template });
    const results: ScannedFile<string>[] = [];
    await scanFiles(['a.md'], { ...host, analyze: async () => undefined }, { onBatch: (b) => results.push(...b) });
    assert.deepEqual(results.map((r) => r.kind), ['superseded']);
  });

  test('analyses in a bounded window and hands results over in batches', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`n${i}.md`] = template.replace('[Feature Name]', `Feature ${i}`);
    const { byFile, batches, maxInFlight } = await scanAll(files, {}, { window: 4, batch: 10 });
    assert.equal(byFile.size, 40);
    assert.deepEqual(batches.map((b) => b.length), [10, 10, 10, 10]);
    assert.ok(maxInFlight <= 4 && maxInFlight > 1, `in flight at once: ${maxInFlight}`);
  });

  test('stops between files when cancelled', async () => {
    const { host } = memoryHost(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${i}.md`, template])));
    let seen = 0;
    await scanFiles(Array.from({ length: 20 }, (_, i) => `n${i}.md`), host, {
      window: 2,
      batch: 1,
      cancelled: () => seen >= 3,
      onBatch: (b) => (seen += b.length),
    });
    assert.ok(seen < 20 && seen >= 3, `scanned ${seen}`);
  });

  test('findings carry the positions the editor would give', async () => {
    const text = '\uFEFF# Implementation Notes\r\n\r\n## Overview\r\n\r\n[Fill me]\r\n\r\n## Empty\r\n';
    const { byFile } = await scanAll({ 'a.md': text }, { 'a.md': { missingSections: false } }, { withFindings: true });
    const row = byFile.get('a.md')!;
    assert.ok(row.kind === 'notes' && row.findings);
    const clean = text.slice(1);
    const analysis = { text: clean, ...new DocumentAnalyzer().analyze({ key: 'x', text: clean, ignore: [], missingSections: false }, true) };
    const lines = new LineIndex(clean);
    assert.deepEqual(
      row.findings,
      findings(analysis).map((f) => ({ code: f.code, message: f.message, start: lines.positionAt(f.start), end: lines.positionAt(f.end) })),
    );
    assert.equal(row.findings.length, 2);
  });

  test('references: kept with their positions; resolved, the same findings at the same ranges as the open document', async () => {
    // CRLF and a BOM: positions must follow the editor's lines, as the placeholders' do.
    const text = '\uFEFF# Implementation Notes\r\n\r\n## Components\r\n\r\n- **Location**: `src/gone.ts`\r\n- **Key Classes/Functions**:\r\n  - `Missing`: gone\r\n\r\nSee `src/a.ts` and `src/a.ts#L9`.\r\n';
    const { byFile, requests } = await scanAll({ 'docs/a.md': text }, { 'docs/a.md': { missingSections: false } });
    const row = byFile.get('docs/a.md')!;
    assert.ok(row.kind === 'notes' && row.references, 'the row keeps its references');
    assert.notEqual(requests[0].references, false);
    const clean = text.slice(1);
    const analysis = { text: clean, ...new DocumentAnalyzer().analyze({ key: 'x', text: clean, ignore: [], notes: true, missingSections: false }, true) };
    assert.deepEqual(row.references.list, analysis.references);

    const host = MemoryHost.of({ '/repo/src/a.ts': 'export const a = 1;\n', '/repo/lib/gone.ts': 'export class Other {}\n' });
    const files = new RepositoryFiles('/repo', ['src/a.ts', 'lib/gone.ts']);
    const resolved = await resolveReferences(row.references.list, { host, files, document: '/repo/docs/a.md' });
    const lines = new LineIndex(clean);
    const asOpen = findings(analysis, resolved)
      .filter((f) => f.code === 'broken-reference' || f.code === 'unknown-symbol')
      .map((f) => ({ code: f.code, message: f.message, start: lines.positionAt(f.start), end: lines.positionAt(f.end) }));
    assert.deepEqual(referenceFindingsOf(row.references, resolved), asOpen);
    assert.deepEqual(asOpen.map((f) => `${f.start.line}:${f.start.character} ${f.code}`), ['4:17 broken-reference', '6:5 unknown-symbol', '8:20 broken-reference']);
    assert.deepEqual(brokenCount(asOpen), { brokenReferences: 2, unknownSymbols: 1, total: 3 });
  });

  test('references off (the config switch, the checkReferences setting): none kept, none read', async () => {
    const text = '# Implementation Notes\n\n- **Location**: `src/gone.ts`\n';
    const { byFile, requests } = await scanAll({ 'a.md': text, 'b.md': text }, { 'a.md': { references: false } });
    const a = byFile.get('a.md')!;
    const b = byFile.get('b.md')!;
    assert.equal(requests.find((r) => r.key === 'mem:a.md')?.references, false);
    assert.ok(a.kind === 'notes' && a.references === undefined);
    assert.ok(b.kind === 'notes' && b.references?.list.length === 1, 'on by default');
  });
});
