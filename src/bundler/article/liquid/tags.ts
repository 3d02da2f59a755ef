import { TablerowTag as LiquidjsTablerowTag, Tag, TypeGuards, evalToken, type Context, type Emitter, type Liquid, type Parser, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import { ChargedEmitter, noteUnknown, stateOf, warn } from "./state.js";

/** The templates of a block up to its `{% end<name> %}`. */
function blockBody(token: TagToken, remainTokens: TopLevelToken[], parser: Parser): Template[] {
  const templates: Template[] = [];
  while (remainTokens.length) {
    const next = remainTokens.shift()!;
    if (TypeGuards.isTagToken(next) && next.name === `end${token.name}`) return templates;
    templates.push(parser.parseToken(next, remainTokens));
  }
  throw new Error(`{% ${token.name} %} is not closed by {% end${token.name} %}`);
}

function* renderText(liquid: Liquid, templates: Template[], ctx: Context): Generator<unknown, string, unknown> {
  return String(yield liquid.renderer.renderTemplates(templates, ctx, new ChargedEmitter(ctx)));
}

/** `capture`, its text charged to the memory limit like all output (liquidjs's own is not). */
export class CaptureTag extends Tag {
  readonly #variable: string;
  readonly #templates: Template[];
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    const name = /^\s*(?:([\w-]+)|"([^"]*)"|'([^']*)')\s*$/.exec(token.args);
    if (!name) throw new Error(`capture needs a variable name, not ${JSON.stringify(token.args.trim())}`);
    this.#variable = name[1] ?? name[2] ?? name[3]!;
    this.#templates = blockBody(token, remainTokens, parser);
  }
  *render(ctx: Context): Generator<unknown, void, unknown> {
    const text = yield* renderText(this.liquid, this.#templates, ctx);
    (ctx.bottom() as Record<string, unknown>)[this.#variable] = text;
  }
}

/**
 * `tablerow` with Ruby's line breaks (`<tr class="row1">` and each `</tr>` end a line, and an
 * empty list still makes its row). liquidjs's tag does the rest; its own writes are told from the
 * cells' by rendering the cells, through a stand-in template, straight to the outer output.
 */
export class TablerowTag extends LiquidjsTablerowTag {
  #cells: Emitter | undefined;
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    const body = this.templates;
    const tag = this;
    this.templates = [{ token, *render(ctx: Context) { yield tag.liquid.renderer.renderTemplates(body, ctx, tag.#cells); } }];
  }
  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const collection = yield evalToken(this.collection, ctx);
    if (collection === undefined || collection === null) return;
    const outer = this.#cells;
    this.#cells = emitter;
    let rows = 0;
    const rubyLines: Emitter = {
      buffer: "",
      write(html: unknown) {
        if (html === '<tr class="row1">') rows++;
        emitter.write(html === "</tr>" ? "</tr>\n" : html === '<tr class="row1">' ? '<tr class="row1">\n' : html);
      },
    };
    try {
      yield* super.render(ctx, rubyLines);
    } finally {
      this.#cells = outer;
    }
    if (rows === 0) emitter.write('<tr class="row1">\n</tr>\n');
  }
}

/** Jekyll's check of `{% highlight <language> [option[=value]]… %}`. */
const HIGHLIGHT = /^([a-zA-Z0-9.+#_-]+)((?:\s+\w+(?:=(?:\w+|"(?:[0-9]+\s)*[0-9]+"))?)*)$/;

const escapeCode = (code: string) => code.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** What a protected block's placeholder is named with: `<!--liquid-block-<marker>-<index>-->`. */
export const BLOCK_PLACEHOLDER = "liquid-block-";

/** The placeholder a protected block stands as in the Markdown: an HTML comment, which Markdown passes through. */
function blockPlaceholder(marker: string, index: number): string {
  return `<!--${BLOCK_PLACEHOLDER}${marker}-${index}-->`;
}

/**
 * Jekyll's `highlight` block: its body is Liquid, rendered, then code. Jekyll writes
 * `<figure class="highlight"><pre><code class="language-x" data-lang="x">` with Rouge's spans;
 * here `<pre><code class="language-x">` with the code escaped and no spans, the same text.
 * With `linenos` Jekyll puts a table in the code: line numbers in one cell, the code in the
 * other; here the same table, valid (the numbers' `<pre>` beside the code's `<pre><code>`), so
 * a reader sees the numbers beside the lines as on the Jekyll site.
 *
 * Markdown would break the HTML at a blank line in the code, so the block is kept aside and a
 * placeholder written; `restore` puts it back into the HTML.
 */
export class HighlightTag extends Tag {
  readonly #language: string;
  readonly #lineNumbers: boolean;
  readonly #templates: Template[];
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    const markup = HIGHLIGHT.exec(token.args.trim());
    if (!markup) throw new Error(`highlight is written {% highlight <language> [linenos] %}, not {% highlight ${token.args.trim()} %}`);
    this.#language = markup[1]!.toLowerCase();
    this.#lineNumbers = /(?:^|\s)linenos(?:=|\s|$)/.test(markup[2]!);
    this.#templates = blockBody(token, remainTokens, parser);
  }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const state = stateOf(ctx);
    const code = (yield* renderText(this.liquid, this.#templates, ctx)).replace(/^[\n\r]+|[\n\r]+$/g, "");
    const open = `<code class="language-${escapeCode(this.#language.replace(/\+/g, "-")).replace(/"/g, "&quot;")}">`;
    let html = `<pre>${open}${escapeCode(code)}</code></pre>`;
    if (this.#lineNumbers) {
      const lines = code.split("\n").length;
      const numbers = Array.from({ length: lines }, (_, i) => `${i + 1}\n`).join("");
      html = `<table><tbody><tr><td><pre>${numbers}</pre></td><td><pre>${open}${escapeCode(code)}\n</code></pre></td></tr></tbody></table>`;
    }
    ctx.memoryLimit.use(html.length);
    state.blocks.push(html);
    emitter.write(blockPlaceholder(state.blockMarker, state.blocks.length - 1));
  }
}

/** Jekyll's `{% post_url 2010-07-21-name %}` (or `sub/2010-07-21-name`): the URL of that post. */
export class PostUrlTag extends Tag {
  readonly #name: string;
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    this.#name = token.args.trim().replace(/^\//, "");
  }
  render(ctx: Context): string {
    const state = stateOf(ctx);
    if (!/^(?:.+\/)*\d+-\d+-\d+-.*$/.test(this.#name)) {
      warn(state, `post_url: "${this.#name}" is not a post's name (YYYY-MM-DD-title, in a subfolder as sub/YYYY-MM-DD-title): rendered as nothing`, this.token);
      return "";
    }
    state.uses.posts.add(this.#name);
    const url = state.request.urlOfPost(this.#name);
    if (url === undefined) warn(state, `post_url: no post ${this.#name}: rendered as nothing`, this.token);
    return url ?? "";
  }
}

/** Jekyll's `{% link about.md %}`: the URL of a file of the site; its name may be Liquid. */
export class LinkTag extends Tag {
  readonly #path: Template[];
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    this.#path = parser.parse(token.args.trim(), token.file);
  }
  *render(ctx: Context): Generator<unknown, string, unknown> {
    const state = stateOf(ctx);
    const path = (yield* renderText(this.liquid, this.#path, ctx)).replace(/^\/+/, "");
    state.uses.files.add(path);
    const url = state.request.urlOfFile(path);
    if (url === undefined) warn(state, `link: no file ${path} in the site: rendered as nothing`, this.token);
    return url ?? "";
  }
}

/**
 * A tag the publisher does not have (a plugin's, or a misspelling): it renders nothing and the
 * post says so in its warnings. Jekyll would stop the build; a post is worth more published.
 */
export class UnknownTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    noteUnknown("tag", token.name, token.getPosition()[0]);
  }
  render(): string {
    return "";
  }
}

/** Ruby Liquid's `ifchanged`: its block is written only when it differs from what it wrote last. */
export class IfChangedTag extends Tag {
  readonly #templates: Template[];
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    this.#templates = blockBody(token, remainTokens, parser);
  }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const text = yield* renderText(this.liquid, this.#templates, ctx);
    if (ctx.getRegister("ifchanged") === text) return;
    ctx.setRegister("ifchanged", text);
    emitter.write(text);
  }
}
