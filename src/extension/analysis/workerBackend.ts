import * as vscode from 'vscode';
import type { AnalysisRequest, AnalysisResult } from '../../core';
import { AnalysisLimitError, WorkerClient } from '../../worker/client';
import type { WorkerTransport } from '../../worker/protocol';
import type { AnalysisBackend } from './backend';
import type { NotesSettings } from '../settings/settings';

/**
 * Runs analyses in a worker (a thread on the desktop, a web worker on the
 * web) through the shared WorkerClient, which handles worker death and the
 * time limit (`implementationNotes.analysisTimeLimit`; micromark is
 * superlinear on some inputs, such as a paragraph of ten thousand brackets).
 * Here: a document whose analysis ran out of time is told to the user and
 * left alone until it is reopened.
 */
export class WorkerBackend implements AnalysisBackend {
  private readonly client: WorkerClient;
  /** Documents whose analysis ran out of time: not analysed again until forgotten. */
  private readonly stopped = new Set<string>();

  constructor(spawn: () => WorkerTransport, log: vscode.LogOutputChannel, private readonly settings: NotesSettings) {
    this.client = new WorkerClient({
      spawn,
      timeLimit: (request) => settings.for(vscode.Uri.parse(request.key)).analysisTimeLimit,
      log: (message) => log.error(message),
    });
  }

  async analyze(request: AnalysisRequest, once = false): Promise<AnalysisResult | undefined> {
    if (this.stopped.has(request.key)) return undefined;
    try {
      return await this.client.analyze(request, once);
    } catch (err) {
      if (err instanceof AnalysisLimitError && err.limit === 'time') this.tooSlow(request.key);
      throw err;
    }
  }

  forget(key: string): void {
    this.stopped.delete(key);
    this.client.forget(key);
  }

  dispose(): void {
    void this.client.dispose();
  }

  private tooSlow(key: string): void {
    this.stopped.add(key);
    const uri = vscode.Uri.parse(key);
    const seconds = this.settings.for(uri).analysisTimeLimit / 1000;
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Implementation Notes: checking {0} took longer than {1} seconds, so it was stopped. Reopen the document to check it again, or raise the implementationNotes.analysisTimeLimit setting.',
        vscode.workspace.asRelativePath(uri),
        seconds,
      ),
    );
  }
}
