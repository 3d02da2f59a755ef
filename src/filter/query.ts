import { foldText } from "./fold.js";

/**
 * A reader's filter, `?q=`: a post matches when each group has one of its terms in the post's
 * text and no excluded term is in it. Terms are folded (foldText) and never empty; none holds a
 * `"` or a line break.
 */
export interface Query {
  /** Groups in the order written (`宁德时代|比亚迪 电池`: two), each its alternatives in order. */
  readonly include: readonly (readonly string[])[];
  /** Terms in the order written (`-广告`). */
  readonly exclude: readonly string[];
}

export type ParsedQuery = { ok: true; query: Query; canonical: string } | { ok: false; reason: string };

/** The longest query, in characters of its canonical spelling: the same for every spelling of it. */
export const MAX_QUERY_CHARS = 200;
/** The most terms, counting each alternative and each exclusion once. */
export const MAX_QUERY_TERMS = 10;
/** Input longer than this is not read at all, whatever it would come down to. */
const MAX_INPUT_CHARS = 1_000;

export const EMPTY_QUERY: Query = { include: [], exclude: [] };

/** An empty `q` (or only spaces): the feed without a filter. */
export function isEmptyQuery(query: Query): boolean {
  return query.include.length === 0 && query.exclude.length === 0;
}

/**
 * Reads `?q=`: `a b` both; `a|b` either (spaces around `|` allowed); `-a` not; `-a|b` neither
 * (the same as `-a -b`); `"a b"` one term with its space, also the way to write a term that
 * starts with `-` or holds `|`. The query is folded first, so full-width `｜`, `－`, `＂` and the
 * ideographic space are syntax too; Chinese quotes “ ” are text. Refused, with a one-line reason:
 * a query that cannot be read, only exclusions, more than MAX_QUERY_TERMS terms or
 * MAX_QUERY_CHARS characters, or a group each term of which holds an excluded one (no post could match).
 */
export function parseQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_INPUT_CHARS) return refuse(`The query is over ${MAX_INPUT_CHARS} characters long; a query may have at most ${MAX_QUERY_CHARS}.`);
  const folded = foldText(raw);
  const control = /(?!\n)[\p{Cc}\p{Cs}]/u.exec(folded);
  if (control) return refuse(`The query holds a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}).`);
  const read = readGroups(folded);
  if ("reason" in read) return refuse(read.reason);

  const include: string[][] = [];
  const exclude: string[] = [];
  for (const group of read.groups) {
    const terms = [...new Set(group.terms.map(foldText))];
    if (group.excluded) exclude.push(...terms.filter((term) => !exclude.includes(term)));
    else if (!include.some((other) => sameTerms(other, terms))) include.push(terms);
  }
  const query: Query = { include, exclude };
  if (isEmptyQuery(query)) return { ok: true, query: EMPTY_QUERY, canonical: "" };
  if (include.length === 0) return refuse("A query needs a term to look for, not only terms to leave out (-term).");
  const count = include.reduce((sum, group) => sum + group.length, exclude.length);
  if (count > MAX_QUERY_TERMS) return refuse(`The query has ${count} terms; a query may have at most ${MAX_QUERY_TERMS}.`);
  const canonical = spell(query);
  const length = Array.from(canonical).length;
  if (length > MAX_QUERY_CHARS) return refuse(`The query is ${length} characters long; a query may have at most ${MAX_QUERY_CHARS}.`);
  for (const group of include) {
    const excluded = group.map((term) => exclude.find((out) => term.includes(out)));
    if (excluded.some((out) => out === undefined)) continue;
    if (group.length === 1) return refuse(`Nothing can match: every post with ${spellTerm(group[0]!)} has ${spellTerm(excluded[0]!)}, which is left out.`);
    return refuse(`Nothing can match: each of ${spellGroup(group)} holds a term that is left out.`);
  }
  return { ok: true, query, canonical };
}

/** The query as a feed's title shows it: its canonical spelling (`宁德时代|比亚迪 电池 -广告`). */
export function describeQuery(query: Query): string {
  return spell(query);
}

function refuse(reason: string): ParsedQuery {
  return { ok: false, reason };
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((term, i) => term === b[i]);
}

/** Groups as written, exclusions after: one spelling, with quotes only where a term needs them. */
function spell(query: Query): string {
  return [...query.include.map(spellGroup), ...query.exclude.map((term) => `-${spellTerm(term)}`)].join(" ");
}

function spellGroup(terms: readonly string[]): string {
  return terms.map(spellTerm).join("|");
}

function spellTerm(term: string): string {
  return /[ |]/.test(term) || term.startsWith("-") ? `"${term}"` : term;
}

interface Group {
  excluded: boolean;
  terms: string[];
}

/**
 * The groups of a folded query. Hand-written: the grammar is four rules (groups split by spaces,
 * alternatives by `|`, a leading `-`, quotes), smaller than any parser library's setup, and each
 * mistake gets its own reason.
 */
function readGroups(text: string): { groups: Group[] } | { reason: string } {
  const groups: Group[] = [];
  const isSpace = (i: number) => text[i] === " " || text[i] === "\n";
  let i = 0;
  const skipSpaces = () => {
    while (i < text.length && isSpace(i)) i++;
  };
  const readTerm = (): string | { reason: string } => {
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) return { reason: 'A quote (") is not closed.' };
      const term = text.slice(i + 1, close).replace(/\s+/g, " ").trim();
      i = close + 1;
      if (term === "") return { reason: 'Quotes with nothing inside ("") look for nothing: take them out.' };
      if (i < text.length && !isSpace(i) && text[i] !== "|") return { reason: `A closing quote ends a term: put a space after "${term}".` };
      return term;
    }
    const start = i;
    while (i < text.length && !isSpace(i) && text[i] !== "|" && text[i] !== '"') i++;
    if (text[i] === '"') return { reason: `A quote (") can only start a term: put a space between ${text.slice(start, i)} and the quote.` };
    return text.slice(start, i);
  };

  for (skipSpaces(); i < text.length; skipSpaces()) {
    const group: Group = { excluded: text[i] === "-", terms: [] };
    if (group.excluded) {
      i++;
      if (i === text.length || isSpace(i) || text[i] === "|") return { reason: "A '-' leaves out the term right after it, as in -广告: it has none." };
    }
    if (text[i] === "|") return { reason: "A '|' stands between two terms, as in 宁德时代|比亚迪: one is missing." };
    for (;;) {
      const term = readTerm();
      if (typeof term !== "string") return term;
      group.terms.push(term);
      const end = i;
      skipSpaces();
      if (text[i] !== "|") {
        i = end;
        break;
      }
      i++;
      skipSpaces();
      if (i === text.length || text[i] === "|") return { reason: "A '|' stands between two terms, as in 宁德时代|比亚迪: one is missing." };
      if (text[i] === "-") return { reason: `A '-' after '|' is unclear: leave terms out on their own (-a -b), or quote a term that starts with '-' ("-a").` };
    }
    groups.push(group);
  }
  return { groups };
}
