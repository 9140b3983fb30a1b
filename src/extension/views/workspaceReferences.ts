import * as vscode from 'vscode';
import { changedNames, isAffected, referenceDependencies, referenceFindingsOf, type LocatedFinding, type ReferenceDependencies, type ScannedNotes } from '../../core';
import type { ReferenceService, RepositoryChange } from '../references/referenceService';

/** Files whose references are resolved at once: each resolution has its own reads in flight (the core bounds them). */
const FILES_AT_ONCE = 4;

/** One file's references: the scan's analysis they come from, and what is known of its last resolution. */
interface Tracked {
  uri: vscode.Uri;
  scanned: ScannedNotes;
  dependencies: ReferenceDependencies;
  /** The root of the last resolution; undefined before it. */
  root?: string;
  /** Bumped by every request: an older resolution's result is dropped. */
  generation: number;
}

/**
 * The reference check (docs/spec.md, "Resolving references") of the notes
 * files the workspace scan read from disk, through the ReferenceService's
 * roots, file lists and cache. Bounded: FILES_AT_ONCE files at a time, one
 * resolution per file (a newer request waits for it, and replaces an older
 * waiting one). When the repository's files change, only the files whose
 * references name a changed file or folder are resolved again, from the
 * analysis the scan kept: no notes file is read again.
 */
export class WorkspaceReferences implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  /** Files to resolve, in request order; each key once. */
  private readonly waiting = new Set<string>();
  /** Files being resolved now. */
  private readonly running = new Set<string>();
  private readonly listener: vscode.Disposable;
  private disposed = false;

  constructor(
    private readonly service: ReferenceService,
    private readonly log: vscode.LogOutputChannel,
    /** A file's findings came (`undefined`: they could not be resolved): shown if `scanned` is still its row. */
    private readonly resolved: (uri: vscode.Uri, scanned: ScannedNotes, findings: LocatedFinding[] | undefined) => void,
  ) {
    this.listener = service.onDidChangeFiles((change) => this.filesChanged(change));
  }

  dispose(): void {
    this.disposed = true;
    this.listener.dispose();
    this.tracked.clear();
    this.waiting.clear();
  }

  /** Resolves the file's references (those of `scanned`, its row's analysis) when its turn comes. */
  request(uri: vscode.Uri, scanned: ScannedNotes): void {
    if (!scanned.references) {
      this.forget(uri);
      return;
    }
    const key = uri.toString();
    const known = this.tracked.get(key);
    const dependencies = known?.scanned === scanned ? known.dependencies : referenceDependencies(scanned.references.list);
    this.tracked.set(key, { uri, scanned, dependencies, root: known?.root, generation: (known?.generation ?? 0) + 1 });
    this.waiting.add(key);
    this.pump();
  }

  /** The file is no row of the scan any more (deleted, not notes, open in the editor): nothing of it is resolved. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.tracked.delete(key);
    this.waiting.delete(key);
  }

  /** Whether the file's references are waiting or being resolved. */
  isResolving(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return this.waiting.has(key) || this.running.has(key);
  }

  private pump(): void {
    for (const key of this.waiting) {
      if (this.running.size >= FILES_AT_ONCE) return;
      if (this.running.has(key)) continue; // one resolution per file: this request waits for it
      this.waiting.delete(key);
      const entry = this.tracked.get(key);
      if (entry) void this.run(key, entry);
    }
  }

  private async run(key: string, entry: Tracked): Promise<void> {
    this.running.add(key);
    const { generation, scanned } = entry;
    const current = () => !this.disposed && this.tracked.get(key)?.generation === generation;
    let findings: LocatedFinding[] | undefined;
    try {
      const done = await this.service.resolveFile(entry.uri, scanned.references!.list, current);
      if (done && current()) {
        entry.root = done.root.toString();
        findings = referenceFindingsOf(scanned.references!, done.references);
      }
    } catch (err) {
      this.log.warn(`references of ${entry.uri.toString(true)} could not be resolved: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running.delete(key);
    }
    // Stale (a newer request, the file forgotten): dropped; the newer one reports.
    if (current()) this.resolved(entry.uri, scanned, findings);
    if (!this.disposed) this.pump();
  }

  /** Files of repositories changed: the files whose references may resolve otherwise are resolved again. */
  private filesChanged({ roots }: RepositoryChange): void {
    // Names of the changed files and folders, per root (undefined: too many to name, everything changed): built once
    // per change, so each file's test is linear in its own names, whatever the number of changed files.
    const names = new Map<string, Set<string> | undefined>();
    for (const [key, { paths }] of roots ?? []) names.set(key, paths && changedNames(paths));
    let again = 0;
    const affected = (entry: Tracked): boolean => {
      if (!roots) return true;
      // Never resolved, its root unknown: asked again only if its first resolution is running (it may have read
      // the old list); a waiting one reads the current list when its turn comes.
      if (entry.root === undefined) return this.running.has(entry.uri.toString());
      if (!names.has(entry.root)) return false;
      const changed = names.get(entry.root);
      return changed === undefined || isAffected(entry.dependencies, changed);
    };
    for (const entry of [...this.tracked.values()]) {
      if (affected(entry)) {
        this.request(entry.uri, entry.scanned);
        again++;
      }
    }
    if (again > 0) this.log.trace(`references: ${again} workspace notes files resolved again after a change of files`);
  }
}
