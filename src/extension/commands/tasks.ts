import * as vscode from 'vscode';

const TASK_TYPE = 'impl-notes';

interface ImplNotesTaskDefinition extends vscode.TaskDefinition {
  /** Files or folders to check, relative to the workspace folder. */
  paths?: string[];
}

/**
 * "impl-notes: check" tasks that run the bundled CLI, so CI's check runs in
 * the editor too and its output lands in the Problems panel ($impl-notes).
 */
export function registerTasks(extensionUri: vscode.Uri): vscode.Disposable {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  const build = (definition: ImplNotesTaskDefinition, scope: vscode.WorkspaceFolder): vscode.Task => {
    const paths = definition.paths && definition.paths.length > 0 ? definition.paths : ['.'];
    const execution = new vscode.ProcessExecution(process.execPath, [cli, 'check', ...paths], {
      cwd: scope.uri.fsPath,
      // The extension host's executable is Electron (or Node): run it as Node.
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const task = new vscode.Task(definition, scope, `check ${paths.join(' ')}`, TASK_TYPE, execution, ['$impl-notes']);
    task.group = vscode.TaskGroup.Test;
    task.detail = vscode.l10n.t('Report leftover placeholders and empty sections of the implementation notes');
    return task;
  };
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === 'file')
        .map((folder) => build({ type: TASK_TYPE, paths: ['.'] }, folder)),
    resolveTask: (task) => {
      const scope = task.scope;
      if (task.definition.type !== TASK_TYPE || typeof scope !== 'object') return undefined;
      return build(task.definition, scope);
    },
  });
}
