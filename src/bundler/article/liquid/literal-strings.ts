import { Tokenizer } from "liquidjs";

type QuotedToken = NonNullable<ReturnType<Tokenizer["readQuoted"]>>;

let patched = false;

/**
 * Ruby's Liquid has no escapes in its strings: `"a\nb"` is a, backslash, n, b, and a string ends
 * at its next quote. liquidjs reads `\n`, `\u2028`, `\"` … as JavaScript does, so a post using a
 * backslash would render otherwise than on its Jekyll site. liquidjs has no option for it: its
 * tokenizer's `readQuoted` is replaced, once, by one that reads strings as Ruby does.
 */
export function readStringsAsRuby(): void {
  if (patched) return;
  const sample = new Tokenizer('"x"').readQuoted();
  if (!sample) throw new Error("liquidjs no longer reads quoted strings with readQuoted: see literal-strings.ts");
  const Quoted = sample.constructor as new (input: string, begin: number, end: number, file?: string) => QuotedToken;
  Tokenizer.prototype.readQuoted = function (this: Tokenizer & { skipBlank(): void }): QuotedToken | undefined {
    this.skipBlank();
    const begin = this.p;
    const quote = this.input[begin];
    if (begin >= this.N || (quote !== '"' && quote !== "'")) return undefined;
    const close = this.input.indexOf(quote, begin + 1);
    const end = close < 0 || close >= this.N ? this.N : close;
    this.p = Math.min(end + 1, this.N);
    const token = new Quoted(this.input, begin, this.p, this.file);
    Object.defineProperty(token, "content", { value: this.input.slice(begin + 1, end) });
    return token;
  };
  patched = true;
}
