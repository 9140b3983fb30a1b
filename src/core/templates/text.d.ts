// esbuild's text loader (and the test hook) turn Markdown templates into strings.
declare module '*.md' {
  const text: string;
  export default text;
}
