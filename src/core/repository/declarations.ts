// Which names a source file declares (docs/spec.md, "Resolving references"):
// a line scan for each language's declaration forms, not a parser. Each line
// is read once, left to right, over at most its first MAX_TOKENS tokens, so a
// file costs time linear in its length whatever it holds; no regular
// expression runs on the file's text.

type Language = 'js' | 'python' | 'go' | 'rust' | 'java' | 'kotlin' | 'csharp' | 'c' | 'ruby' | 'php';

const LANGUAGES: Record<string, Language> = {
  ts: 'js', tsx: 'js', mts: 'js', cts: 'js', js: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  py: 'python', pyi: 'python', pyw: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin', kts: 'kotlin',
  cs: 'csharp',
  c: 'c', h: 'c', cc: 'c', cpp: 'c', cxx: 'c', 'c++': 'c', hpp: 'c', hh: 'c', hxx: 'c', 'h++': 'c', ipp: 'c', inl: 'c',
  rb: 'ruby', rake: 'ruby', gemspec: 'ruby',
  php: 'php', phtml: 'php',
};

/** The language whose declaration forms apply to a file, by its extension; undefined: a whole-word occurrence counts. */
export function languageOf(path: string): Language | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(LANGUAGES, ext) ? LANGUAGES[ext] : undefined;
}

/** Words that may stand before a declaration keyword or a declared name. */
const MODIFIERS: Record<Language, ReadonlySet<string>> = {
  js: new Set(['export', 'default', 'declare', 'abstract', 'async', 'public', 'private', 'protected', 'static', 'readonly', 'override', 'get', 'set', 'accessor']),
  python: new Set(['async']),
  go: new Set(),
  rust: new Set(['pub', 'async', 'unsafe', 'extern', 'default']),
  java: new Set(['public', 'private', 'protected', 'static', 'final', 'abstract', 'synchronized', 'native', 'default', 'strictfp', 'sealed', 'non', 'transient', 'volatile']),
  kotlin: new Set(['public', 'private', 'protected', 'internal', 'open', 'abstract', 'sealed', 'data', 'inner', 'override', 'suspend', 'inline', 'operator', 'infix', 'tailrec', 'external', 'lateinit', 'annotation', 'companion', 'value', 'expect', 'actual']),
  csharp: new Set(['public', 'private', 'protected', 'internal', 'static', 'sealed', 'abstract', 'virtual', 'override', 'readonly', 'async', 'partial', 'unsafe', 'extern', 'file', 'required']),
  c: new Set(['static', 'inline', 'extern', 'virtual', 'explicit', 'constexpr', 'consteval', 'friend', 'export']),
  ruby: new Set(['private', 'protected', 'public']),
  php: new Set(['public', 'private', 'protected', 'static', 'abstract', 'final', 'readonly']),
};

/** Keywords whose next name is declared. */
const KEYWORDS: Record<Language, ReadonlySet<string>> = {
  js: new Set(['class', 'interface', 'type', 'enum', 'function', 'namespace', 'module', 'const', 'let', 'var']),
  python: new Set(['class', 'def']),
  go: new Set(['func', 'type', 'var', 'const']),
  rust: new Set(['fn', 'struct', 'enum', 'trait', 'type', 'union', 'mod', 'const', 'static', 'macro_rules']),
  java: new Set(['class', 'interface', 'enum', 'record']),
  kotlin: new Set(['class', 'interface', 'object', 'fun', 'val', 'var', 'typealias', 'enum', 'const']),
  csharp: new Set(['class', 'interface', 'struct', 'enum', 'record', 'namespace']),
  c: new Set(['struct', 'class', 'union', 'enum', 'namespace', 'concept']),
  ruby: new Set(['class', 'module', 'def']),
  php: new Set(['class', 'interface', 'trait', 'enum', 'function', 'const', 'namespace']),
};

/** A line that starts with one of these is a statement, never a declaration. */
const STATEMENTS = new Set([
  'return', 'if', 'else', 'elif', 'for', 'foreach', 'while', 'do', 'switch', 'case', 'when', 'match', 'catch', 'try', 'finally', 'throw', 'new', 'delete',
  'goto', 'await', 'yield', 'sizeof', 'typeof', 'using', 'lock', 'synchronized', 'assert', 'print', 'echo', 'import', 'from', 'package', 'include', 'require',
  'defer', 'go', 'select', 'break', 'continue', 'with', 'unless', 'until', 'elsif', 'raise', 'static_assert', 'fixed', 'checked', 'unchecked',
]);

/** Languages whose methods and functions are written `Type name(…)` (or `name(…)` in a JS class body), with no keyword. */
const CALL_SHAPED: ReadonlySet<Language> = new Set(['js', 'java', 'csharp', 'c']);

const MAX_TOKENS = 48;

type Token = { kind: 'word' | 'punct' | 'string'; text: string; start: number; end: number };

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

/** The line's first tokens: words, single punctuation characters, quoted strings as one token. */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length && out.length < MAX_TOKENS) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 11) {
      i++;
    } else if (isWordCode(c)) {
      const start = i;
      while (i < line.length && isWordCode(line.charCodeAt(i))) i++;
      out.push({ kind: 'word', text: line.slice(start, i), start, end: i });
    } else if (c === 34 || c === 39 || c === 96) {
      const start = i++;
      while (i < line.length && line.charCodeAt(i) !== c) i += line.charCodeAt(i) === 92 ? 2 : 1;
      i = Math.min(i + 1, line.length);
      out.push({ kind: 'string', text: '', start, end: i });
    } else {
      out.push({ kind: 'punct', text: line[i], start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** The index after the bracket group opened at `at` (`(`, `<`, `[`, `{`), or -1 when it does not close among the tokens. */
function skipGroup(t: readonly Token[], at: number): number {
  const open = t[at].text;
  const close = open === '(' ? ')' : open === '<' ? '>' : open === '{' ? '}' : ']';
  let depth = 0;
  for (let i = at; i < t.length; i++) {
    if (t[i].text === open) depth++;
    else if (t[i].text === close && --depth === 0) return i + 1;
  }
  return -1;
}

const isWord = (t: Token | undefined): t is Token => t?.kind === 'word';
const isPunct = (t: Token | undefined, text: string) => t?.kind === 'punct' && t.text === text;

/**
 * The names a file declares, each with the 1-based line of its first
 * declaration. `language` undefined: every whole word of the text counts.
 */
export function declaredNames(text: string, language: Language | undefined): Map<string, number> {
  const names = new Map<string, number>();
  let line = 1;
  for (let start = 0; start <= text.length; ) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const add = (name: string) => {
      if (!names.has(name)) names.set(name, line);
    };
    if (language === undefined) wordsOf(text, start, end, add);
    else declarationsOf(text.slice(start, end), language, add);
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return names;
}

function wordsOf(text: string, start: number, end: number, add: (name: string) => void): void {
  for (let i = start; i < end; ) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const from = i;
    while (i < end && isWordCode(text.charCodeAt(i))) i++;
    add(text.slice(from, i));
  }
}

/** The index after the annotations and attributes a declaration may start with (`@Override`, `@dataclass(…)`, `[Serializable]`, `#[derive(…)]`, `template <…>`); -1 when one does not close on the line. */
function afterAttributes(t: readonly Token[], language: Language): number {
  let i = 0;
  for (;;) {
    if (isPunct(t[i], '@') && isWord(t[i + 1]) && t[i + 1].text !== 'interface') {
      i += 2;
      while (isPunct(t[i], '.') && isWord(t[i + 1])) i += 2;
      if (isPunct(t[i], '(')) i = skipGroup(t, i);
    } else if ((language === 'csharp' && isPunct(t[i], '[')) || (language === 'rust' && isPunct(t[i], '#') && isPunct(t[i + 1], '['))) {
      i = skipGroup(t, language === 'rust' ? i + 1 : i);
    } else if (language === 'c' && t[i]?.text === 'template' && isPunct(t[i + 1], '<')) {
      i = skipGroup(t, i + 1);
    } else {
      return i;
    }
    if (i < 0) return -1;
  }
}

function declarationsOf(line: string, language: Language, add: (name: string) => void): void {
  const t = tokens(line);
  if (t.length === 0) return;
  const indented = t[0].start > 0;
  let i = afterAttributes(t, language);
  if (i < 0) return;
  if (language === 'c' && isPunct(t[i], '#') && t[i + 1]?.text === 'define' && isWord(t[i + 2])) {
    add(t[i + 2].text);
    return;
  }
  if (language === 'c' && (t[i]?.text === 'typedef' || isPunct(t[i], '}'))) {
    typedefName(t, i, add);
    if (t[i].text === '}') return;
    i++;
  }
  const modifiers = MODIFIERS[language];
  // A modifier word followed by `(` is a name: the method `get(key)`.
  while (isWord(t[i]) && modifiers.has(t[i].text) && !(language !== 'rust' && isPunct(t[i + 1], '('))) {
    i++;
    // `pub(crate)`, `extern "C"`, `non-sealed`.
    if (language === 'rust' && isPunct(t[i], '(')) i = skipGroup(t, i);
    else if (t[i]?.kind === 'string') i++;
    else if (language === 'java' && t[i - 1].text === 'non' && isPunct(t[i], '-')) i += 2;
    if (i < 0) return;
  }
  // A generic method: `public <T> List<T> collect(…)`.
  if ((language === 'java' || language === 'csharp') && isPunct(t[i], '<')) {
    i = skipGroup(t, i);
    if (i < 0) return;
  }
  const first = t[i];
  if (!isWord(first)) {
    if (language === 'java' && isPunct(first, '@') && t[i + 1]?.text === 'interface' && isWord(t[i + 2])) add(t[i + 2].text);
    return;
  }
  if (language === 'csharp' && first.text === 'delegate') {
    const name = callShapedName(t, i + 1, language, indented);
    if (name !== undefined) add(name);
    return;
  }
  if (KEYWORDS[language].has(first.text)) {
    const name = keywordName(t, i, language);
    if (name !== undefined) add(name);
    return;
  }
  if (STATEMENTS.has(first.text)) return;
  const name = assignedName(t, i, language, indented) ?? (CALL_SHAPED.has(language) ? callShapedName(t, i, language, indented) : undefined);
  if (name !== undefined) add(name);
}

/**
 * A name declared without a keyword: top-level `NAME = …` in Python and
 * Ruby, a JS class field holding a function (`name = (…) =>`), Go's
 * `Name struct {` inside a `type (…)` group.
 */
function assignedName(t: readonly Token[], i: number, language: Language, indented: boolean): string | undefined {
  const name = t[i].text;
  const assigned = isPunct(t[i + 1], '=') && !isPunct(t[i + 2], '=');
  if ((language === 'python' || language === 'ruby') && !indented && assigned) return name;
  if (language === 'python' && !indented && isPunct(t[i + 1], ':') && isWord(t[i + 2])) return name;
  if (language === 'js' && assigned && (isPunct(t[i + 2], '(') || t[i + 2]?.text === 'async' || t[i + 2]?.text === 'function')) return name;
  if (language === 'go' && (t[i + 1]?.text === 'struct' || t[i + 1]?.text === 'interface') && isWord(t[i + 1])) return name;
  return undefined;
}

/** The name after a declaration keyword at `at`, with each language's shapes in between. */
function keywordName(t: readonly Token[], at: number, language: Language): string | undefined {
  let i = at + 1;
  const keyword = t[at].text;
  // `enum class`, `data class`-like pairs, `macro_rules!`, `function*`, `def self.name`, `static mut`.
  while (isWord(t[i]) && (KEYWORDS[language].has(t[i].text) || (language === 'rust' && t[i].text === 'mut'))) i++;
  if (keyword === 'macro_rules' && isPunct(t[i], '!')) i++;
  if (isPunct(t[i], '*') || isPunct(t[i], '&')) i++;
  if (language === 'go' && keyword === 'func' && isPunct(t[i], '(')) {
    i = skipGroup(t, i);
    if (i < 0) return undefined;
  }
  if (language === 'kotlin' && keyword === 'fun' && isPunct(t[i], '<')) {
    i = skipGroup(t, i);
    if (i < 0) return undefined;
  }
  if (!isWord(t[i])) return undefined;
  // Receivers: `def self.name`, `fun Type.name`, `fun List<T>.name`.
  for (;;) {
    let j = i + 1;
    if (language === 'kotlin' && isPunct(t[j], '<')) j = skipGroup(t, j);
    if (j < 0 || !(language === 'ruby' || language === 'kotlin') || !isPunct(t[j], '.') || !isWord(t[j + 1]) || t[j].end !== t[j + 1].start) break;
    i = j + 1;
  }
  let name = t[i].text;
  // Ruby's `empty?` and `save!`.
  const next = t[i + 1];
  if (language === 'ruby' && next && next.start === t[i].end && (next.text === '?' || next.text === '!' || next.text === '=')) name += next.text;
  return name;
}

/**
 * `Type name(…)` in Java, C#, C and C++; `name(…) {` in a JS class or object.
 * The name is the last word before the `(`; what comes before it must read
 * as a type (words, `<…>`, `*`, `&`, `[]`, `::`), never a `.` or `=` (a
 * call), and after the matching `)` comes what follows a signature.
 */
function callShapedName(t: readonly Token[], at: number, language: Language, indented: boolean): string | undefined {
  let i = at;
  let words = 0;
  let last = -1;
  while (i < t.length) {
    const tok = t[i];
    if (tok.kind === 'word') {
      words++;
      last = i;
      i++;
    } else if (tok.text === '<' && language !== 'js') {
      i = skipGroup(t, i);
      if (i < 0) return undefined;
    } else if (tok.text === '*' || tok.text === '&' || tok.text === '[' || tok.text === ']' || tok.text === '?' || tok.text === ',' || tok.text === '~') {
      if (language === 'js') return undefined;
      i++;
    } else if (tok.text === ':' && isPunct(t[i + 1], ':') && language === 'c') {
      i += 2;
    } else {
      break;
    }
  }
  const before = t[last - 1];
  // A C# property: `public int Count { get; }`, `public int Count => n;`.
  if (language === 'csharp' && words >= 2 && last === i - 1 && (isPunct(t[i], '{') || (isPunct(t[i], '=') && isPunct(t[i + 1], '>')))) return t[last].text;
  if (!isPunct(t[i], '(') || last !== i - 1) return undefined;
  if (language === 'js' ? words !== 1 : words < 2 && !(language === 'c' && !indented) && !(isPunct(before, '~') || isPunct(before, ':'))) return undefined;
  if (isPunct(before, '.')) return undefined;
  const close = skipGroup(t, i);
  const name = t[last].text;
  if (close < 0) {
    // Parameters go on past the line: `name(` at its end.
    return i === t.length - 1 ? name : undefined;
  }
  const after = t[close];
  if (after === undefined) return language === 'js' ? undefined : name;
  if (isPunct(after, '{') || isPunct(after, ':')) return name;
  if (language === 'js') return undefined;
  if (isPunct(after, ';')) return language === 'c' || language === 'java' || language === 'csharp' ? (words >= 2 ? name : undefined) : undefined;
  if (isPunct(after, '=') && isPunct(t[close + 1], '>')) return name;
  if (after.kind === 'word' && ['throws', 'where', 'const', 'override', 'noexcept', 'final', 'volatile', 'mutable', 'requires', 'try'].includes(after.text)) return name;
  if (isPunct(after, '-') && isPunct(t[close + 1], '>')) return name;
  return undefined;
}

/** `typedef … Name;` and `} Name;` (the end of a `typedef struct {…}`): the last word before the `;`. */
function typedefName(t: readonly Token[], at: number, add: (name: string) => void): void {
  for (let i = at + 1; i < t.length; i++) {
    if (isPunct(t[i], ';')) {
      if (isWord(t[i - 1]) && i - 1 > at) add(t[i - 1].text);
      return;
    }
    if (isPunct(t[i], '{')) {
      // `typedef struct node { int x; } Node;` on one line.
      const after = skipGroup(t, i);
      if (after < 0) return;
      i = after - 1;
    } else if (isPunct(t[i], '(')) {
      return;
    }
  }
}
