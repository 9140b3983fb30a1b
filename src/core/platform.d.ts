// What the core may use of its platform when type-checked alone
// (src/core/tsconfig.json, "types": []; the root tsconfig leaves this file out: @types/node declares these): globals that Node, browsers and web
// workers all have, and nothing else.

/** The WHATWG TextDecoder (host.ts decodes file bytes with it). */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

/** The bundler's lazy module initialiser (config.ts loads re2js on first use). */
declare function require(id: string): unknown;

/** The WHATWG TextEncoder (UTF-8 bytes of a string). */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
