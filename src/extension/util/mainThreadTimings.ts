import type * as vscode from 'vscode';

/** One probe's figures within a phase. */
interface ProbeStats {
  count: number;
  longestMs: number;
  totalMs: number;
}

/** One event-loop turn in which our code ran. */
export interface Turn {
  /** performance.now() when our first probe in the turn started, and when the last one ended. */
  at: number;
  end: number;
  /** Wall-clock time of our probes in the turn (includes GC pauses and time the OS gave to other processes). */
  ms: number;
  /** This thread's CPU time in them, where the runtime reports it (Node 23.9+); else NaN. */
  cpuMs: number;
}

/** What was measured during one phase. */
export interface PhaseStats {
  /** Our probes summed per event-loop turn (they block the loop together): the longest turn. */
  longestTurnMs: number;
  /** The most CPU time of this thread our probes took in one turn. */
  longestTurnCpuMs: number;
  turns: number;
  /** The longest turns, longest first. */
  top: Turn[];
  probes: Record<string, ProbeStats>;
}

// Node: the end of this loop iteration; the web worker host has no setImmediate.
const afterTurn: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => setImmediate(f) : (f) => setTimeout(f, 0);
// This thread's CPU time in microseconds (Node 23.9+; VS Code's extension host has it), else undefined.
const threadCpu = (globalThis as { process?: { threadCpuUsage?: () => { user: number; system: number } } }).process?.threadCpuUsage;
const cpuNow = (): number => {
  if (!threadCpu) return NaN;
  const { user, system } = threadCpu.call(process);
  return (user + system) / 1000;
};
const TOP = 8;

/**
 * Opt-in measurement of the extension's own synchronous work on the
 * extension host's main thread, for the integration suite (whose figures
 * `npm run bench` prints). Off unless a phase is started: a probe then costs
 * one boolean check and changes nothing. On: each outermost probe is timed
 * with `performance.now()`, and probes within one event-loop turn are summed.
 */
export class MainThreadTimings {
  private phase: PhaseStats | undefined;
  private readonly phases: Record<string, PhaseStats> = {};
  private depth = 0;
  private turn: Turn = { at: 0, end: 0, ms: 0, cpuMs: 0 };
  private turnOpen = false;

  /** Starts (or restarts) recording into `name`. */
  start(name: string): void {
    this.closeTurn();
    this.phase = this.phases[name] = { longestTurnMs: 0, longestTurnCpuMs: 0, turns: 0, top: [], probes: {} };
  }

  /** Every phase recorded so far (the current one still growing). */
  get recorded(): Readonly<Record<string, PhaseStats>> {
    return this.phases;
  }

  /** Stops recording; every phase recorded so far. */
  stop(): Record<string, PhaseStats> {
    this.closeTurn();
    this.phase = undefined;
    return this.phases;
  }

  time<T>(probe: string, fn: () => T): T {
    if (!this.phase) return fn();
    const phase = this.phase;
    const outermost = this.depth === 0;
    const started = performance.now();
    const cpuStarted = outermost ? cpuNow() : 0;
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      const ms = performance.now() - started;
      const cpuMs = outermost ? cpuNow() - cpuStarted : 0;
      const stats = (phase.probes[probe] ??= { count: 0, longestMs: 0, totalMs: 0 });
      stats.count++;
      stats.totalMs += ms;
      stats.longestMs = Math.max(stats.longestMs, ms);
      // Nested probes are already inside their parent's time.
      if (outermost && phase === this.phase) {
        if (!this.turnOpen) {
          this.turnOpen = true;
          this.turn = { at: started, end: started, ms: 0, cpuMs: 0 };
          afterTurn(() => this.closeTurn());
        }
        this.turn.ms += ms;
        this.turn.cpuMs += cpuMs;
        this.turn.end = started + ms;
      }
    }
  }

  private closeTurn(): void {
    if (!this.turnOpen) return;
    this.turnOpen = false;
    const phase = this.phase;
    if (phase) {
      phase.turns++;
      phase.longestTurnMs = Math.max(phase.longestTurnMs, this.turn.ms);
      phase.longestTurnCpuMs = Math.max(phase.longestTurnCpuMs, this.turn.cpuMs);
      if (phase.top.length < TOP || this.turn.ms > phase.top[TOP - 1].ms) {
        phase.top.push(this.turn);
        phase.top.sort((a, b) => b.ms - a.ms);
        phase.top.length = Math.min(phase.top.length, TOP);
      }
    }
  }
}

/** The extension's one recorder (module state: every feature reaches it without wiring). */
export const mainThreadTimings = new MainThreadTimings();

/**
 * `event` with each listener timed as `probe`: extension.shared.ts wraps the
 * events it hands to features, so feature code holds no probes.
 */
export function timedEvent<T>(probe: string, event: vscode.Event<T>): vscode.Event<T> {
  return (listener, thisArgs, disposables) =>
    event((e) => {
      mainThreadTimings.time(probe, () => {
        listener.call(thisArgs, e);
      });
    }, undefined, disposables);
}

/** A code action provider whose calls are timed as `probe` (wrapped where it is registered). */
export function timedCodeActions(probe: string, provider: vscode.CodeActionProvider): vscode.CodeActionProvider {
  return { provideCodeActions: (...args) => mainThreadTimings.time(probe, () => provider.provideCodeActions(...args)) };
}

/**
 * A tree data provider whose calls from VS Code are timed as `probe.getChildren`,
 * `probe.getTreeItem` and `probe.getParent` (wrapped where the view is created).
 */
export function timedTreeData<T>(probe: string, provider: vscode.TreeDataProvider<T>): vscode.TreeDataProvider<T> {
  return {
    onDidChangeTreeData: provider.onDidChangeTreeData,
    getChildren: (element) => mainThreadTimings.time(`${probe}.getChildren`, () => provider.getChildren(element)),
    getTreeItem: (element) => mainThreadTimings.time(`${probe}.getTreeItem`, () => provider.getTreeItem(element)),
    ...(provider.getParent && { getParent: (element: T) => mainThreadTimings.time(`${probe}.getParent`, () => provider.getParent?.(element)) }),
  };
}
