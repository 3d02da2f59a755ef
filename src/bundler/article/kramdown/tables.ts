import type { MarkdownIt, StateBlock } from "markdown-it";

// kramdown's TABLE_LINE, TABLE_SEP_LINE, TABLE_FSEP_LINE and TABLE_HSEP_ALIGN (parser/kramdown/table.rb)
const TABLE_LINE = /^(?:\||.*?[^\\\n]\|)/;
const SEPARATOR = /^[+|: \t-]*?-[+|: \t-]*?[ \t]*$/;
const FOOTER_SEPARATOR = /^[+|: \t=]*?=[+|: \t=]*?[ \t]*$/;
const ALIGNMENT = /[ \t]?(:?)-+(:?)[ \t]?/g;

type Align = "left" | "right" | "center" | undefined;

/**
 * A row's cells, split as kramdown splits them: at each `|` not escaped and not inside a code
 * span; `\|` is a pipe. Undefined when no `|` is left outside code spans (then it is no row).
 */
function splitRow(line: string): string[] | undefined {
  const cells = [""];
  let pipes = 0;
  for (let i = 0; i < line.length; ) {
    const char = line[i]!;
    if (char === "\\" && line[i + 1] === "|") {
      cells[cells.length - 1] += "|";
      i += 2;
    } else if (char === "|") {
      pipes++;
      cells.push("");
      i++;
    } else if (char === "`") {
      let end = i;
      while (line[end] === "`") end++;
      const run = line.slice(i, end);
      const close = line.indexOf(run, end);
      const to = close < 0 ? end : close + run.length;
      cells[cells.length - 1] += line.slice(i, to);
      i = to;
    } else {
      cells[cells.length - 1] += char;
      i++;
    }
  }
  return pipes ? cells : undefined;
}

/**
 * kramdown's tables, which markdown-it's GFM tables read otherwise: any block that starts after a
 * blank line with lines each holding a `|` is a table, with or without a header; a `|---|` line
 * after the first rows ends the header, after that a body; a `|===|` line starts the footer; a
 * table needs a body and a blank line (or the end, or an attribute list) after it, and never
 * interrupts a paragraph.
 */
function kramdownTable(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (startLine > 0 && !state.isEmpty(startLine - 1) && state.sCount[startLine - 1]! >= state.blkIndent) return false;
  const lineText = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
  const first = lineText(startLine);
  if (!/^\S/.test(first) || !TABLE_LINE.test(first)) return false;
  const leadingPipe = first.startsWith("|");

  type Row = string[];
  const sections: { tag: "thead" | "tbody" | "tfoot"; rows: Row[] }[] = [];
  let rows: Row[] = [];
  let alignment: Align[] | undefined;
  let footer = false;
  const close = (tag: "thead" | "tbody" | "tfoot", force = false) => {
    if (!footer || tag !== "tbody" || force) {
      sections.push({ tag, rows });
      rows = [];
    }
  };
  let line = startLine;
  for (; line < endLine; line++) {
    if (state.sCount[line]! < state.blkIndent) break;
    const text = lineText(line);
    if (!TABLE_LINE.test(text)) break;
    if (SEPARATOR.test(text)) {
      if (!rows.length) continue;
      if (!alignment && !footer) {
        close("thead");
        alignment = [...text.matchAll(ALIGNMENT)].map(([, left, right]): Align => (left && right ? "center" : right ? "right" : left ? "left" : undefined));
      } else close("tbody");
    } else if (FOOTER_SEPARATOR.test(text)) {
      if (rows.length) close("tbody", true);
      footer = true;
    } else {
      const cells = splitRow(text.replace(/[ \t]+$/, ""));
      if (!cells) return false;
      if (leadingPipe && cells[0]!.trim() === "") cells.shift();
      if (cells.length && cells.at(-1)!.trim() === "") cells.pop();
      rows.push(cells.map((cell) => cell.trim()));
    }
  }
  // a blank line, an attribute list, kramdown's `^` end of block, or the end, after it (before_block_boundary?)
  if (line < endLine && !state.isEmpty(line) && state.sCount[line]! >= state.blkIndent && !/^(?:\{:(?![:/])[^}]+\}|\^)\s*$/.test(lineText(line))) return false;
  if (rows.length) close(footer ? "tfoot" : "tbody");
  if (!sections.some((section) => section.tag === "tbody")) return false;
  if (silent) return true;

  const columns = Math.max(...sections.flatMap((section) => section.rows.map((row) => row.length)));
  const align = Array.from({ length: columns }, (_, i) => alignment?.[i]);
  const table = state.push("table_open", "table", 1);
  table.map = [startLine, line];
  for (const section of sections) {
    state.push(`${section.tag}_open`, section.tag, 1);
    for (const row of section.rows) {
      state.push("tr_open", "tr", 1);
      const cell = section.tag === "thead" ? "th" : "td";
      for (let i = 0; i < columns; i++) {
        const open = state.push(`${cell}_open`, cell, 1);
        if (align[i]) open.attrs = [["style", `text-align:${align[i]}`]];
        const inline = state.push("inline", "", 0);
        inline.content = row[i] ?? "";
        inline.children = [];
        state.push(`${cell}_close`, cell, -1);
      }
      state.push("tr_close", "tr", -1);
    }
    state.push(`${section.tag}_close`, section.tag, -1);
  }
  state.push("table_close", "table", -1);
  state.line = line;
  return true;
}

export function kramdownTablesPlugin(md: MarkdownIt): void {
  md.disable("table");
  // kramdown tries block HTML and setext headings first: a comment or a `<p>` line holding a `|` is no table
  md.block.ruler.after("lheading", "kramdown_table", kramdownTable);
}
