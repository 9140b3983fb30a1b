import * as vscode from 'vscode';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Everything under `implementationNotes.*`, read for one resource. */
export interface Settings {
  files: string[];
  detectByContent: boolean;
  template: string;
  ignore: string[];
  severity: { placeholder: SeveritySetting; emptySection: SeveritySetting; missingSection: SeveritySetting };
  /** Report template sections a notes document lacks. */
  missingSections: boolean;
  newNotesFolder: string;
  fillDates: boolean;
  delay: number;
  /** Characters; larger documents get a notice instead of an analysis. 0: no limit. */
  maxDocumentSize: number;
  /** Milliseconds one analysis may run in the worker before it is stopped. */
  analysisTimeLimit: number;
}

export const SECTION = 'implementationNotes';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    files: c.get<string[]>('files', []),
    detectByContent: c.get<boolean>('detectByContent', true),
    template: c.get<string>('template', ''),
    ignore: c.get<string[]>('ignore', []),
    severity: {
      placeholder: c.get<SeveritySetting>('severity.placeholder', 'warning'),
      emptySection: c.get<SeveritySetting>('severity.emptySection', 'information'),
      missingSection: c.get<SeveritySetting>('severity.missingSection', 'information'),
    },
    missingSections: c.get<boolean>('missingSections', true),
    newNotesFolder: c.get<string>('newNotes.folder', 'docs/implementation-notes'),
    fillDates: c.get<boolean>('newNotes.fillDates', false),
    delay: Math.max(0, c.get<number>('diagnostics.delay', 300)),
    maxDocumentSize: Math.max(0, c.get<number>('maxDocumentSize', 2_000_000)),
    analysisTimeLimit: Math.max(1, c.get<number>('analysisTimeLimit', 30)) * 1000,
  };
}
