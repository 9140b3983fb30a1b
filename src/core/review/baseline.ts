// The baseline of `impl-notes baseline` / `check --baseline` (docs/spec.md,
// "Baseline"): findings keyed on what they say and where in the outline they
// are, never on line numbers, so an edit above a finding does not re-report it.

/** The version this build writes and reads; a newer file is refused, not guessed at. */
const BASELINE_VERSION = 1;

/** What identifies a finding across edits. `file`: relative to the folder the check ran in, `/`-separated. */
export interface FindingIdentity {
  file: string;
  rule: string;
  /** The title of the section the finding is in; null before the first heading. */
  section: string | null;
  message: string;
}

export interface BaselineEntry extends FindingIdentity {
  /** How many findings with this identity the file had. */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

export function identityKey({ file, rule, section, message }: FindingIdentity): string {
  return JSON.stringify([file, rule, section, message]);
}

/** The baseline of these findings: equal identities merged into one entry with a count, sorted, so the file diffs well. */
export function toBaseline(found: readonly FindingIdentity[]): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const f of found) {
    const key = identityKey(f);
    const entry = entries.get(key);
    if (entry) entry.count++;
    else entries.set(key, { file: f.file, rule: f.rule, section: f.section, message: f.message, count: 1 });
  }
  const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  return { version: BASELINE_VERSION, findings: sorted };
}

/** The baseline in a file's text, or the reason it cannot be used (a sentence for the user). */
export function parseBaseline(text: string): Baseline | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'is not JSON (write it with: impl-notes baseline PATH... > FILE)' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'is not a baseline: expected a JSON object with "version" and "findings"' };
  const { version, findings } = data as { version?: unknown; findings?: unknown };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { error: 'is not a baseline: "version" must be a whole number' };
  if (version > BASELINE_VERSION) return { error: `was written by a newer impl-notes (baseline version ${version}; this one reads version ${BASELINE_VERSION}): update impl-notes, or write the baseline again` };
  if (!Array.isArray(findings)) return { error: 'is not a baseline: "findings" must be a list' };
  const out: BaselineEntry[] = [];
  for (let i = 0; i < findings.length; i++) {
    const e = findings[i] as Partial<Record<keyof BaselineEntry, unknown>> | null;
    const valid = typeof e === 'object' && e !== null
      && typeof e.file === 'string' && typeof e.rule === 'string' && typeof e.message === 'string'
      && (e.section === null || typeof e.section === 'string')
      && (e.count === undefined || (typeof e.count === 'number' && Number.isInteger(e.count) && e.count >= 1));
    if (!valid) return { error: `is not a baseline: entry ${i + 1} needs "file", "rule", "section" (a title or null), "message" and a "count" of at least 1` };
    out.push({ file: e.file as string, rule: e.rule as string, section: e.section as string | null, message: e.message as string, count: (e.count as number | undefined) ?? 1 });
  }
  return { version: BASELINE_VERSION, findings: out };
}

/**
 * Takes findings off a baseline as they are met: `take` says whether this
 * finding is one the baseline holds (each entry covers `count` of them);
 * `left` gives the entries not met, the findings fixed since.
 */
export class BaselineMatcher {
  private readonly remaining = new Map<string, BaselineEntry>();

  constructor(baseline: Baseline) {
    for (const e of baseline.findings) {
      const key = identityKey(e);
      const known = this.remaining.get(key);
      if (known) known.count += e.count;
      else this.remaining.set(key, { ...e });
    }
  }

  take(finding: FindingIdentity): boolean {
    const entry = this.remaining.get(identityKey(finding));
    if (!entry || entry.count === 0) return false;
    entry.count--;
    return true;
  }

  /** Entries (with how many of each were not met) for which `include(file)` holds. */
  left(include: (file: string) => boolean): BaselineEntry[] {
    return [...this.remaining.values()].filter((e) => e.count > 0 && include(e.file));
  }
}

/**
 * A fingerprint of a finding that survives line moves (Code Climate's
 * `fingerprint`): its identity and which of the equal ones it is, hashed to
 * 32 hex digits (four 32-bit FNV-1a hashes with different offsets).
 */
export function fingerprint(identity: FindingIdentity, occurrence: number): string {
  const text = `${identityKey(identity)}#${occurrence}`;
  let out = '';
  for (const seed of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
    let h = seed;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
