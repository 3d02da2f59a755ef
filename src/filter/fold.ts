/**
 * One spelling for text that reads alike, applied the same way to the posts' text and to a
 * query's terms, so that a filter is a plain substring test: Unicode's NFKC_Casefold, the folding
 * Unicode made for matching text (NFKC, full case folding, default-ignorable characters removed),
 * with whitespace made plain.
 *
 * - NFKC: full-width letters and digits become ASCII (`ＥＴＦ` is `ETF`), the ideographic space a
 *   space, ligatures and compatibility ideographs their plain forms, `ſ` `s`, the Kelvin sign `K`.
 * - Full case folding, where toLowerCase alone is not enough: `ß`/`ẞ` fold to `ss` (so `STRASSE`
 *   finds `Straße`); Greek final `ς` to `σ` (toLowerCase chooses ς or σ by the letters around a
 *   Σ, so a term and the text it was cut from could fold apart); U+0345 (ypogegrammeni) and the
 *   Greek letters with it to their ι spellings; the old Cyrillic letter variants (ᲀ…ᲈ) to their
 *   letters. Cherokee folds to lowercase, where Unicode folds it to uppercase: the same letters
 *   still match.
 * - Turkish dotted `İ` folds to `i`, not to Unicode's `i` + combining dot (U+0307): a reader who
 *   types ISTANBUL or istanbul finds İstanbul. Dotless `ı` stays its own letter, as Unicode has it.
 * - Typographic apostrophes and single quotes (`’`, `‘`, `ʼ`) become `'`: Markdown's smart quotes
 *   write `don’t` where a reader types `don't`.
 * - Default-ignorable characters (zero-width space and joiners, soft hyphen, BOM, variation
 *   selectors) go: web text carries them unseen inside words (`宁德\u200B时代`).
 * - Whitespace runs become one space, or one line break when they hold one: the line break is
 *   where a block of the article ends (plainTextOf), and no term holds one, so no match spans two
 *   paragraphs; Chinese words are not split by spaces, and a space would not stop a quoted phrase.
 */
export function foldText(text: string): string {
  let folded = text.normalize("NFKC").toLowerCase();
  folded = folded.replace(NOT_LOWERCASE_FOLDED, foldChar).replace(IGNORABLE, "").replace(APOSTROPHE, "'");
  // Lowercasing and taking out what stood between two letters can leave pieces NFKC composes
  // (J + U+030C → ǰ, ᄀ U+200B ᅡ → 가). Again, always: cheaper than looking for marks (\p{M}) first.
  folded = folded.normalize("NFKC");
  // Most whitespace is one space or one line break already: then no call for each.
  if (NOT_PLAIN_SPACE.test(folded)) folded = folded.replace(SPACE_RUN, (run) => (LINE_BREAK.test(run) ? "\n" : " "));
  return folded.trim();
}

/**
 * The text a query is matched against for one post: its title and its article's text
 * (plainTextOf), folded, each a block of its own.
 */
export function foldPostText(title: string, articleText: string): string {
  return foldText(`${title}\n${articleText}`);
}

/** What full case folding maps differently from toLowerCase (after NFKC), and i + U+0307: İ lowercased. */
const NOT_LOWERCASE_FOLDED = /[ßς\u0345\u1C80-\u1C88\u1F80-\u1FAF\u1FB2-\u1FB4\u1FB7\u1FC2-\u1FC4\u1FC7\u1FF2-\u1FF4\u1FF7]|i\u0307/g;

function foldChar(char: string): string {
  if (char === "i\u0307") return "i";
  // Uppercasing spells out what one lowercase letter stands for (ß → SS, ᾳ → ΑΙ, ᲀ → В); a Σ
  // alone lowercases to σ.
  return char.toUpperCase().toLowerCase().normalize("NFKC");
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Typographic apostrophes and single quotes, as the `'` a reader types: kramdown and jekyll-feed's titles write `don’t`. */
const APOSTROPHE = /[\u2018\u2019\u201B\u02BC\u2032]/g;
/** Whitespace that is not already one space or one line break standing alone. */
const NOT_PLAIN_SPACE = /\s\s|[^\S \n]/;
const SPACE_RUN = /\s+/g;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
