import * as vscode from 'vscode';
import type { LineIndex, TextEdit } from '../../core';

/** Core offsets (over the analysed text) to a VS Code range. */
export function toRange(lines: LineIndex, start: number, end: number): vscode.Range {
  const a = lines.positionAt(start);
  const b = lines.positionAt(end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

export function toTextEdit(lines: LineIndex, edit: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toRange(lines, edit.start, edit.end), edit.newText);
}

export function eolOf(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}
