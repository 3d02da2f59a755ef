import { Drop } from "liquidjs";
import { RubyTime } from "./ruby-time.js";

/**
 * Values as Jekyll's Ruby shows them (`to_s`, `inspect`) and compares them (`where`, `sort`,
 * `group_by`), for the filters that expose Ruby's own behaviour. JSON numbers cannot tell
 * `2.0` from `2`: a whole number is read as Ruby's Integer.
 */

export type Hash = Record<string, unknown>;

export function isHash(value: unknown): value is Hash {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Drop);
}

/** Ruby's `Float#to_s`: `1.5`, `1.0e+16`, `1.0e-05`. */
function floatText(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e15 || magnitude < 1e-4)) {
    const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
    const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
    return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${exponent.startsWith("-") ? "-" : "+"}${digits}`;
  }
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** A number as Ruby writes it: a whole number JavaScript holds exactly is Ruby's Integer, anything else its Float. */
export function numberText(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : floatText(value);
}

const STRING_ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v", "\b": "\\b", "\x07": "\\a", "\x1b": "\\e", '"': '\\"', "\\": "\\\\" };

/** Ruby's `String#inspect`. */
function stringInspect(text: string): string {
  const body = text.replace(/["\\\n\t\r\f\v\b\x07\x1b]|#(?=[{$@])|[\x00-\x1f\x7f\u2028\u2029]/g, (char) => {
    if (char === "#") return "\\#";
    return STRING_ESCAPES[char] ?? `\\u${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  });
  return `"${body}"`;
}

/** Ruby's `inspect` of Liquid data (Ruby 3.1's form of a Hash, `{"a"=>1}`). */
export function rubyInspect(value: unknown): string {
  if (value === undefined || value === null) return "nil";
  if (typeof value === "string") return stringInspect(value);
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return String(value);
  if (value instanceof RubyTime) return value.inspect();
  if (Array.isArray(value)) return `[${value.map(rubyInspect).join(", ")}]`;
  if (isHash(value)) return `{${Object.entries(value).map(([key, item]) => `${stringInspect(key)}=>${rubyInspect(item)}`).join(", ")}}`;
  return stringInspect(String(value));
}

/** Ruby's `to_s`: what string interpolation and comparisons by text use. */
export function rubyText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (Array.isArray(value) || isHash(value)) return rubyInspect(value);
  return String(value);
}

/** What Liquid writes for a value in `{{ }}`: arrays joined without a separator, nil as nothing. */
export function liquidText(value: unknown): string {
  if (Array.isArray(value)) return value.map(liquidText).join("");
  if (value instanceof Drop) return liquidText(value.valueOf());
  return rubyText(value);
}

const INTEGER_LIKE = /^\s*-?\d+\s*$/;
const FLOAT_LIKE = /^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/;

/** Jekyll's `parse_sort_input`: a property that reads as a number is that number, for `sort`, `where` and `group_by`. */
export function sortInput(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  const text = rubyText(value);
  if (INTEGER_LIKE.test(text) || FLOAT_LIKE.test(text)) return Number(text.trim());
  return value;
}

/**
 * Jekyll's `item_property`: a property of an item, dotted paths followed through hashes, own
 * properties only, read as a number when it looks like one.
 */
export function itemProperty(item: unknown, property: string): unknown {
  let value: unknown = item;
  for (const key of property.split(".")) {
    if (Array.isArray(value) && /^\d+$/.test(key)) value = value[Number(key)];
    else if (isHash(value) && Object.hasOwn(value, key)) value = value[key];
    else return undefined;
  }
  return sortInput(value);
}

/** Jekyll's `compare_property_vs_target`, what `where` and `find` match with: by text, any item of a list. */
export function propertyMatches(property: unknown, target: unknown): boolean {
  if (target === undefined || target === null) return property === undefined || property === null;
  if (target instanceof Drop) {
    // `empty` and `blank`: the empty text, or a list of nothing
    return property === "" || (Array.isArray(property) ? property : [property]).map(rubyText).join("") === "";
  }
  const text = rubyText(target);
  if (typeof property === "string") return property === text;
  const items = property === undefined || property === null ? [] : Array.isArray(property) ? property : [property];
  return items.some((item) => rubyText(item) === text);
}

/** Ruby's `<=>` for the values Liquid holds; undefined where Ruby cannot compare them. */
export function rubyCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = rubyCompare(a[i], b[i]);
      if (order !== 0) return order;
    }
    return Math.sign(a.length - b.length);
  }
  return undefined;
}

/** Ruby's `to_i`: leading digits of a text (`"42abc"` is 42), a number cut to a whole one, true 1, anything else 0. */
export function rubyInteger(value: unknown): number {
  if (value === true) return 1;
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value !== "string") return 0;
  const digits = /^\s*([+-]?\d+(?:_\d+)*)/.exec(value);
  return digits ? Number(digits[1]!.replace(/_/g, "")) : 0;
}

/** Ruby's `to_json` of Liquid data: numbers and times as Ruby writes them. */
export function rubyJson(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? numberText(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (value instanceof Drop) return rubyJson(value.valueOf());
  if (value instanceof Date) return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(rubyJson).join(",")}]`;
  if (isHash(value)) return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${rubyJson(item)}`).join(",")}}`;
  return JSON.stringify(String(value));
}
