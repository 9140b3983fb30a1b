// Row and message text formatted once per key: the tree of a long document
// asks for the same few strings thousands of times (one item per heading, on
// every refresh).

const remembered = new Map<string, string>();

export function remember(key: string, make: () => string): string {
  let text = remembered.get(key);
  if (text === undefined) {
    if (remembered.size >= 4096) remembered.clear();
    text = make();
    remembered.set(key, text);
  }
  return text;
}
