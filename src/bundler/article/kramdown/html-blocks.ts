import type { MarkdownIt, StateBlock } from "markdown-it";

// kramdown's lists of elements (parser/html.rb): a line that starts with any other tag starts block HTML.
const SPAN_ELEMENTS = new Set("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split(" "));
const WITHOUT_BODY = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));
const KNOWN = new Set([
  ...SPAN_ELEMENTS,
  ...WITHOUT_BODY,
  ..."address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul details figure noscript object script style math textarea".split(" "),
]);
/** `markdown="1"`: the element's content is Markdown for these (kramdown's block content model). */
const BLOCK_CONTENT = new Set("address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td".split(" "));

// REXML's UNAME_STR and kramdown's HTML_TAG_RE, HTML_TAG_CLOSE_RE, comments and instructions, sticky.
const NAME = String.raw`(?:[\p{L}_][-\p{L}\p{N}._]*:)?[\p{L}_][-\p{L}\p{N}._]*`;
const START_TAG = new RegExp(String.raw`<(${NAME})\s*((?:\s+${NAME}(?:\s*=\s*(?:[\p{L}\p{N}_]+|("|')[^]*?\3))?)*)\s*(\/)?>`, "uy");
const END_TAG = new RegExp(String.raw`<\/(${NAME})\s*>`, "uy");
const COMMENT = /<!--[^]*?-->/y;
const INSTRUCTION = /<\?[^]*?\?>/y;
const RAW_START = new RegExp(String.raw`<(?:${NAME}|\/|!--|\?)`, "gu");
const MARKDOWN_ATTRIBUTE = /\s+markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([\p{L}\p{N}_]+))/u;

/** kramdown compares known element names case-insensitively, others as written. */
const nameOf = (name: string) => (KNOWN.has(name.toLowerCase()) ? name.toLowerCase() : name);

function at(re: RegExp, text: string, index: number): RegExpExecArray | null {
  re.lastIndex = index;
  return re.exec(text);
}

/**
 * Where the element whose start tag ends at `from` ends, as kramdown's `parse_raw_html` reads it:
 * after its end tag, nested elements of its own kind and any other closed in between; a closing
 * tag that fits no open element is text (its offset goes to `stray`). Without an end tag it runs
 * to the end of the text.
 */
function rawElementEnd(text: string, from: number, name: string, stray: number[]): number {
  const open = [name];
  let index = from;
  while (open.length) {
    RAW_START.lastIndex = index;
    const next = RAW_START.exec(text);
    if (!next) return text.length;
    index = next.index;
    const skipped = at(COMMENT, text, index) ?? at(INSTRUCTION, text, index);
    if (skipped) {
      index += skipped[0].length;
      continue;
    }
    const start = at(START_TAG, text, index);
    if (start) {
      index += start[0].length;
      const inner = nameOf(start[1]!);
      if (inner === "script" || inner === "style") {
        const close = new RegExp(String.raw`<\/${inner}\s*>`, "gi");
        close.lastIndex = index;
        const found = close.exec(text);
        if (!found) return text.length;
        index = found.index + found[0].length;
      } else if (!start[4] && !WITHOUT_BODY.has(inner)) open.push(inner);
      continue;
    }
    const end = at(END_TAG, text, index);
    if (end) {
      if (nameOf(end[1]!) === open.at(-1)) open.pop();
      else stray.push(index);
      index += end[0].length;
      continue;
    }
    index++;
  }
  return index;
}

/** The line of `state` that holds offset `offset` of the text made of lines `first`… (joined by "\n"). */
function lineAt(lines: readonly string[], first: number, offset: number): number {
  let line = first;
  let seen = 0;
  for (const text of lines) {
    seen += text.length + 1;
    if (offset < seen) return line;
    line++;
  }
  return line - 1;
}

/**
 * kramdown's block HTML (`parse_block_html`, with `parse_block_html: false` as Jekyll sets it): a
 * line that starts with a tag of any element but a span-level one starts an HTML block that runs
 * to the element's end tag, across blank lines, nested elements and all, as raw HTML; markdown-it
 * (CommonMark) would end it at the first blank line and read what follows as Markdown, so that
 * indented HTML after a blank line becomes a code block. `markdown="1"` makes a block element's
 * content Markdown. Comments, `<?…?>` and span-level tags are left to markdown-it's own rule.
 */
function kramdownHtmlBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (state.src.charCodeAt(first) !== 0x3c /* < */) return false;
  const lineText = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
  // the container's lines from here (a blockquote's or a list's without their markers), read
  // further only while the element is not closed: a long post has many HTML blocks
  const lines: string[] = [];
  let text = "";
  const readTo = (count: number) => {
    for (let line = startLine + lines.length; line < Math.min(endLine, startLine + count); line++) lines.push(line === startLine ? lineText(line) : state.src.slice(state.bMarks[line]!, state.eMarks[line]!));
    text = lines.join("\n");
    return startLine + lines.length >= endLine;
  };
  let whole = readTo(8);
  const start = at(START_TAG, text, 0);
  if (!start) return false;
  const name = nameOf(start[1]!);
  if (SPAN_ELEMENTS.has(name)) return false;
  if (silent) return true;

  const closed = Boolean(start[4]) || WITHOUT_BODY.has(name);
  let stray: number[] = [];
  const endOf = (): number => {
    stray = [];
    if (closed) return start[0].length;
    if (name === "script" || name === "style") {
      const close = new RegExp(String.raw`<\/${name}\s*>`, "gi");
      close.lastIndex = start[0].length;
      const found = close.exec(text);
      return found ? found.index + found[0].length : text.length;
    }
    return rawElementEnd(text, start[0].length, name, stray);
  };
  let end = endOf();
  while (end >= text.length && !whole) {
    whole = readTo(lines.length * 4);
    end = endOf();
  }
  const lastLine = lineAt(lines, startLine, Math.max(0, end - 1));

  const markdown = MARKDOWN_ATTRIBUTE.exec(start[2] ?? "");
  const value = markdown ? (markdown[1] ?? markdown[2] ?? markdown[3]) : undefined;
  const contentIsMarkdown = (value === "1" || value === "block") && (value === "block" || BLOCK_CONTENT.has(name));
  const closeLine = lineText(lastLine);
  if (contentIsMarkdown && !closed && lastLine > startLine && start[0].length === lines[0]!.trimEnd().length && /^<\//.test(closeLine.trimStart())) {
    // the start tag alone on its line, the end tag first on its own: the lines between are Markdown
    state.push("html_block", "", 0).content = `${start[0].replace(MARKDOWN_ATTRIBUTE, "")}\n`;
    const { parentType, lineMax } = state;
    state.lineMax = lastLine;
    state.md.block.tokenize(state, startLine + 1, lastLine);
    state.lineMax = lineMax;
    state.parentType = parentType;
    state.push("html_block", "", 0).content = `${closeLine}\n`;
  } else {
    // the lines as written, a closing tag that closes nothing shown as text, as kramdown shows it
    let raw = text.slice(0, lines.slice(0, lastLine - startLine + 1).join("\n").length);
    const indent = " ".repeat(Math.max(0, state.sCount[startLine]! - state.blkIndent));
    for (const offset of stray.reverse()) raw = `${raw.slice(0, offset)}&lt;${raw.slice(offset + 1)}`;
    state.push("html_block", "", 0).content = `${indent}${markdown ? raw.replace(MARKDOWN_ATTRIBUTE, "") : raw}\n`;
  }
  const token = state.tokens.at(-1)!;
  token.map = [startLine, lastLine + 1];
  state.line = lastLine + 1;
  return true;
}

export function kramdownHtmlBlocksPlugin(md: MarkdownIt): void {
  md.block.ruler.before("html_block", "kramdown_html_block", kramdownHtmlBlock, { alt: ["paragraph", "reference", "blockquote"] });
}
