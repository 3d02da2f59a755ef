// What the shared modules may use beyond the language: what Node and workerd both provide. Each
// half's own configuration types these from its runtime; tsconfig.shared.json from this file.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
