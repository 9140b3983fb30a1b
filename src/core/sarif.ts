import { findings, type Analysis } from './analyze';
import type { ResolvedReference } from './references/model';
import { LineIndex } from './text';

/** A SARIF 2.1.0 log (the subset we write), for code-scanning uploads. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

const RULES = [
  {
    id: 'placeholder',
    name: 'LeftoverPlaceholder',
    shortDescription: { text: 'A template placeholder is not filled in' },
    fullDescription: { text: 'A [bracketed] placeholder from the implementation-notes template is still in the document.' },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: 'empty-section',
    name: 'EmptySection',
    shortDescription: { text: 'A section has no content' },
    fullDescription: { text: 'A section of the implementation notes has no content and no subsections.' },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: 'missing-section',
    name: 'MissingSection',
    shortDescription: { text: "A section of the template is missing" },
    fullDescription: { text: "A notes document lacks a section of its template's outline; a section that does not apply is kept with \"Not applicable.\"" },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: 'broken-reference',
    name: 'BrokenReference',
    shortDescription: { text: 'A reference to the repository is broken' },
    fullDescription: { text: 'A path, line reference or Code Structure line of the notes names a file or folder that is not in the repository (perhaps moved), a line past the end of its file, or a place outside the repository.' },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: 'unknown-symbol',
    name: 'UnknownSymbol',
    shortDescription: { text: 'A symbol of the notes is not declared in its files' },
    fullDescription: { text: 'A class or function listed under Key Classes/Functions is not declared in the Location file(s) of its component, or anywhere in the repository when the component has no Location (perhaps renamed).' },
    defaultConfiguration: { level: 'warning' },
  },
];

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

/** Findings of several files as one SARIF run; paths as given, with `/` separators. */
export function toSarif(files: readonly { path: string; analysis: Analysis; references?: readonly ResolvedReference[] }[], version: string, informationUri: string): SarifLog {
  const results = files.flatMap(({ path, analysis, references }) => {
    const lines = new LineIndex(analysis.text);
    const artifactLocation = sarifLocation(path);
    return findings(analysis, references).map((f) => {
      const start = lines.positionAt(f.start);
      const end = lines.positionAt(f.end);
      return {
        ruleId: f.code,
        ruleIndex: RULES.findIndex((r) => r.id === f.code),
        level: 'warning',
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      };
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'impl-notes', semanticVersion: version, informationUri, rules: RULES } },
        // Columns count UTF-16 code units, as in the text and JSON outputs.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
