import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceRoot } from './util';

suite('tasks', () => {
  test('an impl-notes check task runs the bundled CLI with its problem matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'impl-notes' });
    assert.equal(tasks.length, 1);
    const [task] = tasks;
    assert.equal(task.name, 'check .');
    assert.deepEqual(task.problemMatchers, ['$impl-notes']);
    const execution = task.execution as vscode.ProcessExecution;
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.deepEqual(execution.args, [path.join(extension.extensionPath, 'dist', 'cli.js'), 'check', '.']);
    assert.equal(execution.options?.cwd, workspaceRoot().fsPath);
  });
});
