import * as vscode from 'vscode';
import { globProblem, ignorePatternError, readNotApplicable } from '../../core';
import type { NotesSettings, Settings } from './settings';

/** The unusable entries of the ignore, files and tasks.notApplicable settings for one scope, as `key: problem`. */
function patternProblems(settings: Settings): string[] {
  const problems: string[] = [];
  settings.ignore.forEach((pattern, i) => {
    const problem = ignorePatternError(pattern);
    if (problem) problems.push(`implementationNotes.ignore[${i}]: ${problem}`);
  });
  settings.files.forEach((glob, i) => {
    const problem = globProblem(glob);
    if (problem) problems.push(`implementationNotes.files[${i}]: ${problem}`);
  });
  // The config file's rule: the first bad entries named, and the cap.
  readNotApplicable(settings.notApplicableAsWritten, (message, key) => problems.push(`implementationNotes.tasks.${key ?? 'notApplicable'}: ${message}`));
  return problems;
}

/**
 * Names each `ignore` regex and `files` glob of the settings that the
 * linear-time matchers cannot take (they ignore or match nothing), once per
 * problem, as the config file's problems are named.
 */
export function registerPatternSettingsCheck(log: vscode.LogOutputChannel, settings: NotesSettings): vscode.Disposable {
  const reported = new Set<string>();
  const check = () => {
    const scopes = [undefined, ...(vscode.workspace.workspaceFolders ?? [])];
    for (const problem of scopes.flatMap((scope) => patternProblems(settings.for(scope)))) {
      if (reported.has(problem)) continue;
      reported.add(problem);
      log.warn(`setting ${problem}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: the setting {0}', problem));
    }
  };
  check();
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('implementationNotes')) check();
  });
}
