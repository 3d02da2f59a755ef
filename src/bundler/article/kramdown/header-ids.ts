import type { MarkdownIt, StateCore, Token } from "markdown-it";

/** kramdown's `# Heading {#id}` (HEADER_ID: an XML name in braces at the end of the heading). */
const NAME_START = String.raw`:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}`;
const NAME = String.raw`${NAME_START}\-.0-9\u00B7\u0300-\u036F\u203F\u2040`;
const HEADER_ID = new RegExp(String.raw`[\t ]\{#([${NAME_START}][${NAME}]*)\}$`, "u");

/** kramdown-parser-gfm's generate_gfm_header_id: lower case, keep word characters, `-` and blanks, blanks become `-`. */
const NOT_GFM_ID = /[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}\- \t]/gu;

function gfmId(text: string, used: Map<string, number>): string {
  const id = text.toLowerCase().replace(NOT_GFM_ID, "").replace(/[ \t]/g, "-");
  const count = (used.get(id) ?? -1) + 1;
  used.set(id, count);
  return count > 0 ? `${id}-${count}` : id;
}

/** kramdown's basic_generate_id and generate_id, for `input: kramdown`: ASCII only, `section` when nothing is left. */
export function kramdownId(text: string, used: Map<string, number>): string {
  let id = text.replace(/^[^a-zA-Z]+/gm, "").replace(/[^a-zA-Z0-9 -]/g, "").replace(/ /g, "-").toLowerCase();
  if (id === "") id = "section";
  const count = used.get(id);
  if (count === undefined) {
    used.set(id, 0);
    return id;
  }
  used.set(id, count + 1);
  return `${id}-${count + 1}`;
}

/** A heading's text as kramdown-parser-gfm collects it: text, code and entities, not images or footnote markers. */
function textOf(children: readonly Token[]): string {
  let text = "";
  let inImage = 0;
  for (const token of children) {
    if (token.type === "image") inImage++;
    if (inImage) {
      if (token.type === "image") inImage--;
      continue;
    }
    if (token.type === "text" || token.type === "code_inline" || token.type === "text_special") text += token.content;
    else if (token.type === "softbreak") text += "\n";
  }
  return text;
}

/** Moves a trailing `{#id}` out of each heading's text into its id, as kramdown does. */
function explicitIds(state: StateCore): void {
  const { tokens } = state;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.type !== "heading_open") continue;
    const inline = tokens[i + 1]!;
    const last = inline.children?.at(-1);
    const match = HEADER_ID.exec(inline.content);
    if (!match || last?.type !== "text" || !last.content.endsWith(match[0].slice(1))) continue;
    last.content = last.content.slice(0, last.content.length - match[0].length + 1).trimEnd();
    inline.content = inline.content.slice(0, match.index).trimEnd();
    tokens[i]!.attrSet("id", match[1]!);
  }
}

export interface HeaderIdOptions {
  /** `auto_ids`. */
  auto: boolean;
  /** `auto_id_prefix`. */
  prefix: string;
  /** Which of kramdown's two id makers: GFM input's or kramdown input's. */
  input: "GFM" | "kramdown";
}

/** Heading ids as kramdown writes them: `{#id}` where given, else made from the heading's text. */
export function headerIdsPlugin(md: MarkdownIt, options: HeaderIdOptions): void {
  md.core.ruler.after("inline", "kramdown_header_id", explicitIds);
  if (!options.auto) return;
  md.core.ruler.before("text_join", "kramdown_auto_ids", (state: StateCore) => {
    const used = new Map<string, number>();
    const { tokens } = state;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const heading = tokens[i]!;
      if (heading.type !== "heading_open" || heading.attrGet("id") !== null) continue;
      const inline = tokens[i + 1]!;
      // GFM input makes the id from the heading as rendered, kramdown input from its source text.
      const id = options.input === "GFM" ? gfmId(textOf(inline.children ?? []), used) : kramdownId(inline.content, used);
      // An empty id is left out (kramdown's converter writes no empty attribute).
      if (options.prefix + id !== "") heading.attrSet("id", options.prefix + id);
    }
  });
}
