// Names as the CLI prints them. A file name is anybody's text: a newline in it
// must not start a line that looks like a finding (or a problem-matcher match).

// One character class, so the scan is linear; control characters are what it is for.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The name with each control character written as `\xNN` (`\uNNNN` above 0xff). */
export function shownName(name: string): string {
  return name.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** A writer that stops quietly once its reader is gone (`check ... | head -1`). */
export function quietOnClosedPipe(write: (text: string) => void): { write: (text: string) => void; close: () => void } {
  let closed = false;
  return {
    write: (text) => {
      if (closed) return;
      try {
        write(text);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
        closed = true;
      }
    },
    close: () => {
      closed = true;
    },
  };
}
