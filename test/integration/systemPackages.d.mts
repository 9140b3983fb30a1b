// Types of systemPackages.mjs (plain JS: the runner runs under node alone).
export interface Probes {
  commandExists(name: string): boolean;
  packageInstalled(name: string): boolean;
  isRoot(): boolean;
  sudoWorks(): boolean;
}
export type Plan = { action: 'none' } | { action: 'stop'; command: string } | { action: 'install'; how: string; steps: string[][] };
export const realProbes: Probes;
export function missingPackages(needs: { needBuildTools: boolean; chromiumPath?: string }, probes?: Probes): string[];
export function installPlan(missing: string[], probes?: Probes): Plan;
export function ensurePackages(
  missing: string[],
  options?: { probes?: Probes; run?: (argv: string[]) => { status: number; output: string }; log?: (line: string) => void },
): string | undefined;
