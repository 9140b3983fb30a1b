import * as vscode from 'vscode';
import type { ResolvedReference } from '../../core';
import { toRange } from '../ranges';
import type { ReferenceService } from './referenceService';

/** Where a resolved reference leads and what the link's tooltip says; undefined for a reference that leads nowhere. */
export function referenceTarget(root: vscode.Uri, ref: ResolvedReference, isFolder: boolean): { uri: vscode.Uri; tooltip: string } | undefined {
  if (ref.target === undefined) return undefined;
  const file = ref.target === '' ? root : vscode.Uri.joinPath(root, ref.target);
  const shown = ref.target === '' ? vscode.l10n.t('the repository root') : ref.target;
  if (isFolder) {
    // A folder opens in the Explorer, as VS Code's Markdown links to folders do.
    return { uri: vscode.Uri.parse(`command:revealInExplorer?${encodeURIComponent(JSON.stringify([file]))}`), tooltip: vscode.l10n.t('Reveal {0} in the Explorer', shown) };
  }
  if (ref.status === 'ok' && ref.targetLine !== undefined) {
    if (ref.kind === 'symbol') {
      return { uri: file.with({ fragment: `L${ref.targetLine}` }), tooltip: vscode.l10n.t('Open the declaration of {0} ({1}:{2})', ref.symbol ?? ref.text, shown, ref.targetLine) };
    }
    // `#L10-L20` selects the lines (VS Code's opener reads the fragment).
    const to = ref.lines && ref.lines.to > ref.lines.from ? ref.lines.to : undefined;
    return to === undefined
      ? { uri: file.with({ fragment: `L${ref.targetLine}` }), tooltip: vscode.l10n.t('Open {0} at line {1}', shown, ref.targetLine) }
      : { uri: file.with({ fragment: `L${ref.targetLine}-L${to}` }), tooltip: vscode.l10n.t('Open {0} at lines {1}-{2}', shown, ref.targetLine, to) };
  }
  if (ref.kind === 'symbol') return undefined;
  // A file whose named line is past its end still opens (at its start).
  return { uri: file, tooltip: vscode.l10n.t('Open {0}', shown) };
}

/**
 * Every reference of a notes document that leads somewhere is a link
 * (docs/spec.md, "References"): Ctrl+click opens the file, at the line of a
 * line reference, at the declaration of a symbol; a folder is revealed in
 * the Explorer.
 */
class ReferenceLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly references: ReferenceService) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const resolution = await this.references.resolutionNow(document);
    if (!resolution || token.isCancellationRequested) return [];
    const files = await this.references.files(resolution.root);
    const links: vscode.DocumentLink[] = [];
    for (const ref of resolution.references) {
      const isFolder = ref.kind !== 'symbol' && ref.target !== undefined && files.isFolder(ref.target) && !files.isFile(ref.target);
      const target = referenceTarget(resolution.root, ref, isFolder);
      if (!target) continue;
      const link = new vscode.DocumentLink(toRange(resolution.lines, ref.start, ref.end), target.uri);
      link.tooltip = target.tooltip;
      links.push(link);
    }
    return links;
  }
}

export function registerReferenceLinks(references: ReferenceService): vscode.Disposable {
  return vscode.languages.registerDocumentLinkProvider({ language: 'markdown' }, new ReferenceLinks(references));
}
