import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";

/*
 * kramdown's inline attribute lists, `{: .class #id key="value"}` (parser/kramdown/extensions.rb):
 * on a line of their own for a block, right after a span for that span. markdown-it-attrs reads
 * `{:` too when told, but it looks at the whole paragraph again after every list it applies
 * (8,000 spans with lists took 16 s), it takes a list at the end of a line of text, which kramdown
 * leaves as text, and it cannot give a list to the block that follows: hence these rules.
 */
const BLOCK_IAL = /^\{:(?![:/])((?:\\\}|[^}])+)\}\s*$/;
const SPAN_IAL = /^\{:((?:\\\}|[^}])+)\}/;
const ATTRIBUTE = /(?:^|\s)(?:(\w[\w-]*)=("|')((?:\\\}|\\"|\\'|[^}])*?)\2|(\w[\w-]*)|((?:#[A-Za-z][\w:-]*|\.-?[_A-Za-z][\w-]*)+))(?=\s|$)/g;
const ID_OR_CLASS = /#([A-Za-z][\w:-]*)|\.(-?[_A-Za-z][\w-]*)/g;

/**
 * kramdown's parse_attribute_list: `key="value"`, `#id`, `.class` (classes add up). A reference to
 * an attribute list definition comes back as `[name, ""]`, for resolveReferences to replace.
 */
export function parseAttributeList(list: string): Array<[string, string]> {
  const attributes = new Map<string, string>();
  for (const [, key, quote, value, reference, idsAndClasses] of list.matchAll(ATTRIBUTE)) {
    if (reference !== undefined) attributes.set(reference, "");
    else if (key !== undefined) attributes.set(key, value!.replace(new RegExp(String.raw`\\(\}|${quote})`, "g"), "$1"));
    else if (idsAndClasses !== undefined) {
      for (const [, id, className] of idsAndClasses.matchAll(ID_OR_CLASS)) {
        if (id !== undefined) attributes.set("id", id);
        else attributes.set("class", `${attributes.get("class") ?? ""} ${className}`.trimStart());
      }
    }
  }
  return [...attributes];
}

function apply(attributes: ReadonlyArray<[string, string]>, token: Token): void {
  for (const [key, value] of attributes) {
    if (key === "class") token.attrJoin("class", value);
    else token.attrSet(key, value);
  }
}

/**
 * A block IAL on a line of its own: right after a block it belongs to that block, after a blank
 * line to the next one. Like kramdown, the line ends a paragraph, a table or a quote.
 */
function blockIal(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]!);
  const match = BLOCK_IAL.exec(line);
  if (!match) return false;
  if (silent) return true;
  const token = state.push("kramdown_ial", "", 0);
  token.hidden = true;
  token.meta = { attributes: parseAttributeList(match[1]!), next: startLine === 0 || state.isEmpty(startLine - 1) };
  state.line = startLine + 1;
  return true;
}

/** `{: name}` refers to `{:name: attributes}`, written anywhere in the post; kramdown applies the definition first. */
function resolveReferences(state: StateCore): void {
  const definitions = (state.env as { kramdownAlds?: Map<string, Array<[string, string]>> }).kramdownAlds;
  if (!definitions) return;
  const resolve = (token: Token) => {
    const references = token.attrs?.filter(([name, value]) => value === "" && definitions.has(name));
    if (!references?.length) return;
    token.attrs = token.attrs!.filter((attribute) => !references.includes(attribute));
    const own = token.attrs.map(([name, value]): [string, string] => [name, String(value)]);
    token.attrs = null;
    for (const [name] of references) apply(definitions.get(name)!, token);
    apply(own, token);
  };
  for (const token of state.tokens) {
    resolve(token);
    for (const child of token.children ?? []) resolve(child);
  }
}

/**
 * Gives each IAL token's attributes to its block, in one pass (an IAL may follow an IAL, and a
 * post may have thousands): the last block that ended at the IAL's level in the same container,
 * or the next block to start there.
 */
function applyBlockIals(state: StateCore): void {
  const openers: Token[] = [];
  const lastEnded = new Map<number, Token>();
  let pending: Array<{ level: number; attributes: Array<[string, string]> }> = [];
  for (const token of state.tokens) {
    if (!token.block) continue;
    if (token.type === "kramdown_ial") {
      const meta = token.meta as unknown as { attributes: Array<[string, string]>; next: boolean };
      if (meta.next) pending.push({ level: token.level, attributes: meta.attributes });
      else {
        const previous = lastEnded.get(token.level);
        if (previous) apply(meta.attributes, previous);
      }
      continue;
    }
    if (pending.length > 0) {
      pending = pending.filter(({ level, attributes }) => {
        if (level === token.level && token.nesting >= 0) apply(attributes, token);
        return level < token.level;
      });
    }
    if (token.nesting === 1) {
      // A new container: what ended inside an earlier one is no longer "the block before".
      for (const level of lastEnded.keys()) if (level > token.level) lastEnded.delete(level);
      openers.push(token);
    } else {
      const block = token.nesting === -1 ? openers.pop() : token;
      if (block) lastEnded.set(token.level, block);
    }
  }
}

/**
 * A span IAL: `{:…}` right after a span (emphasis, link, code, image, strikethrough) belongs to
 * it; after plain text kramdown leaves it as text, and so does this rule.
 */
function spanIals(state: StateCore): void {
  for (const inline of state.tokens) {
    if (inline.type !== "inline" || !inline.children) continue;
    const openers: Token[] = [];
    let previous: Token | undefined;
    for (const token of inline.children) {
      if (token.type === "text" && previous && token.content.startsWith("{:")) {
        const match = SPAN_IAL.exec(token.content);
        const target = previous.nesting === -1 ? openers.at(-1) : previous.type === "code_inline" || previous.type === "image" ? previous : undefined;
        if (match && target) {
          apply(parseAttributeList(match[1]!), target);
          token.content = token.content.slice(match[0].length);
        }
      }
      if (previous?.nesting === -1) openers.pop();
      if (token.nesting === 1) openers.push(token);
      previous = token;
    }
  }
}

export function attributeListsPlugin(md: MarkdownIt): void {
  // The line ends a paragraph, a list item's lazy line, a table or a quote, as kramdown's LAZY_END does.
  md.block.ruler.before("paragraph", "kramdown_block_ial", blockIal, { alt: ["paragraph", "blockquote", "list"] });
  md.core.ruler.after("block", "kramdown_apply_block_ial", applyBlockIals);
  md.core.ruler.after("inline", "kramdown_span_ial", spanIals);
  md.core.ruler.after("kramdown_span_ial", "kramdown_ald_references", resolveReferences);
  md.renderer.rules.kramdown_ial = () => "";
}
