import type { MarkdownIt, StateBlock } from "markdown-it";
import { parseAttributeList } from "./attribute-lists.js";

// kramdown's EXT_BLOCK_START and EXT_BLOCK_STOP_STR (parser/kramdown/extensions.rb), one line each.
const START = /^\{::(\w+)(?:\s((?:\\\}|[^}])*?)|)(\/)?\}\s*$/;
const stopOf = (name: string) => new RegExp(String.raw`^\{:/(${name})?\}\s*$`);
/** An attribute list definition, `{:name: .class}`: kramdown keeps it for later `{: name}` references, writing nothing. */
const DEFINITION = /^\{:(\w[\w-]*):((?:\\\}|[^}])+)\}\s*$/;

/**
 * kramdown's block extensions `{::comment}…{:/comment}` (an HTML comment), `{::nomarkdown}…{:/}`
 * (the text as it is) and `{::options … /}` (nothing, here), plus attribute list definitions
 * (`{:name: .class}`, kept for `{: name}` references).
 * No markdown-it plugin reads kramdown's `{::name}` syntax, hence this small block rule.
 */
function blockExtension(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const lineOf = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
  const first = lineOf(startLine);
  if (!first.startsWith("{:")) return false;
  const definition = DEFINITION.exec(first);
  if (definition) {
    if (silent) return true;
    const env = state.env as { kramdownAlds?: Map<string, Array<[string, string]>> };
    (env.kramdownAlds ??= new Map()).set(definition[1]!, parseAttributeList(definition[2]!));
    state.line = startLine + 1;
    return true;
  }
  const start = START.exec(first);
  if (!start || !["comment", "nomarkdown", "options"].includes(start[1]!)) return false;
  let next = startLine + 1;
  if (!start[3]) {
    // Lines searched in vain for a stop tag need no second search (thousands of unclosed tags stay linear).
    const env = state.env as { kramdownNoStopFrom?: Map<string, number> };
    const noStopFrom = (env.kramdownNoStopFrom ??= new Map());
    const key = `${start[1]} ${endLine}`;
    const stop = stopOf(start[1]!);
    while (next < endLine && next < (noStopFrom.get(key) ?? Infinity) && !stop.test(lineOf(next))) next++;
    if (next >= endLine || next === noStopFrom.get(key)) {
      noStopFrom.set(key, startLine + 1);
      return false;
    }
  }
  if (silent) return true;
  const body = start[3] ? "" : state.getLines(startLine + 1, next, state.blkIndent, true).replace(/\n$/, "");
  if (start[1] === "comment") state.push("html_block", "", 0).content = `<!-- ${body} -->\n`;
  else if (start[1] === "nomarkdown") state.push("html_block", "", 0).content = `${body}\n`;
  state.line = start[3] ? startLine + 1 : next + 1;
  return true;
}

export function blockExtensionsPlugin(md: MarkdownIt): void {
  // Such a line ends a paragraph (kramdown: only a definition does); otherwise each of a thousand
  // such lines would first be read as the start of a paragraph running to the end of the post.
  md.block.ruler.before("paragraph", "kramdown_block_extension", blockExtension, { alt: ["paragraph", "blockquote", "list"] });
}
