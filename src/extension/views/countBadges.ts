// The count of what is left, on a row of the checklist or of Notes in
// Workspace, as a badge at the row's right edge: where the Explorer shows a
// file's problems and the Source Control view a file's state. A narrow
// sidebar cuts a row's label and description, never its badge. The count
// rides in the row's `resourceUri` (a scheme of our own), so the badge is a
// function of the URI alone and needs no change events; the exact figures
// stay in the row's tooltip.
import * as vscode from 'vscode';
import { remember } from '../util/labels';

const SCHEME = 'implementation-notes-left';

/** Badges hold two characters: past 99, the Explorer's "9+" idiom ("more than fits"). */
export function countBadge(count: number): string {
  return count < 100 ? String(count) : '9+';
}

let badgesShown = true;

/**
 * The row shows `count` left: as its badge, or (with the user's
 * `explorer.decorations.badges` off, when no badge is drawn) as "N left"
 * before the row's own `description`.
 */
export function showCount(item: vscode.TreeItem, count: number, description: string | undefined): void {
  if (count > 0 && badgesShown) {
    item.resourceUri = countUri(count);
    item.description = description;
    return;
  }
  const left = count > 0 ? remember(`left:${count}`, () => vscode.l10n.t('{0} left', count)) : undefined;
  item.description = left && description ? `${left} · ${description}` : (left ?? description);
}

/**
 * A missing section's row: 1 left (the section itself, as its parent's count
 * has it) as its badge, and its title in the warning colour of its icon, so
 * that a long title, which the sidebar cuts before the word "missing" of its
 * `description`, still shows what it is. The colour shows with the Explorer's
 * badges off too (`explorer.decorations.colors`).
 */
export function showMissing(item: vscode.TreeItem, description: string): void {
  item.resourceUri = missingUri;
  item.description = description;
}

const missingUri = vscode.Uri.from({ scheme: SCHEME, path: '/1', query: 'missing' });

/** One URI per count: every row of every refresh carries one (a long document has thousands). */
const uris = new Map<number, vscode.Uri>();

function countUri(count: number): vscode.Uri {
  let uri = uris.get(count);
  if (!uri) {
    if (uris.size >= 4096) uris.clear();
    uri = vscode.Uri.from({ scheme: SCHEME, path: `/${count}` });
    uris.set(count, uri);
  }
  return uri;
}

/** The count a row's badge shows (undefined: no badge), as the decoration provider reads it. */
export function countOf(uri: vscode.Uri | undefined): number | undefined {
  if (uri?.scheme !== SCHEME) return undefined;
  const count = Number(uri.path.slice(1));
  return Number.isSafeInteger(count) && count > 0 ? count : undefined;
}

/** What VS Code draws for a row's `resourceUri`: its badge, and a missing section's colour. */
export function decorationOf(uri: vscode.Uri): vscode.FileDecoration | undefined {
  const count = countOf(uri);
  if (count === undefined) return undefined;
  if (uri.query === 'missing') return new vscode.FileDecoration(countBadge(count), vscode.l10n.t('1 missing section'), new vscode.ThemeColor('list.warningForeground'));
  return new vscode.FileDecoration(countBadge(count), vscode.l10n.t('{0} left', count));
}

/**
 * The decoration provider, and `onChange` (to redraw the rows) when the
 * Explorer's decorations change: badges on or off change where a row shows
 * its count; and on any change of `explorer.decorations` VS Code (1.139,
 * treeView.ts) draws every tree view again from the children it kept,
 * without asking, which nests rows under the wrong parent as a change during
 * the first draw does (docs/architecture.md, "The checklist's first draw"):
 * a change from us makes it ask again.
 */
export function registerCountBadges(onChange: () => void): vscode.Disposable {
  const read = () => vscode.workspace.getConfiguration('explorer.decorations').get<boolean>('badges', true);
  badgesShown = read();
  return vscode.Disposable.from(
    vscode.window.registerFileDecorationProvider({
      provideFileDecoration: decorationOf,
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('explorer.decorations')) return;
      badgesShown = read();
      onChange();
    }),
  );
}
