import * as vscode from 'vscode';
import { DocumentAnalyzer, type AnalysisRequest, type AnalysisResult } from '../../core';

/** Where analyses run: a worker thread on the desktop, a web worker on the web, inline only where neither exists. */
export interface AnalysisBackend extends vscode.Disposable {
  /**
   * Resolves to undefined when a newer request for the same document superseded this one.
   * `once`: a document analysed a single time (the workspace scan's): no parse is kept for it.
   */
  analyze(request: AnalysisRequest, once?: boolean): Promise<AnalysisResult | undefined>;
  forget(key: string): void;
}

export class InlineBackend implements AnalysisBackend {
  private readonly service = new DocumentAnalyzer();

  async analyze(request: AnalysisRequest, once = false): Promise<AnalysisResult | undefined> {
    return this.service.analyze(request, once);
  }

  forget(key: string): void {
    this.service.forget(key);
  }

  dispose(): void {}
}
