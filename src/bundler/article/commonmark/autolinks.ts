import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";

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
 * judged in constant time and a hostile text (thousands of `_www.`, `(www.a.b<`) stays linear.
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
  url(colon: number): Found | undefined {
    const { text } = this;
    if (this.n - colon < 4 || text[colon + 1] !== "/" || text[colon + 2] !== "/") return undefined;
    let start = colon;
    while (start > 0 && isAlpha(text[start - 1])) start--;
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

/** Where an address's scan forward from i stops (alphanumerics, `@`, `-`, `_`, a `.` before an alphanumeric), and how many `@` and such `.` stand before i. */
function addressRuns(text: string): { end: Int32Array; ats: Int32Array; dots: Int32Array } {
  const n = text.length;
  const end = new Int32Array(n + 1).fill(n);
  const ats = new Int32Array(n + 1);
  const dots = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const c = text[i]!;
    const goesOn = isAlnum(c) || c === "@" || c === "-" || c === "_" || (c === "." && isAlnum(text[i + 1]));
    end[i] = goesOn ? end[i + 1]! : i;
  }
  for (let i = 0; i < n; i++) {
    ats[i + 1] = ats[i]! + (text[i] === "@" ? 1 : 0);
    dots[i + 1] = dots[i]! + (text[i] === "." && isAlnum(text[i + 1]) ? 1 : 0);
  }
  return { end, ats, dots };
}

/** cmark-gfm's email autolinks (postprocess_text), `mailto:` and `xmpp:` included, in `text`. */
function emails(text: string): Found[] {
  const found: Found[] = [];
  let runs: ReturnType<typeof addressRuns> | undefined;
  let offset = 0;
  for (let budget = MAX_AT_SIGNS; budget > 0; budget--) {
    const at = text.indexOf("@", offset);
    if (at < 0) break;
    let start = at;
    let protocol: string | undefined;
    while (start > offset) {
      const c = text[start - 1]!;
      if (isAlnum(c) || ".+-_".includes(c)) start--;
      else if (c === ":" && !protocol) {
        protocol = PROTOCOLS.find((name) => start - 1 - name.length >= offset && text.startsWith(name, start - 1 - name.length) && !isAlnum(text[start - 2 - name.length]));
        if (!protocol) break;
        start--;
      } else break;
    }
    let end: number;
    let ats: number;
    let dots: number;
    if (protocol === "xmpp") {
      // an xmpp address runs on over `/resource` (rare enough to scan)
      ats = dots = 0;
      for (end = at; end < text.length; end++) {
        const c = text[end]!;
        if (c === "@") ats++;
        else if (c === "." && isAlnum(text[end + 1])) dots++;
        else if (!isAlnum(c) && c !== "/" && c !== "-" && c !== "_") break;
      }
    } else {
      runs ??= addressRuns(text);
      end = runs.end[at]!;
      ats = runs.ats[end]! - runs.ats[at]!;
      dots = runs.dots[end]! - runs.dots[at]!;
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

/** Facts about the inline source being parsed, kept while its parse moves forward. */
class SourceState {
  src = "";
  index: TextIndex | undefined;
  /** Unclosed `[` before `bracketsAt` (cmark-gfm links nothing while a bracket is open). */
  brackets = 0;
  bracketsAt = 0;

  of(src: string): this {
    if (src !== this.src) Object.assign(this, { src, index: undefined, brackets: 0, bracketsAt: 0 });
    return this;
  }

  textIndex(): TextIndex {
    return (this.index ??= new TextIndex(this.src));
  }

  inBracket(pos: number): boolean {
    if (pos < this.bracketsAt) Object.assign(this, { brackets: 0, bracketsAt: 0 });
    for (; this.bracketsAt < pos; this.bracketsAt++) {
      const c = this.src[this.bracketsAt];
      if (c === "\\") this.bracketsAt++;
      else if (c === "[") this.brackets++;
      else if (c === "]" && this.brackets > 0) this.brackets--;
    }
    return this.brackets > 0;
  }
}

/** Pushes the link a www or url rule found, its text as written (cmark-gfm takes it from the source, entities and all). */
function pushLink(state: StateInline, found: Found): void {
  const open = state.push("link_open", "a", 1);
  open.attrs = [["href", state.md.normalizeLink(found.href)]];
  open.markup = "linkify";
  open.info = "auto";
  state.push("text", "", 0).content = state.src.slice(found.start, found.end);
  Object.assign(state.push("link_close", "a", -1), { markup: "linkify", info: "auto" });
}

/** Email addresses in the text tokens outside links (cmark-gfm finds them after inline parsing too). */
function emailLinks(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children?.some((t) => t.type === "text" && t.content.includes("@"))) continue;
    const out: Token[] = [];
    let inLink = 0;
    for (const token of block.children) {
      if (token.type === "link_open") inLink++;
      else if (token.type === "link_close") inLink--;
      const found = token.type === "text" && !inLink && token.content.includes("@") ? emails(token.content) : [];
      let at = 0;
      const text = (content: string, level: number) => Object.assign(new state.Token("text", "", 0), { content, level });
      for (const link of found) {
        if (link.start > at) out.push(text(token.content.slice(at, link.start), token.level));
        const open = Object.assign(new state.Token("link_open", "a", 1), { markup: "linkify", info: "auto", level: token.level });
        open.attrs = [["href", state.md.normalizeLink(link.href)]];
        out.push(open, text(token.content.slice(link.start, link.end), token.level + 1));
        out.push(Object.assign(new state.Token("link_close", "a", -1), { markup: "linkify", info: "auto", level: token.level }));
        at = link.end;
      }
      out.push(found.length ? text(token.content.slice(at), token.level) : token);
    }
    block.children = out.filter((t) => t.type !== "text" || t.content !== "");
  }
}

/**
 * cmark-gfm's autolink extension, by its rules (what may stand before, which domains, what
 * trailing punctuation is left out): `www.example.com` and `http://`, `https://`, `ftp://` URLs
 * while inline Markdown is parsed (so a URL runs over `*`, `_` or `~` to the next space, as
 * there), e-mail addresses (`mailto:`, `xmpp:` or bare) after it. linkify-it, markdown-it's own,
 * links more (bare `example.com`, `//host`, a trailing `_` or entity), hence these rules. Needs
 * textRulePlugin's stop at `www.`.
 */
export function autolinksPlugin(md: MarkdownIt): void {
  const source = new SourceState();
  md.inline.ruler.after("text", "gfm_www", (state: StateInline, silent: boolean) => {
    const { pos, src } = state;
    if (silent || state.linkLevel > 0 || !src.startsWith("www.", pos)) return false;
    if (pos > 0 && !opensAutolink(src[pos - 1])) return false;
    const sourceState = source.of(src);
    if (sourceState.inBracket(pos)) return false;
    const found = sourceState.textIndex().www(pos);
    if (!found || found.end > state.posMax) return false;
    pushLink(state, found);
    state.pos = found.end;
    return true;
  });
  md.inline.ruler.after("gfm_www", "gfm_url", (state: StateInline, silent: boolean) => {
    const { pos, src } = state;
    if (silent || state.linkLevel > 0 || src[pos] !== ":") return false;
    const sourceState = source.of(src);
    const found = sourceState.textIndex().url(pos);
    if (!found || found.end > state.posMax || sourceState.inBracket(pos)) return false;
    // the scheme was taken as text already: take it back
    const scheme = src.slice(found.start, pos);
    if (!state.pending.endsWith(scheme)) return false;
    state.pending = state.pending.slice(0, -scheme.length);
    pushLink(state, found);
    state.pos = found.end;
    return true;
  });
  md.core.ruler.after("text_join", "gfm_emails", emailLinks);
}
