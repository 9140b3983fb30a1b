// The extension host's main thread on a 20,000-line notes document: opening
// it, typing, the checklist. Records out/main-thread.json, which `npm run
// bench` prints. Timings are recorded, never asserted (a slow CI machine must
// not fail a test); the assertions are functional: the diagnostics after each
// edit are those of the edited text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { notesDocument } from '../../../scripts/bench-docs';
import { DocumentAnalyzer, findings, LineIndex } from '../../../src/core';
import type { PhaseStats, Turn } from '../../../src/extension/util/mainThreadTimings';
import { api, closeAllEditors, eventually, repoRoot, SOURCE } from './util';

const COPIES = 62; // of the template: about 20,000 lines
const EDITS = 20;
const RESOLUTION_MS = 1;

interface PhaseRecord {
  wallMs: number;
  /** The event loop's delay (a 1 ms timer's interval): every task on the thread, VS Code's and the test's too. */
  eventLoop: { maxMs: number; p99Ms: number; meanMs: number; samples: number };
  /** Stalls of a 1 ms interval timer over 50 ms: when, how long, during which step of the test. */
  blocks: { count: number; longest: { atMs: number; ms: number; step: string }[] };
  /** Garbage collections on this thread (they stall it too). */
  gc: { count: number; longestMs: number; totalMs: number };
  ours: PhaseStats;
  /** Our longest turns: when (from the phase's start), wall-clock, this thread's CPU, GC pauses within. */
  top: { atMs: number; ms: number; cpuMs: number; gcMs: number }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

suite('main thread', () => {
  teardown(closeAllEditors);

  test('a 20,000-line document: open, 20 edits and the checklist keep their diagnostics right (timings recorded)', async function () {
    this.timeout(240000);
    const { analyzer, checklist, statusBar, timings } = await api();

    // The document and, from the same core, the findings each edit must end with.
    let text = notesDocument(COPIES, COPIES);
    const service = new DocumentAnalyzer();
    const countOf = (t: string) => {
      const found = service.analyze({ key: 'expected', text: t, ignore: [] });
      return { found, count: findings({ text: t, ...found }).length };
    };
    const initial = countOf(text);
    const lineCount = new LineIndex(text).lineCount;
    // Edits from the end towards the start, so each one's offsets hold in the edited text.
    const picks = Array.from({ length: EDITS }, (_, k) => initial.found.placeholders[Math.floor(((EDITS - k - 0.5) / EDITS) * initial.found.placeholders.length)]);
    let previous = text.length;
    const edits = picks.map((p, k) => {
      const lineStart = text.lastIndexOf('\n', p.start - 1) + 1;
      const edit = k % 2 === 0
        ? { start: p.start, end: p.end, newText: `filled by edit ${k}` }
        : { start: lineStart, end: lineStart, newText: `Follow-up ${k}: [Open question ${k}]\n\n` };
      assert.ok(edit.end < previous, 'each edit lies before the previous one');
      previous = edit.start;
      text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      return { ...edit, expected: countOf(text).count };
    });
    const afterEdits = text;
    // Then, with the checklist visible, notes added at the end.
    const closing = Array.from({ length: 3 }, (_, k) => {
      const newText = `\n\nClosing note ${k}: [Pending ${k}]\n`;
      text += newText;
      return { newText, expected: countOf(text).count };
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-main-thread-'));
    const file = path.join(dir, 'notes-20k.md');
    const original = notesDocument(COPIES, COPIES);
    fs.writeFileSync(file, original);
    const uri = vscode.Uri.file(file);

    const phases: Record<string, PhaseRecord> = {};
    const probeCount = () => Object.values(timings.recorded).reduce((n, p) => n + Object.values(p.probes).reduce((m, s) => m + s.count, 0), 0);
    /** Waits until none of our code has run for 500 ms (at most 5 s): trailing work (tree fetches) belongs to the phase. */
    const settle = async () => {
      let last = probeCount();
      let quiet = 0;
      for (let waited = 0; waited < 5000 && quiet < 500; waited += 100) {
        await sleep(100);
        const now = probeCount();
        quiet = now === last ? quiet + 100 : 0;
        last = now;
      }
    };
    let step = '';
    const phase = async (name: string, body: () => Promise<void>) => {
      const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      const gc = { count: 0, longestMs: 0, totalMs: 0 };
      const pauses: { start: number; end: number }[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
          gc.count++;
          gc.totalMs += entry.duration;
          gc.longestMs = Math.max(gc.longestMs, entry.duration);
        }
      });
      observer.observe({ entryTypes: ['gc'] });
      const blocks: PhaseRecord['blocks']['longest'] = [];
      const started = performance.now();
      let tick = started;
      const ticker = setInterval(() => {
        const now = performance.now();
        if (now - tick > 50) blocks.push({ atMs: Math.round(tick - started), ms: Math.round(now - tick), step });
        tick = now;
      }, 1);
      timings.start(name);
      histogram.enable();
      try {
        step = name;
        await body();
        step = `${name}: settling`;
        await settle();
      } finally {
        histogram.disable();
        clearInterval(ticker);
        observer.disconnect();
        const ours = timings.stop()[name];
        const gcIn = (t: Turn) => pauses.reduce((ms, p) => ms + Math.max(0, Math.min(p.end, t.end) - Math.max(p.start, t.at)), 0);
        phases[name] = {
          wallMs: performance.now() - started,
          eventLoop: { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6, samples: histogram.count },
          blocks: { count: blocks.length, longest: blocks.sort((a, b) => b.ms - a.ms).slice(0, 8) },
          gc,
          ours,
          top: ours.top.map((t) => ({ atMs: Math.round(t.at - started), ms: t.ms, cpuMs: t.cpuMs, gcMs: gcIn(t) })),
        };
      }
    };
    let document!: vscode.TextDocument;
    /** Our diagnostics once they belong to the document's current version and number `count`. */
    const diagnosticsFor = (count: number) =>
      eventually(vscode.languages.onDidChangeDiagnostics, () => {
        if (!analyzer.current(document)) return false;
        const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
        return ours.length === count && ours;
      }, 60000, `${count} diagnostics`);

    try {
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await phase('open', async () => {
        document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        await diagnosticsFor(initial.count);
      });
      assert.equal(document.lineCount, lineCount);

      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document, document);
      await phase('edit', async () => {
        for (const [k, edit] of edits.entries()) {
          step = `edit ${k}: applying`;
          const range = new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
          assert.ok(await editor.edit((b) => b.replace(range, edit.newText)));
          editor.selection = new vscode.Selection(range.start, range.start);
          step = `edit ${k}: waiting for diagnostics`;
          await diagnosticsFor(edit.expected);
        }
      });
      assert.equal(document.getText(), afterEdits);

      let revealed: { line: number; title: string } | undefined;
      await phase('checklist', async () => {
        step = 'checklist: focus';
        await vscode.commands.executeCommand('implementationNotes.checklist.focus');
        await settle();
        step = 'checklist: show all';
        await vscode.commands.executeCommand('implementationNotes.showAllSections');
        await settle();
        step = 'checklist: show sections to fill';
        await vscode.commands.executeCommand('implementationNotes.showSectionsToFill');
        await settle();
        step = 'checklist: reveal';
        // Reveal a section near the end, as a click on its item would.
        const root = checklist.getChildren().at(-1)!;
        const last = checklist.getChildren(root).at(-1) ?? root;
        const item = checklist.getTreeItem(last);
        await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
        revealed = { line: vscode.window.activeTextEditor!.selection.start.line, title: 'section' in last ? last.section.title : last.missing.title };
        // Typing with the checklist visible: each edit refreshes it.
        for (const [k, { newText, expected }] of closing.entries()) {
          step = `checklist: edit ${k}`;
          const end = document.lineAt(document.lineCount - 1).range.end;
          assert.ok(await editor.edit((b) => b.insert(end, newText)));
          await diagnosticsFor(expected);
          await eventually(checklist.onDidRefresh, () => checklist.current?.document === document && checklist.current.version === document.version, 20000, 'the checklist follows the edit');
        }
      });

      // Functional outcomes only.
      assert.ok(revealed && revealed.line > lineCount * 0.9, `the revealed section (${revealed?.title}) is near the end`);
      assert.equal(checklist.current?.version, document.version);
      assert.equal(document.getText(), text);
      assert.ok(statusBar.visible);
      assert.match(statusBar.tooltip, new RegExp(` of ${checklist.current.analysis.sections.length} sections done`));

      // The worker's reply is deserialised on the main thread (in worker_threads, before our code
      // runs): a structured clone of the analysis (serialise + deserialise) bounds that share.
      const { placeholders, sections } = checklist.current.analysis;
      const cloneTimes = Array.from({ length: 5 }, () => {
        const t = performance.now();
        structuredClone({ placeholders, sections });
        return performance.now() - t;
      }).sort((a, b) => a - b);

      fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
      fs.writeFileSync(path.join(repoRoot, 'out', 'main-thread.json'), JSON.stringify({
        when: new Date().toISOString(),
        vscode: vscode.version,
        document: { lines: lineCount, chars: original.length, bytes: Buffer.byteLength(original), diagnostics: initial.count, sections: initial.found.sections.length },
        edits: EDITS,
        checklistEdits: closing.length,
        eventLoopResolutionMs: RESOLUTION_MS,
        workerReplyCloneMs: cloneTimes[2],
        phases,
      }, null, 2));
    } finally {
      timings.stop();
      // Saved before it is closed and its folder removed: auto-save must find nothing left to write.
      if (document?.isDirty) await document.save();
      await closeAllEditors();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
