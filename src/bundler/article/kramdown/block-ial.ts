import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";

// kramdown's IAL_BLOCK_START and attribute grammar (parser/kramdown/extensions.rb).
const BLOCK_IAL = /^\{:(?![:/])((?:\\\}|[^}])+)\}\s*$/;
const ATTRIBUTE = /(?:^|\s)(?:(\w[\w-]*)=("|')((?:\\\}|\\"|\\'|[^}])*?)\2|(\w[\w-]*)|((?:#[A-Za-z][\w:-]*|\.-?[_A-Za-z][\w-]*)+))(?=\s|$)/g;
const ID_OR_CLASS = /#([A-Za-z][\w:-]*)|\.(-?[_A-Za-z][\w-]*)/g;

/**
 * kramdown's parse_attribute_list: `key="value"`, `#id`, `.class` (classes add up). A reference to
 * an attribute list definition comes back as `[name, ""]`, as markdown-it-attrs gives it, for
 * resolveReferences to replace.
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
 * line to the next one. markdown-it-attrs already handles one that ends a paragraph or a list
 * (the line joins them); this rule takes the rest (after a heading, table, code block, quote).
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

/** The opening token of the block that ends just before `index`, at `level`. */
function previousBlock(tokens: Token[], index: number, level: number): Token | undefined {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.level < level) return undefined;
    if (token.level !== level || !token.block) continue;
    depth += token.nesting;
    if (depth >= 0 && token.type !== "kramdown_ial") return token;
  }
  return undefined;
}

function nextBlock(tokens: Token[], index: number, level: number): Token | undefined {
  for (let i = index + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level < level) return undefined;
    if (token.level === level && token.block && token.nesting >= 0 && token.type !== "kramdown_ial") return token;
  }
  return undefined;
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

function applyBlockIals(state: StateCore): void {
  const { tokens } = state;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "kramdown_ial") continue;
    const meta = token.meta as unknown as { attributes: Array<[string, string]>; next: boolean };
    const target = meta.next ? nextBlock(tokens, i, token.level) : previousBlock(tokens, i, token.level);
    if (target) apply(meta.attributes, target);
  }
}

export function blockIalPlugin(md: MarkdownIt): void {
  // Like kramdown, the line ends a table or a quote's lazy continuation (both use the blockquote terminators).
  md.block.ruler.before("paragraph", "kramdown_block_ial", blockIal, { alt: ["blockquote"] });
  md.core.ruler.after("block", "kramdown_apply_block_ial", applyBlockIals);
  md.core.ruler.after("curly_attributes", "kramdown_ald_references", resolveReferences);
  md.renderer.rules.kramdown_ial = () => "";
}
