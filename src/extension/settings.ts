import * as vscode from 'vscode';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';
/** `open`: problems of the notes documents shown in tabs; `workspace`: of every notes file of the workspace. */
type DiagnosticsScope = 'open' | 'workspace';

/** Everything under `implementationNotes.*`, read for one resource. */
export interface Settings {
  files: string[];
  detectByContent: boolean;
  template: string;
  ignore: string[];
  severity: { placeholder: SeveritySetting; emptySection: SeveritySetting; missingSection: SeveritySetting; brokenReference: SeveritySetting; unknownSymbol: SeveritySetting };
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
}

export const SECTION = 'implementationNotes';

/** The folder New Implementation Notes… proposes, so its files stay notes whatever their headings say. */
const DEFAULT_FILES = ['docs/implementation-notes/**/*.md'];

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    files: c.get<string[]>('files', DEFAULT_FILES),
    detectByContent: c.get<boolean>('detectByContent', true),
    template: c.get<string>('template', ''),
    ignore: c.get<string[]>('ignore', []),
    severity: {
      placeholder: c.get<SeveritySetting>('severity.placeholder', 'information'),
      emptySection: c.get<SeveritySetting>('severity.emptySection', 'information'),
      missingSection: c.get<SeveritySetting>('severity.missingSection', 'information'),
      brokenReference: c.get<SeveritySetting>('severity.brokenReference', 'warning'),
      unknownSymbol: c.get<SeveritySetting>('severity.unknownSymbol', 'warning'),
    },
    missingSections: c.get<boolean>('missingSections', true),
    newNotesFolder: c.get<string>('newNotes.folder', 'docs/implementation-notes'),
    fillDates: c.get<boolean>('newNotes.fillDates', false),
    delay: clamp(c.get<number>('diagnostics.delay'), 0, 5000, 300),
    diagnosticsScope: c.get<string>('diagnostics.scope') === 'workspace' ? 'workspace' : 'open',
    maxDocumentSize: clamp(c.get<number>('maxDocumentSize'), 0, 50_000_000, 2_000_000),
    analysisTimeLimit: clamp(c.get<number>('analysisTimeLimit'), 1, 300, 30) * 1000,
    checkReferences: c.get<boolean>('checkReferences', true),
  };
}

/** The manifest's minimum and maximum, applied: VS Code only warns about values outside them. */
function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
