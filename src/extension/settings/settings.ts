import * as vscode from 'vscode';
import { DEFAULT_NOT_APPLICABLE_MARKERS, readNotApplicable, RULES } from '../../core';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
/** `open`: problems of the notes documents shown in tabs; `workspace`: of every notes file of the workspace. */
type DiagnosticsScope = 'open' | 'workspace';

/** Everything under `implementationNotes.*`, read for one resource. */
export interface Settings {
  files: string[];
  detectByContent: boolean;
  template: string;
  ignore: string[];
  /** By the rule's `severitySetting` (src/core/rules): `implementationNotes.severity.<key>`. */
  severity: Readonly<Record<string, SeveritySetting>>;
  /** Report template sections a notes document lacks. */
  missingSections: boolean;
  newNotesFolder: string;
  fillDates: boolean;
  delay: number;
  diagnosticsScope: DiagnosticsScope;
  /** Characters; larger documents get a notice instead of an analysis. 0: no limit. */
  maxDocumentSize: number;
  /** Milliseconds one analysis may run in the worker before it is stopped. */
  analysisTimeLimit: number;
  /** Resolve the references of notes documents against the repository (docs/spec.md, "References"). */
  checkReferences: boolean;
  /** What a move or rename in VS Code does to the references that name it (docs/spec.md, "When files move"). */
  updateReferencesOnFileMove: 'prompt' | 'always' | 'never';
  /** Endings that make an open task not apply (a config file's `notApplicable` wins); the unusable ones left out. */
  notApplicable: string[];
  /** The entries of `tasks.notApplicable` as written, for the settings check to name the unusable ones. */
  notApplicableAsWritten: unknown[];
}

export const SECTION = 'implementationNotes';

/** The folder New Implementation Notes… proposes, so its files stay notes whatever their headings say. */
const DEFAULT_FILES = ['docs/implementation-notes/**/*.md'];

/**
 * The settings, read once per workspace folder (they are resource-scoped:
 * a file's are its folder's) and kept until `implementationNotes.*` or the
 * folders change. Features ask it on every keystroke; one object, created
 * first in extension.shared.ts and handed to each feature, so that it has
 * dropped its stale values before any feature's own configuration listener runs.
 */
export class NotesSettings implements vscode.Disposable {
  private readonly byFolder = new Map<string, Settings>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    const clear = () => this.byFolder.clear();
    this.disposables = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) clear();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(clear),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The settings for a document or folder (none: the window's). */
  for(scope?: vscode.Uri | vscode.WorkspaceFolder): Settings {
    const folder = scope === undefined ? undefined : scope instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(scope) : scope;
    const key = folder?.uri.toString() ?? '';
    let settings = this.byFolder.get(key);
    if (!settings) {
      settings = readSettings(folder?.uri);
      this.byFolder.set(key, settings);
    }
    return settings;
  }
}

function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    files: c.get<string[]>('files', DEFAULT_FILES),
    detectByContent: c.get<boolean>('detectByContent', true),
    template: c.get<string>('template', ''),
    ignore: c.get<string[]>('ignore', []),
    severity: Object.fromEntries(RULES.map((rule) => [rule.severitySetting, c.get<SeveritySetting>(`severity.${rule.severitySetting}`, 'information')])),
    missingSections: c.get<boolean>('missingSections', true),
    newNotesFolder: c.get<string>('newNotes.folder', 'docs/implementation-notes'),
    fillDates: c.get<boolean>('newNotes.fillDates', false),
    delay: clamp(c.get<number>('diagnostics.delay'), 0, 5000, 300),
    diagnosticsScope: c.get<string>('diagnostics.scope') === 'workspace' ? 'workspace' : 'open',
    maxDocumentSize: clamp(c.get<number>('maxDocumentSize'), 0, 50_000_000, 2_000_000),
    analysisTimeLimit: clamp(c.get<number>('analysisTimeLimit'), 1, 300, 30) * 1000,
    checkReferences: c.get<boolean>('checkReferences', true),
    updateReferencesOnFileMove: oneOf(c.get<string>('updateReferencesOnFileMove'), ['always', 'never'] as const) ?? 'prompt',
    ...notApplicableSetting(c.get<unknown>('tasks.notApplicable')),
  };
}

/** A hand-edited settings.json may hold anything: strings that can be endings are kept, the first 50. */
function notApplicableSetting(value: unknown): Pick<Settings, 'notApplicable' | 'notApplicableAsWritten'> {
  if (!Array.isArray(value)) return { notApplicable: [...DEFAULT_NOT_APPLICABLE_MARKERS], notApplicableAsWritten: [] };
  // The settings check (patternSettings.ts) names the unusable entries.
  return { notApplicable: readNotApplicable(value, () => undefined), notApplicableAsWritten: value };
}

/** The value when it is one of `values` (a hand-edited settings.json may hold anything). */
function oneOf<T extends string>(value: string | undefined, values: readonly T[]): T | undefined {
  return values.find((v) => v === value);
}

/** The manifest's minimum and maximum, applied: VS Code only warns about values outside them. */
function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
