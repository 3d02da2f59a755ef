import { TypeGuards, Value, filters as liquidjsFilters, isTruthy, toValue, toValueSync, type Context, type Liquid, type Token } from "liquidjs";
import { RubyTime, strftime, toRubyTime } from "./ruby-time.js";
import { isHash, itemProperty, liquidText, propertyMatches, rubyCompare, rubyInspect, rubyInteger, rubyJson, rubyText, type Hash } from "./ruby-values.js";
import { groupBy } from "../../group-by.js";
import { slugify } from "../../site/slugify.js";
import { smartify } from "./smartify.js";
import { siteSetting, stateOf, warn, type RenderState } from "./state.js";
import { absoluteUrl, relativeUrl, uriEscape } from "../../site/absolute-url.js";

/** What liquidjs gives a filter as `this`. */
interface FilterThis {
  context: Context;
  token: Token & { args: unknown[] };
  liquid: Liquid;
}
type Filter = (this: FilterThis, input: unknown, ...args: unknown[]) => unknown;

function text(value: unknown): string {
  return rubyText(toValue(value));
}

/** Charges a filter's output to the render's memory limit, as liquidjs's own filters do. */
function charged<T extends string | unknown[]>(self: FilterThis, value: T): T {
  self.context.memoryLimit.use(value.length);
  return value;
}

function urlSetting(state: RenderState, key: "url" | "baseurl"): string {
  const value = siteSetting(state, key);
  return value === undefined || value === null ? "" : rubyText(value);
}

/** The present, for `now` and `today`: the build's `site.time` when there is one, so one build shows one time. */
function now(state: RenderState): number {
  const time = siteSetting(state, "time");
  return time instanceof Date ? time.getTime() : Date.now();
}

function timeOf(self: FilterThis, input: unknown, what: string): RubyTime | undefined {
  const state = stateOf(self.context);
  const time = toRubyTime(toValue(input), state.request.timezone, () => now(state));
  if (!time) warn(state, `${what}: ${JSON.stringify(liquidText(input))} is not a date: left as it is`, self.token);
  return time;
}

/** Jekyll's `time(input)`: the date in the site's zone. */
function localTime(self: FilterThis, input: unknown, what: string): RubyTime | undefined {
  const time = timeOf(self, input, what);
  return time?.localIn(stateOf(self.context).request.timezone);
}

const ordinal = (day: number) => (day >= 11 && day <= 13 ? "th" : ["th", "st", "nd", "rd"][day % 10] ?? "th");

function dateText(self: FilterThis, input: unknown, month: "%b" | "%B", type: unknown, style: unknown, what: string): unknown {
  if (text(input) === "") return input;
  const time = localTime(self, input, what);
  if (!time) return input;
  if (toValue(type) !== "ordinal") return strftime(time, `%d ${month} %Y`);
  const day = time.wall().getUTCDate();
  return strftime(time, toValue(style) === "US" ? `${month} ${day}${ordinal(day)}, %Y` : `${day}${ordinal(day)} ${month} %Y`);
}

/** A list to filter: a hash's values (as Jekyll's `where` takes them), a list as it is, anything else not at all. */
function listOf(input: unknown): unknown[] | undefined {
  const value = toValue(input);
  if (Array.isArray(value)) return value;
  if (isHash(value)) return Object.values(value);
  return undefined;
}

const expressions = new Map<string, Value>();

/** A Liquid expression of `where_exp` and its kin, parsed once per text. */
function expression(self: FilterThis, source: string): Value {
  let value = expressions.get(source);
  if (!value) {
    if (expressions.size > 1_000) expressions.clear();
    expressions.set(source, (value = new Value(source, self.liquid)));
  }
  return value;
}

/** The items for which `variable` set to the item makes `source` true (Liquid truth: only false and nil are false). */
function* matching(self: FilterThis, list: unknown[], variable: unknown, source: unknown): Generator<unknown> {
  const condition = expression(self, text(source));
  const name = text(variable);
  for (const item of list) {
    self.context.push(Object.assign(Object.create(null), { [name]: item }));
    try {
      if (isTruthy(toValueSync(condition.value(self.context)), self.context)) yield item;
    } finally {
      self.context.pop();
    }
  }
}

/** Groups as Jekyll's `group_by` makes them: `name`, `items`, `size`, in order of first appearance. */
function groups(items: unknown[], nameOf: (item: unknown) => string): Hash[] {
  return Array.from(groupBy(items, nameOf), ([name, members]) => ({ name, items: members, size: members.length }));
}

function groupable(input: unknown): unknown[] | undefined {
  const value = toValue(input);
  if (Array.isArray(value)) return value;
  return isHash(value) ? Object.entries(value) : undefined;
}

/** Ruby's `<=>`, falling back to comparing the texts where Ruby cannot compare the values. */
function compareValues(a: unknown, b: unknown): number {
  return rubyCompare(a, b) ?? (rubyText(a) < rubyText(b) ? -1 : rubyText(a) > rubyText(b) ? 1 : 0);
}

const CJK = "\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}\\p{Script=Hangul}";
const CJK_CHAR = new RegExp(`[${CJK}]`, "gu");
const NON_CJK_WORD = new RegExp(`[^${CJK} \\t\\n\\v\\f\\r]+`, "gu");
const RUBY_SPACE = /[ \t\n\v\f\r]+/;

/** A small, seeded generator: `sample` picks the same items for the same post every build. */
function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.codePointAt(0)!, 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
// Jekyll's xml_escape (Nokogiri's): `'` as `&apos;`, where Liquid's escape writes `&#39;`
const XML_ESCAPES: Record<string, string> = { ...HTML_ESCAPES, "'": "&apos;" };
const xmlEscape = (value: string) => value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
const cgiEscape = (value: string) => encodeURIComponent(value).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function number(value: unknown): number {
  const plain = toValue(value);
  if (typeof plain === "number") return plain;
  if (typeof plain === "string") return /^\s*-?\d+\.\d+\s*$/.test(plain) ? Number(plain) : rubyInteger(plain);
  return 0;
}

/** Digits after the point in a number's shortest form; undefined in exponent form. */
function decimals(value: number): number | undefined {
  const text = String(value);
  if (/e/i.test(text)) return undefined;
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * Liquid's arithmetic is decimal (Ruby's BigDecimal for floats): `0.1 | plus: 0.2` is 0.3. Done
 * here on whole numbers scaled by the operands' decimals, where they stay exact.
 */
function decimalArithmetic(a: number, b: number, operation: "+" | "-" | "*"): number {
  const plain = operation === "+" ? a + b : operation === "-" ? a - b : a * b;
  const [da, db] = [decimals(a), decimals(b)];
  if (da === undefined || db === undefined || da + db === 0) return plain;
  const [sa, sb] = [Math.round(a * 10 ** da), Math.round(b * 10 ** db)];
  if (operation === "*") {
    const product = sa * sb;
    return Number.isSafeInteger(product) ? product / 10 ** (da + db) : plain;
  }
  const scale = Math.max(da, db);
  const [ia, ib] = [sa * 10 ** (scale - da), sb * 10 ** (scale - db)];
  const sum = operation === "+" ? ia + ib : ia - ib;
  return Number.isSafeInteger(ia) && Number.isSafeInteger(ib) && Number.isSafeInteger(sum) ? sum / 10 ** scale : plain;
}

/** Whether a filter's first argument is written as a float literal (`180.0`): Ruby divides Integers whole. */
function floatArgument(self: FilterThis): boolean {
  const argument = self.token.args[0];
  return TypeGuards.isNumberToken(argument) && argument.getText().includes(".");
}

/**
 * Jekyll's filters (Jekyll::Filters 4.3), as Jekyll computes them where liquidjs differs (Ruby's
 * text of values, ASCII-only `\s`, `&apos;`, Addressable's URL normalization, `pop: 2`, nils in
 * `sort`, `size` in groups…), and Liquid's `date` in the site's zone.
 */
/** Liquid's `escape` and its other name `h`: nil stays nil. */
const escape: Filter = function (input) {
  const value = toValue(input);
  return value === undefined || value === null ? value : charged(this, escapeHtml(rubyText(value)));
};

export const jekyllFilters: Record<string, Filter> = {
  // Liquid's own, where liquidjs writes otherwise than Ruby's Liquid 5
  divided_by(input, divisor) {
    const [a, b] = [number(input), number(divisor)];
    if (b === 0) throw new Error("divided_by: division by 0");
    return Number.isInteger(a) && Number.isInteger(b) && !floatArgument(this) ? Math.floor(a / b) : a / b;
  },
  plus(input, operand) {
    return decimalArithmetic(number(input), number(operand), "+");
  },
  minus(input, operand) {
    return decimalArithmetic(number(input), number(operand), "-");
  },
  times(input, operand) {
    return decimalArithmetic(number(input), number(operand), "*");
  },
  escape,
  h: escape,
  escape_once(input) {
    return charged(this, text(input).replace(/["><']|&(?!(?:[a-zA-Z]+|#\d+);)/g, (c) => HTML_ESCAPES[c]!));
  },
  url_encode(input) {
    const value = toValue(input);
    return value === undefined || value === null ? value : charged(this, cgiEscape(rubyText(value)));
  },
  size(input) {
    const value = toValue(input);
    // Ruby counts characters, not UTF-16 units (an emoji is one)
    return typeof value === "string" ? Array.from(value).length : (liquidjsFilters.size as (value: unknown) => number)(value);
  },


  relative_url(input) {
    const value = toValue(input);
    if (value === undefined || value === null) return value;
    const url = isHash(value) && typeof value.url === "string" ? value.url : text(value);
    return relativeUrl(urlSetting(stateOf(this.context), "baseurl"), url);
  },
  absolute_url(input) {
    const value = toValue(input);
    if (value === undefined || value === null) return value;
    const state = stateOf(this.context);
    const url = isHash(value) && typeof value.url === "string" ? value.url : text(value);
    return absoluteUrl({ url: urlSetting(state, "url"), baseurl: urlSetting(state, "baseurl") }, url);
  },
  strip_index(input) {
    const value = text(input);
    return value === "" ? undefined : value.replace(/\/index\.html?$/, "/");
  },

  date(input, format) {
    const pattern = text(format);
    if (pattern === "" || text(input) === "") return input;
    const state = stateOf(this.context);
    const time = toRubyTime(toValue(input), state.request.timezone, () => now(state));
    return time ? charged(this, strftime(time, pattern)) : input;
  },
  date_to_xmlschema(input) {
    if (text(input) === "") return input;
    const time = localTime(this, input, "date_to_xmlschema");
    return time ? strftime(time, "%Y-%m-%dT%H:%M:%S%:z") : input;
  },
  date_to_rfc822(input) {
    if (text(input) === "") return input;
    const time = localTime(this, input, "date_to_rfc822");
    return time ? strftime(time, "%a, %d %b %Y %H:%M:%S %z") : input;
  },
  date_to_string(input, type, style) {
    return dateText(this, input, "%b", type, style, "date_to_string");
  },
  date_to_long_string(input, type, style) {
    return dateText(this, input, "%B", type, style, "date_to_long_string");
  },

  xml_escape(input) {
    return charged(this, xmlEscape(text(input)));
  },
  cgi_escape(input) {
    return charged(this, cgiEscape(text(input)));
  },
  uri_escape(input) {
    return charged(this, uriEscape(text(input)));
  },
  slugify(input, mode) {
    const value = toValue(input);
    if (value === undefined || value === null) return value;
    const modeText = toValue(mode);
    return charged(this, slugify(rubyText(value), modeText === undefined || modeText === null ? "default" : rubyText(modeText)));
  },
  markdownify(input) {
    return charged(this, stateOf(this.context).request.markdownify(text(input)));
  },
  smartify(input) {
    return charged(this, smartify(text(input)));
  },
  normalize_whitespace(input) {
    return charged(this, text(input).split(RUBY_SPACE).join(" ").replace(/^[ \t\n\v\f\r\0]+|[ \t\n\v\f\r\0]+$/g, ""));
  },
  number_of_words(input, mode) {
    const words = text(input);
    const cjk = () => (words.match(CJK_CHAR) ?? []).length;
    const others = () => (words.match(NON_CJK_WORD) ?? []).length;
    const split = () => words.split(RUBY_SPACE).filter((word) => word !== "").length;
    const modeText = toValue(mode);
    if (modeText === "cjk") return cjk() + others();
    if (modeText === "auto") return cjk() === 0 ? split() : cjk() + others();
    return split();
  },
  array_to_sentence_string(input, connector = "and") {
    const value = toValue(input);
    const items = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(rubyText);
    const joiner = text(connector);
    if (items.length <= 1) return items[0] ?? "";
    if (items.length === 2) return `${items[0]} ${joiner} ${items[1]}`;
    return charged(this, `${items.slice(0, -1).join(", ")}, ${joiner} ${items.at(-1)}`);
  },
  jsonify(input) {
    return charged(this, rubyJson(toValue(input)));
  },
  inspect(input) {
    return charged(this, xmlEscape(rubyInspect(toValue(input))));
  },
  to_integer(input) {
    const value = toValue(input);
    // past 2^53 Ruby's Integer keeps every digit; written as its text
    return typeof value === "number" && Number.isFinite(value) && !Number.isSafeInteger(Math.trunc(value)) ? BigInt(Math.trunc(value)).toString() : rubyInteger(value);
  },

  where(input, property, target) {
    const value = toValue(target);
    const list = listOf(input);
    if (!list || toValue(property) == null || toValue(property) === false || Array.isArray(value) || isHash(value)) return input;
    const key = text(property);
    return charged(this, list.filter((item) => propertyMatches(itemProperty(item, key), value)));
  },
  where_exp(input, variable, condition) {
    const list = listOf(input);
    return list ? charged(this, [...matching(this, list, variable, condition)]) : input;
  },
  find(input, property, target) {
    const value = toValue(target);
    const list = listOf(input);
    if (!list || toValue(property) == null || toValue(property) === false || Array.isArray(value) || isHash(value)) return input;
    const key = text(property);
    return list.find((item) => propertyMatches(itemProperty(item, key), value));
  },
  find_exp(input, variable, condition) {
    const list = listOf(input);
    if (!list) return input;
    for (const item of matching(this, list, variable, condition)) return item;
    return undefined;
  },
  group_by(input, property) {
    const list = groupable(input);
    if (!list) return input;
    const key = text(property);
    return charged(this, groups(list, (item) => rubyText(itemProperty(item, key))));
  },
  group_by_exp(input, variable, source) {
    const list = groupable(input);
    if (!list) return input;
    const value = expression(this, text(source));
    const name = text(variable);
    return charged(
      this,
      groups(list, (item) => {
        this.context.push(Object.assign(Object.create(null), { [name]: item }));
        try {
          return liquidText(toValueSync(value.value(this.context)));
        } finally {
          this.context.pop();
        }
      }),
    );
  },
  sort(input, property, nils = "first") {
    const value = toValue(input);
    if (value === undefined || value === null) return value;
    const list = Array.isArray(value) ? value : isHash(value) ? Object.entries(value) : [value];
    charged(this, list);
    if (toValue(property) === undefined || toValue(property) === null) return [...list].sort(compareValues);
    const order = text(nils) === "last" ? 1 : -1;
    const key = text(property);
    const keyed = list.map((item) => [itemProperty(item, key), item] as const);
    keyed.sort(([a], [b]) => {
      const aMissing = a === undefined || a === null;
      const bMissing = b === undefined || b === null;
      if (!aMissing && bMissing) return -order;
      if (aMissing && !bMissing) return order;
      return compareValues(a, b);
    });
    return keyed.map(([, item]) => item);
  },
  push(input, item) {
    const list = toValue(input);
    return Array.isArray(list) ? charged(this, [...list, toValue(item)]) : list;
  },
  pop(input, count = 1) {
    const list = toValue(input);
    if (!Array.isArray(list)) return list;
    const n = Math.max(0, rubyInteger(toValue(count)));
    return charged(this, list.slice(0, Math.max(0, list.length - n)));
  },
  shift(input, count = 1) {
    const list = toValue(input);
    if (!Array.isArray(list)) return list;
    return charged(this, list.slice(Math.max(0, rubyInteger(toValue(count)))));
  },
  unshift(input, item) {
    const list = toValue(input);
    return Array.isArray(list) ? charged(this, [toValue(item), ...list]) : list;
  },
  sample(input, count = 1) {
    const list = toValue(input);
    if (!Array.isArray(list)) return list;
    const state = stateOf(this.context);
    const random = seededRandom(`${state.request.file} ${state.samples++}`);
    const shuffled = charged(this, [...list]);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const n = rubyInteger(toValue(count));
    return n === 1 ? shuffled[0] : shuffled.slice(0, Math.max(0, n));
  },
};

/** liquidjs's filters that neither Jekyll nor Ruby's Liquid has: with Jekyll they pass their input through, so here too (with a warning). */
export const NOT_JEKYLL_FILTERS = ["json", "raw", "sum", "reject", "reject_exp", "has", "has_exp", "find_index", "find_index_exp", "squish", "sha256", "hmac_sha256"];
