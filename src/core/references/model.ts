// The data of the reference check (docs/spec.md, "References"): what a notes
// document says about the repository, as found in its text (`Reference`, pure
// and per document, computed with the analysis), and what the repository says
// back (`ResolvedReference`, computed by the host that can read files).

/** What a reference names: a file or folder, lines of a file, a declared symbol, a line of the Code Structure tree. */
export type ReferenceKind = 'path' | 'line' | 'symbol' | 'tree';

/** Where in the document a reference stands; decides how its text is read. */
export type ReferenceSource = 'location' | 'link' | 'code' | 'symbol' | 'tree';

export interface Reference {
  kind: ReferenceKind;
  source: ReferenceSource;
  /** The reference's span in the analysed text: 0-based UTF-16 offsets, half-open. */
  start: number;
  end: number;
  /** As written in the document (a link: its destination as written). */
  text: string;
  /**
   * `path`, `line`, `tree`: the path named, `/`-separated, percent-decoded for
   * links, without a line suffix; relative (to the notes file's folder, then
   * the repository root) unless it starts with `/` (then it leaves the repository).
   */
  path?: string;
  /** `line`: the 1-based lines named (`#L10-L20`, `:42` gives 42 to 42). */
  lines?: { from: number; to: number };
  /** `symbol`: the identifier looked up, without `()`: `Name`, `name`, `Name.method`. */
  symbol?: string;
  /** `symbol`: the `path`s of its component's Location references (decoded, no line suffix); empty: the whole repository. */
  scope?: string[];
  /** `tree`: the line names a folder (a trailing `/`, or it has children). */
  folder?: boolean;
  /**
   * `tree`: the name of the tree's lone top line (`src`, `project_root`),
   * read as the root: when the repository has a folder of that name, the
   * line's path is looked up under it first.
   */
  treeTop?: string;
}

export type ReferenceStatus = 'ok' | 'missing' | 'outside';

/** A broken reference's finding code: the path is not there (or leaves the repository), or the symbol is not declared. */
export type ReferenceFindingCode = 'broken-reference' | 'unknown-symbol';

export interface ResolvedReference extends Reference {
  status: ReferenceStatus;
  /** Where it points, relative to the repository root, `/`-separated: the file or folder; for a symbol, the declaring file. */
  target?: string;
  /** 1-based line in `target`: a line reference's first line, a symbol's declaration. */
  targetLine?: number;
  /** What a fix would write instead of `text`: a moved file's one candidate, a renamed symbol's one close name. */
  suggestion?: string;
  /** Set when `status` is not `ok`, or the symbol was not found: the finding to report. */
  finding?: { code: ReferenceFindingCode; message: string };
}
