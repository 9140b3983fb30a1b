// The workspace scan behind the "Notes in Workspace" view and the
// `workspace` diagnostics scope, without any host: files are read, detected
// as notes the way the editor detects them, and analysed through whatever
// analysis the host hands in (the extension's worker; the bench's worker).
import { findings, isNotesDocument, type FindingCode, type NotesDetection } from '../analysis/analyze';
import { decodeText, describeHostError, HostError, tooLargeMessage } from '../host';
import type { MissingSection } from '../rules/missingSectionFinder';
import { progress, type Progress } from './remaining';
import type { Section } from '../markdown/sections';
import type { AnalysisRequest, AnalysisResult } from '../analysis/documentAnalyzer';
import { LineIndex, stripBom, type Position } from '../markdown/text';
import type { Reference, ResolvedReference } from '../references/model';

/** What applies to one file, as the host's settings and config file say. */
export interface ScanFileConfig extends NotesDetection {
  templateText: string;
  ignore: readonly string[];
  missingSections: boolean;
  /** `false`: no references are read (the `references` switch, the editor's `checkReferences`). */
  references?: boolean;
  /** Endings that make an open task not apply; the built-in ones when omitted. */
  notApplicable?: readonly string[];
  /** Characters; a larger file gets an error row instead of an analysis. 0: no limit. */
  maxChars: number;
}

export interface ScanHost<F> {
  /** The document's key (its URI): the analysis request's key. */
  key(file: F): string;
  config(file: F): Promise<ScanFileConfig>;
  /** The file's bytes (from disk), or its text (an open document's live text). Fails with a `HostError` past `limit` bytes. */
  read(file: F, limit: number): Promise<Uint8Array | string>;
  /** One-off analysis (no parse kept); undefined when a newer request for the same key superseded it. */
  analyze(request: AnalysisRequest): Promise<AnalysisResult | undefined>;
  /** Wraps the scan's synchronous steps (the extension times them on its main thread). */
  time?: <T>(step: string, fn: () => T) => T;
}

/** A finding with line/character positions: what a diagnostic needs, without the text. */
export interface LocatedFinding {
  code: FindingCode;
  message: string;
  start: Position;
  end: Position;
}

export interface ScannedNotes {
  kind: 'notes';
  key: string;
  /** What is left (the view's measure and order), sections done of all. */
  progress: Progress;
  sections: Section[];
  missingSections: MissingSection[];
  /** Only when the scan was asked for them (the `workspace` diagnostics scope); never the reference findings, which need the repository. */
  findings?: LocatedFinding[];
  /** What the file names in the repository, for the host to resolve (`referenceFindingsOf`); absent when nothing, or the check is off. */
  references?: ScannedReferences;
}

/** A scanned file's references, with each one's span as positions (the text is not kept). */
export interface ScannedReferences {
  list: Reference[];
  /** `spans[i]` is where `list[i]` stands. */
  spans: { start: Position; end: Position }[];
}

export type ScannedFile<F> = { file: F } & (
  | ScannedNotes
  | { kind: 'not-notes'; key: string }
  | { kind: 'error'; key: string; error: string }
  /** A newer request for the same document (the editor's) took its place: ask again later. */
  | { kind: 'superseded'; key: string }
);

export interface ScanOptions<F> {
  /** Files read and analysed at once: enough to keep the worker busy while the next ones are read. */
  window?: number;
  /** Results handed over together (one view refresh per batch). */
  batch?: number;
  withFindings?: boolean;
  onBatch(results: ScannedFile<F>[]): void;
  /** Checked between files: a newer scan replaces this one. */
  cancelled?(): boolean;
}

/** A UTF-16 character is at most 3 UTF-8 bytes: a byte limit of 4x the characters never refuses a file within the character limit. */
const BYTES_PER_CHAR = 4;

/** Scans `files` in a sliding window; results arrive in batches, in the order they complete. */
export async function scanFiles<F>(files: readonly F[], host: ScanHost<F>, options: ScanOptions<F>): Promise<void> {
  const window = Math.max(1, options.window ?? 16);
  const batchSize = Math.max(1, options.batch ?? 32);
  const time = host.time ?? (<T>(_step: string, fn: () => T) => fn());
  let batch: ScannedFile<F>[] = [];
  let next = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const out = batch;
    batch = [];
    options.onBatch(out);
  };
  const lane = async (): Promise<void> => {
    while (next < files.length && !options.cancelled?.()) {
      const file = files[next++];
      const result = await scanFile(file, host, time, options.withFindings === true);
      batch.push(result); // after the await: `batch` may have been handed over meanwhile
      if (batch.length >= batchSize) time('scan.batch', flush);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, files.length) }, lane));
  if (!options.cancelled?.()) time('scan.batch', flush);
}


async function scanFile<F>(file: F, host: ScanHost<F>, time: <T>(step: string, fn: () => T) => T, withFindings: boolean): Promise<ScannedFile<F>> {
  const key = host.key(file);
  try {
    const config = await host.config(file);
    const limit = config.maxChars > 0 ? config.maxChars * BYTES_PER_CHAR : Number.MAX_SAFE_INTEGER;
    const raw = await host.read(file, limit);
    const text = time('scan.detect', () => {
      const decoded = stripBom(typeof raw === 'string' ? raw : decodeText(raw));
      if (config.maxChars > 0 && decoded.length > config.maxChars) throw new HostError(tooLargeMessage(config.maxChars, decoded.length));
      const notes = isNotesDocument(decoded, config);
      return notes ? decoded : undefined;
    });
    if (text === undefined) return { file, kind: 'not-notes', key };
    const result = await host.analyze({ key, text, templateText: config.templateText, ignore: config.ignore, notes: true, missingSections: config.missingSections, references: config.references, notApplicable: config.notApplicable });
    if (!result) return { file, kind: 'superseded', key };
    return time('scan.result', () => toScannedNotes(file, key, text, result, withFindings));
  } catch (err) {
    return { file, kind: 'error', key, error: describeHostError(err) };
  }
}

/** The row of one analysed notes text (also for an open document's analysis). */
export function toScannedNotes<F>(file: F, key: string, text: string, result: AnalysisResult, withFindings: boolean): ScannedFile<F> & ScannedNotes {
  const out: ScannedFile<F> & ScannedNotes = {
    file, kind: 'notes', key,
    progress: progress(result),
    sections: result.sections, missingSections: result.missing,
  };
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(text));
  if (withFindings) {
    out.findings = findings({ text, ...result }).map((f) => ({ code: f.code, message: f.message, start: lines().positionAt(f.start), end: lines().positionAt(f.end) }));
  }
  if (result.references.length > 0) {
    out.references = { list: result.references, spans: result.references.map((r) => ({ start: lines().positionAt(r.start), end: lines().positionAt(r.end) })) };
  }
  return out;
}

/**
 * The broken references and unknown symbols of a scanned file (docs/spec.md,
 * "Resolving references"), from its references resolved in their order (as
 * `resolveReferences` returns them), at the spans the scan found: the same
 * findings, ranges and messages as the open document's.
 */
export function referenceFindingsOf(references: ScannedReferences, resolved: readonly ResolvedReference[]): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (let i = 0; i < resolved.length && i < references.spans.length; i++) {
    const finding = resolved[i].finding;
    if (finding) out.push({ code: finding.code, message: finding.message, ...references.spans[i] });
  }
  return out;
}

/** A file's broken references by kind (a row's count and its tooltip's breakdown); `total` counts both, as the CLI's summary does. */
export interface BrokenCount {
  brokenReferences: number;
  unknownSymbols: number;
  total: number;
}

export function brokenCount(found: readonly { code: FindingCode }[]): BrokenCount {
  let brokenReferences = 0;
  let unknownSymbols = 0;
  for (const f of found) {
    if (f.code === 'broken-reference') brokenReferences++;
    else if (f.code === 'unknown-symbol') unknownSymbols++;
  }
  return { brokenReferences, unknownSymbols, total: brokenReferences + unknownSymbols };
}
