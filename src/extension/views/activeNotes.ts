import * as vscode from 'vscode';
import type { DocumentAnalysis, NotesAnalyzer } from '../analysis/analyzer';

/**
 * The active editor's notes document, shared by the checklist and the status
 * bar; keeps the `implementationNotes.activeIsNotes` context key (keybindings,
 * menus, the checklist's welcome view) in step.
 */
export class ActiveNotes implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private isNotes: boolean | undefined;
  /** The active notes document or its analysis changed. */
  readonly onDidChange = this.changed.event;

  constructor(readonly analyzer: NotesAnalyzer) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      analyzer.onDidChangeAnalysis((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) this.update();
      }),
      analyzer.onDidForget(() => this.update()),
    );
    this.update();
  }

  get editor(): vscode.TextEditor | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor && this.analyzer.isNotes(editor.document) ? editor : undefined;
  }

  /** The value of the `implementationNotes.activeIsNotes` context key (context keys cannot be read back). */
  get activeIsNotes(): boolean {
    return this.isNotes ?? false;
  }

  /** The active notes document's current analysis (undefined while one is pending). */
  get analysis(): DocumentAnalysis | undefined {
    const editor = this.editor;
    return editor ? this.analyzer.current(editor.document) : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private update(): void {
    const isNotes = this.editor !== undefined;
    if (isNotes !== this.isNotes) {
      this.isNotes = isNotes;
      void vscode.commands.executeCommand('setContext', 'implementationNotes.activeIsNotes', isNotes);
    }
    this.changed.fire();
  }
}
