import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { mainThreadTimings, timedCodeActions, timedEvent, timedTreeData } from '../../src/extension/util/mainThreadTimings';

suite('main-thread timings wrapped at registration', () => {
  test('a timed event passes each event to the listener and counts one probe per call', () => {
    const listeners: ((e: number) => unknown)[] = [];
    const event: vscode.Event<number> = (listener) => {
      listeners.push(listener);
      return { dispose: () => undefined };
    };
    const seen: number[] = [];
    timedEvent('probe', event)((e) => seen.push(e));
    listeners[0](1); // no phase: not recorded
    mainThreadTimings.start('timed-event');
    listeners[0](2);
    listeners[0](3);
    const recorded = mainThreadTimings.stop()['timed-event'];
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(recorded.probes.probe.count, 2);
  });

  test('a timed code action provider returns what the provider returns, one probe per call', () => {
    // Actions of its own, not an empty list: a wrapper that dropped them must fail.
    const actions = [{ title: 'Fill in [Name]' }] as vscode.CodeAction[];
    const provider: vscode.CodeActionProvider = { provideCodeActions: () => actions };
    mainThreadTimings.start('timed-provider');
    const args = [{}, {}, {}, {}] as unknown as Parameters<vscode.CodeActionProvider['provideCodeActions']>;
    assert.equal(timedCodeActions('actions', provider).provideCodeActions(...args), actions);
    assert.equal(mainThreadTimings.stop()['timed-provider'].probes.actions.count, 1);
  });

  test('a timed tree data provider answers as the provider does, one probe per call, getParent only where it has one', () => {
    const provider: vscode.TreeDataProvider<number> = {
      getChildren: (n) => (n === undefined ? [1, 2] : []),
      getTreeItem: (n) => ({ label: `row ${n}` }),
      getParent: (n) => (n === 2 ? 1 : undefined),
    };
    mainThreadTimings.start('timed-tree');
    const timed = timedTreeData('tree', provider);
    assert.deepEqual(timed.getChildren(), [1, 2]);
    assert.deepEqual(timed.getTreeItem(2), { label: 'row 2' });
    assert.equal(timed.getParent?.(2), 1);
    const probes = mainThreadTimings.stop()['timed-tree'].probes;
    assert.deepEqual([probes['tree.getChildren'].count, probes['tree.getTreeItem'].count, probes['tree.getParent'].count], [1, 1, 1]);
    assert.equal('getParent' in timedTreeData('flat', { getChildren: () => [], getTreeItem: () => ({}) }), false);
  });
});
