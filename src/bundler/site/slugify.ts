import { own } from "../../own.js";

/** What each of Jekyll's `slugify` modes replaces with a hyphen (Ruby's `\s` is ASCII white space only). */
const REPLACED: Record<string, RegExp> = {
  raw: /[ \t\n\v\f\r]+/g,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
  latin: /[^\p{M}\p{L}\p{Nd}]+/gu,
};

/** Latin-1 and Latin Extended-A letters that do not come apart into a letter and accents. */
const LATIN_LETTERS: Record<string, string> = {
  Æ: "AE", Ð: "D", "×": "x", Ø: "O", Þ: "Th", ß: "ss", æ: "ae", ð: "d", ø: "o", þ: "th", Đ: "D", đ: "d", Ħ: "H", ħ: "h",
  ı: "i", Ĳ: "IJ", ĳ: "ij", ĸ: "k", Ŀ: "L", ŀ: "l", Ł: "L", ł: "l", ŉ: "'n", Ŋ: "NG", ŋ: "ng", Œ: "OE", œ: "oe", Ŧ: "T", ŧ: "t",
};

/**
 * Ruby I18n's `transliterate`, which the `latin` mode runs first: letters of Latin-1 and Latin
 * Extended-A (U+00C0–U+017F) lose their accents, everything else that is not ASCII becomes `?`
 * (checked against I18n 1.x character by character).
 */
function transliterate(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out += char;
    else if (code < 0xc0 || code > 0x17f || char === "÷" || char === "ſ") out += "?";
    else out += LATIN_LETTERS[char] ?? char.normalize("NFD").replace(/\p{M}/gu, "");
  }
  return out;
}

/**
 * Jekyll's `Utils.slugify` (the `slugify` filter, and `:title`, `:name`, `:slugified_categories`
 * in permalinks): runs of what the mode does not keep become one hyphen, one hyphen is trimmed from
 * each end, and the result is lower-cased unless `cased`. A mode Jekyll does not know (`none`
 * among them) only lower-cases.
 */
export function slugify(text: string, mode = "default", cased = false): string {
  const replaced = own(REPLACED, mode);
  const slug = !replaced ? text : (mode === "latin" ? transliterate(text) : text).replace(replaced, "-").replace(/^-|-$/g, "");
  return cased ? slug : slug.toLowerCase();
}
