import { RULES } from '../rules';

/** A SARIF 2.1.0 log (the subset we write), for code-scanning uploads. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

/** SARIF's rule list, from the rule registry (src/core/rules); `helpUri` is the rule's section of docs/spec.md. */
function sarifRules(informationUri: string): unknown[] {
  let end = informationUri.length;
  while (end > 0 && informationUri[end - 1] === '/') end--;
  const base = informationUri.slice(0, end);
  return RULES.map((rule) => ({
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription },
    helpUri: `${base}/blob/main/${rule.docs}`,
    defaultConfiguration: { level: 'warning' },
  }));
}

/** The base that relative artifact URIs resolve against (the folder the check ran in). */
const SARIF_URI_BASE = '%SRCROOT%';

/**
 * A path as a SARIF artifact location: each segment percent-encoded (so `#`,
 * `?` and `:` stay part of the name), relative paths against
 * `SARIF_URI_BASE`, absolute ones as `file://` URIs.
 */
function sarifLocation(path: string): { uri: string; uriBaseId?: string } {
  const slashed = path.replace(/\\/g, '/');
  const drive = path.includes('\\') && /^[A-Za-z]:\//.test(slashed);
  const segments = slashed.split('/').map((segment, i) => (drive && i === 0 ? segment : encodeURIComponent(segment)));
  if (drive) return { uri: `file:///${segments.join('/')}` };
  if (slashed.startsWith('/')) return { uri: `file://${segments.join('/')}` };
  return { uri: segments.join('/'), uriBaseId: SARIF_URI_BASE };
}

/** A finding as SARIF gets it: 1-based range; `note` for one that does not fail the run; a fingerprint that survives line moves. */
export interface SarifFinding {
  code: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: 'warning' | 'note';
  fingerprint: string;
}

/** Findings of several files as one SARIF run; paths as given, with `/` separators. */
export function toSarif(files: readonly { path: string; findings: readonly SarifFinding[] }[], version: string, informationUri: string): SarifLog {
  const results = files.flatMap(({ path, findings }) => {
    const artifactLocation = sarifLocation(path);
    return findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: RULES.findIndex((r) => r.id === f.code),
      level: f.level,
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      // Code scanning matches results across runs by this, not by line.
      partialFingerprints: { 'implNotes/v1': f.fingerprint },
    }));
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'impl-notes', semanticVersion: version, informationUri, rules: sarifRules(informationUri) } },
        // Columns count UTF-16 code units, as in the text and JSON outputs.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
