// VS Code's first drawing of a tree view, followed from its data provider's
// side: the questions VS Code asks it. No `vscode` import (unit-tested).
//
// Why a provider waits for it (VS Code 1.139, treeView.ts; docs/architecture.md,
// "The checklist's first draw"): the first time a view is shown, VS Code
// creates its tree and asks for the rows level by level, keeping each row's
// children as they arrive. A refresh forgets only the top level's; one that
// reaches VS Code before it has read the top-level rows (a tree change, or a
// reveal while it holds no rows) waits for that drawing to end, then draws
// the tree again from the children kept meanwhile, without asking. Those
// answers come back at once, and VS Code's batching of child requests (one
// shared batch, a 0 ms timer per request, answers taken by position) then
// hands the later rows of a level the children of the next level's first
// rows: rows under the wrong parent.

/**
 * Where VS Code's first drawing of the tree stands. Before its first
 * question there is no tree to change, though VS Code may have created it:
 * a provider sends no change then. Once VS Code has asked for every row
 * shown expanded it has read the top-level rows, and a change only makes it
 * ask again.
 */
export class FirstDraw {
  private stage: 'waiting' | 'drawing' | 'settling' | 'drawn' = 'waiting';
  /** Rows shown expanded whose children VS Code has yet to ask for. */
  private readonly unasked = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private guard: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /**
     * A guard, never reached as VS Code asks within milliseconds: how long it
     * may stay silent with rows still unasked before the tree counts as drawn.
     */
    private readonly silenceMs = 5000,
  ) {}

  /** VS Code has asked for rows of its first drawing and may not have read every answer yet. */
  get drawing(): boolean {
    return this.stage === 'drawing' || this.stage === 'settling';
  }

  /** VS Code has every row of its first drawing: changes and reveals are safe. */
  get drawn(): boolean {
    return this.stage === 'drawn';
  }

  /** Calls `listener` once the tree is drawn. */
  onDidDraw(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * VS Code asked for the rows under `parent` (undefined: the top level) and
   * was answered: `expanded`, the ids of those shown expanded, whose children
   * it asks for next.
   */
  asked(parent: string | undefined, expanded: readonly string[]): void {
    if (this.stage === 'drawn' || this.stage === 'settling') return;
    if (parent === undefined) {
      this.stage = 'drawing';
      this.unasked.clear();
    } else if (this.stage === 'drawing') {
      this.unasked.delete(parent);
    } else {
      return;
    }
    for (const id of expanded) this.unasked.add(id);
    clearTimeout(this.guard);
    if (this.unasked.size > 0) {
      this.guard = setTimeout(() => this.settle(), this.silenceMs);
      return;
    }
    // Its last question was just answered. A change sent with that answer could reach VS Code
    // before the answer is read (a top level without expanded rows has no later question to
    // tell): two turns later, after the extension host has sent the answer (on a 0 ms timer).
    this.stage = 'settling';
    setTimeout(() => setTimeout(() => this.settle(), 0), 0);
  }

  private settle(): void {
    if (this.stage === 'drawn') return;
    clearTimeout(this.guard);
    this.stage = 'drawn';
    for (const listener of this.listeners.splice(0)) listener();
  }
}
