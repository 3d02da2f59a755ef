import type { MarkdownIt, StateCore, Token } from "markdown-it";

/** A link found in a text: `text.slice(start, end)`, pointing at `href`. */
interface Found {
  start: number;
  end: number;
  href: string;
}

const isAsciiSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const isAlnum = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9]$/.test(c);
/** What may stand before `www.` (cmark-gfm's www_match): white space or `*`, `_`, `~`, `(`. */
const opensAutolink = (c: string | undefined) => isAsciiSpace(c) || (c !== undefined && "*_~(".includes(c));
/** Trailing characters extended autolinks leave out (autolink_delim). */
const TRAILING = "?!.,:*_~'\"";
const SCHEMES = new Set(["http", "https", "ftp"]);
const PROTOCOLS = ["mailto", "xmpp"] as const;
/** cmark-gfm gives up on a text's `@` signs after this many (postprocess_text's depth). */
const MAX_AT_SIGNS = 1000;

/**
 * Per-position facts about one text, each computed in one pass, so that every candidate link is
 * judged in constant time and a hostile text (thousands of `_www.`, `(www.a.b<`, `a@a@`) stays linear.
 */
class TextIndex {
  readonly n: number;
  /** Where a domain scan starting at i stops (cmark-gfm's check_domain: host characters, `-`, `_`, `.`). */
  readonly domainEnd: Int32Array;
  /** The first ASCII white space at or after i. */
  readonly spaceAt: Int32Array;
  /** The first `<` at or after i. */
  readonly ltAt: Int32Array;
  /** How many `.`, `_`, `(`, `)` stand before i. */
  readonly dots: Int32Array;
  readonly underscores: Int32Array;
  readonly opening: Int32Array;
  readonly closing: Int32Array;
  /** The last `.` before i, or -1. */
  readonly dotBefore: Int32Array;

  constructor(readonly text: string) {
    const n = (this.n = text.length);
    this.domainEnd = new Int32Array(n + 1).fill(n);
    this.spaceAt = new Int32Array(n + 1).fill(n);
    this.ltAt = new Int32Array(n + 1).fill(n);
    for (let i = n - 1; i >= 0; i--) {
      const c = text[i]!;
      const code = text.charCodeAt(i);
      if (code >= 0xdc00 && code <= 0xdfff) this.domainEnd[i] = i;
      else if (c === "-" || c === "_" || c === ".") this.domainEnd[i] = this.domainEnd[i + 1]!;
      else if (code < 0x80) this.domainEnd[i] = /^[\s!-/:-@[-`{-~]$/.test(c) ? i : this.domainEnd[i + 1]!;
      // a character beyond ASCII ends the scan after it (the C loop then meets a continuation byte)
      else this.domainEnd[i] = /^[\s\p{P}]$/u.test(c) ? i : Math.min(n, i + (code >= 0xd800 && code <= 0xdbff ? 2 : 1));
      this.spaceAt[i] = isAsciiSpace(c) ? i : this.spaceAt[i + 1]!;
      this.ltAt[i] = c === "<" ? i : this.ltAt[i + 1]!;
    }
    this.dots = new Int32Array(n + 1);
    this.underscores = new Int32Array(n + 1);
    this.opening = new Int32Array(n + 1);
    this.closing = new Int32Array(n + 1);
    this.dotBefore = new Int32Array(n + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = text[i];
      this.dots[i + 1] = this.dots[i]! + (c === "." ? 1 : 0);
      this.underscores[i + 1] = this.underscores[i]! + (c === "_" ? 1 : 0);
      this.opening[i + 1] = this.opening[i]! + (c === "(" ? 1 : 0);
      this.closing[i + 1] = this.closing[i]! + (c === ")" ? 1 : 0);
      this.dotBefore[i + 1] = c === "." ? i : this.dotBefore[i]!;
    }
  }

  /** check_domain: the length of the domain at `from`, 0 for none (an `_` in its last two labels, or no `.` unless `short`). */
  domain(from: number, short: boolean): number {
    if (this.text.charCodeAt(from) >= 0x80) return 1;
    const start = from + 1;
    const end = Math.max(start, Math.min(this.domainEnd[start] ?? this.n, this.n - 1));
    if (!short && this.dots[end]! - this.dots[start]! === 0) return 0;
    const last = this.dotBefore[end]!;
    const secondLast = last >= start ? this.dotBefore[last]! : -1;
    const labelsFrom = last < start ? start : Math.max(start, secondLast + 1);
    if (this.underscores[end]! - this.underscores[labelsFrom]! > 0) return 0;
    return end - from;
  }

  /** autolink_delim: where a link that runs from `from` to `end` really ends (before `<`, trailing punctuation, an entity, unmatched `)`). */
  trim(from: number, end: number): number {
    end = Math.min(end, this.ltAt[from]!);
    while (end > from) {
      const c = this.text[end - 1]!;
      if (TRAILING.includes(c)) end--;
      else if (c === ";") {
        let i = end - 2;
        while (i > from && isAlpha(this.text[i])) i--;
        end = i < end - 2 && i >= from && this.text[i] === "&" ? i : end - 1;
      } else if (c === ")" && this.closing[end]! - this.closing[from]! > this.opening[end]! - this.opening[from]!) end--;
      else break;
    }
    return end;
  }

  /** www_match at `at`: `www.` and a domain, to the next white space, trimmed. */
  www(at: number): Found | undefined {
    if (!this.text.startsWith("www.", at)) return undefined;
    const length = this.domain(at, false);
    if (!length) return undefined;
    const end = this.trim(at, this.spaceAt[at + length]!);
    return { start: at, end, href: `http://${this.text.slice(at, end)}` };
  }

  /** url_match at the `:` at `colon`: http, https or ftp (the whole word before it), `//`, a host, to the next white space, trimmed. */
  url(colon: number, floor: number): Found | undefined {
    const { text } = this;
    if (this.n - colon < 4 || text[colon + 1] !== "/" || text[colon + 2] !== "/") return undefined;
    let start = colon;
    while (start > floor && isAlpha(text[start - 1])) start--;
    if (!SCHEMES.has(text.slice(start, colon).toLowerCase())) return undefined;
    const host = text.codePointAt(colon + 3)!;
    if (/^[\s\p{P}]$/u.test(String.fromCodePoint(host)) || (host < 0x80 && /^[!-/:-@[-`{-~]$/.test(String.fromCharCode(host)))) return undefined;
    const length = this.domain(colon + 3, true);
    if (!length) return undefined;
    const end = this.trim(colon, this.spaceAt[colon + 3 + length]!);
    if (end === colon) return undefined;
    return { start, end, href: text.slice(start, end) };
  }
}

/** cmark-gfm's email autolinks (postprocess_text), `mailto:` and `xmpp:` included, in `text` from `from` to `to`. */
function emails(text: string, from: number, to: number, budget: { left: number }): Found[] {
  const found: Found[] = [];
  let offset = from;
  while (budget.left-- > 0) {
    const at = text.indexOf("@", offset);
    if (at < 0 || at >= to) break;
    let start = at;
    let protocol: string | undefined;
    while (start > offset) {
      const c = text[start - 1]!;
      if (isAlnum(c) || ".+-_".includes(c)) start--;
      else if (c === ":") {
        const named = PROTOCOLS.find((name) => text.startsWith(name, start - 1 - name.length) && start - 1 - name.length >= offset && !isAlnum(text[start - 2 - name.length]));
        if (!named || protocol) break;
        protocol = named;
        start--;
      } else break;
    }
    let end = at;
    let ats = 0;
    let dots = 0;
    for (; end < to; end++) {
      const c = text[end]!;
      if (isAlnum(c)) continue;
      if (c === "@") ats++;
      else if (c === "." && end < to - 1 && isAlnum(text[end + 1])) dots++;
      else if (c === "/" && protocol === "xmpp") continue;
      else if (c !== "-" && c !== "_") break;
    }
    const last = text[end - 1];
    const valid = start < at && end - at >= 2 && ats === 1 && dots > 0 && (isAlpha(last) || last === ".");
    const trimmed = valid ? trimEmail(text, at, end) : at;
    if (trimmed === at) {
      offset = at + 1;
      continue;
    }
    found.push({ start, end: trimmed, href: `${protocol ? "" : "mailto:"}${text.slice(start, trimmed)}` });
    offset = trimmed;
  }
  return found;
}

/** autolink_delim for an address: no `<`, `(` or entity can be in one, so only trailing punctuation goes. */
function trimEmail(text: string, from: number, end: number): number {
  while (end > from && (TRAILING.includes(text[end - 1]!) || text[end - 1] === ";")) end--;
  return end;
}

/** The links cmark-gfm's autolink extension finds in one text; `opensAtStart` says whether the text may start one with `www.`. */
export function findAutolinks(text: string, opensAtStart: boolean): Found[] {
  const links: Found[] = [];
  const index = text.includes("www.") || text.includes("://") ? new TextIndex(text) : undefined;
  let done = 0;
  if (index) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const link = c === ":" ? index.url(i, done) : c === "w" && (i === 0 ? opensAtStart : opensAutolink(text[i - 1])) ? index.www(i) : undefined;
      if (!link) continue;
      links.push(link);
      i = done = link.end;
      i--;
    }
  }
  if (!text.includes("@")) return links;
  const budget = { left: MAX_AT_SIGNS };
  const all: Found[] = [];
  let from = 0;
  for (const link of [...links, undefined]) {
    all.push(...emails(text, from, link?.start ?? text.length, budget));
    if (link) all.push(link);
    from = link?.end ?? from;
  }
  return all;
}

/** The source character a token ends with, as far as opening an autolink after it goes. */
function lastCharOf(token: Token): string | undefined {
  if (token.type === "softbreak" || token.type === "hardbreak") return "\n";
  if (token.type === "text") return token.content.at(-1);
  // emphasis and strikethrough marks, an escape's or entity's source; a link, code or tag ends otherwise
  return /^(em|strong|del)_(open|close)$|^text_special$/.test(token.type) ? token.markup.at(-1) : undefined;
}

/**
 * cmark-gfm's autolink extension: `www.example.com`, `https://…`, `ftp://…` and e-mail addresses
 * (with `mailto:` or `xmpp:` or without) in text become links, by its rules (what may stand before,
 * which domains, what trailing punctuation is left out). linkify-it, markdown-it's own, links
 * more (bare `example.com`, `//host`, a trailing `_` or entity), hence this rule. It reads the
 * text after inline parsing, as cmark-gfm does for addresses; a URL that runs into emphasis or
 * code ends there.
 */
export function autolinksPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "gfm_autolinks", (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      const children = block.children;
      if (!children.some((t) => t.type === "text" && (t.content.includes("www.") || t.content.includes("://") || t.content.includes("@")))) continue;
      const out: Token[] = [];
      let inLink = 0;
      children.forEach((token, i) => {
        if (token.type === "link_open") inLink++;
        else if (token.type === "link_close") inLink--;
        const before = children[i - 1];
        const opens = before === undefined || opensAutolink(lastCharOf(before));
        const links = token.type === "text" && !inLink ? findAutolinks(token.content, opens) : [];
        if (!links.length) {
          out.push(token);
          return;
        }
        let at = 0;
        const text = (content: string, level: number) => Object.assign(new state.Token("text", "", 0), { content, level });
        for (const link of links) {
          const href = md.normalizeLink(link.href);
          if (!md.validateLink(href)) continue;
          if (link.start > at) out.push(text(token.content.slice(at, link.start), token.level));
          const open = Object.assign(new state.Token("link_open", "a", 1), { markup: "linkify", info: "auto", level: token.level });
          open.attrs = [["href", href]];
          out.push(open, text(token.content.slice(link.start, link.end), token.level + 1));
          out.push(Object.assign(new state.Token("link_close", "a", -1), { markup: "linkify", info: "auto", level: token.level }));
          at = link.end;
        }
        if (at < token.content.length) out.push(text(token.content.slice(at), token.level));
      });
      block.children = out;
    }
  });
}
