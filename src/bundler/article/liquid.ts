import { Context, LiquidError as EngineError, toValueSync, type Liquid, type Template, type Token } from "liquidjs";
import { createEngine } from "./liquid/engine.js";
import { LIQUID_LIMITS, MAX_TEMPLATE_CHARS, assertParsable, type LiquidLimits } from "./liquid/limits.js";
import { INCLUDED_AT, IncludeRefused } from "./liquid/includes.js";
import { isKnownZone } from "./liquid/ruby-time.js";
import { liquidData, siteDataOf } from "./liquid/site-data.js";
import { ChargedEmitter, addUnknown, collectUnknown, globalsFor, placeOf, watchedSite, type LiquidWarning, type RenderState, type UnknownName } from "./liquid/state.js";
import { BLOCK_PLACEHOLDER } from "./liquid/tags.js";

export type { LiquidWarning } from "./liquid/state.js";
export { LIQUID_LIMITS, type LiquidLimits } from "./liquid/limits.js";

/**
 * A post body's Liquid, rendered as Jekyll 4.3 renders it before Markdown (not called for a post
 * with `render_with_liquid: false`). Sandboxed: the template reads only the data given here and
 * the files of the site's `_includes/` (and of the post's own folder, for `include_relative`).
 */
export interface LiquidInput {
  /** The post body, after its front matter. */
  template: string;
  /** The post's path from the site root, `/`-separated: `_posts/2020-01-15-name.md`. */
  file: string;
  /** The line of `file` the body starts on, so messages give the file's lines; 1 when omitted. */
  bodyLine?: number;
  /**
   * `site.*` as Jekyll has it: config keys (`url`, `baseurl`, `title` …), `time`, `data` (from
   * `_data`), `posts` (newest first, each `{ title, url, date, categories, tags, … }`). Dates as
   * `Date`. Converted once per object (the site, its `posts`, its `data`): pass the same ones to
   * every post of a build, unchanged.
   */
  site: Record<string, unknown>;
  /** `page.*`: the front matter, with `url`, `date` (a `Date`), `id`, `categories`, `tags`, `path`, `slug`… */
  page: Record<string, unknown>;
  /** Absolute path of the site root: includes come from `<siteRoot>/_includes` only. */
  siteRoot: string;
  /** The site's IANA zone: dates show in it as Jekyll shows them. */
  timezone: string;
  /** `{% post_url 2010-07-21-name %}` or `sub/2010-07-21-name`: the post's URL (with the baseurl); undefined when there is none. */
  urlOfPost(name: string): string | undefined;
  /** `{% link about.md %}`, `{% link _posts/2016-07-26-name.md %}`: the file's URL (with the baseurl); undefined when there is none. */
  urlOfFile(path: string): string | undefined;
  /** The `markdownify` filter: Markdown to HTML as posts are made. */
  markdownify(text: string): string;
  /** Tighter limits than LIQUID_LIMITS (tests). */
  limits?: Partial<LiquidLimits>;
}

export interface LiquidOutput {
  /** The body with its Liquid rendered: Markdown, with placeholders where `highlight` blocks go. */
  text: string;
  /** Unknown tags and filters (named), includes and posts not found, dates that are not dates… one sentence each. */
  warnings: LiquidWarning[];
  /**
   * What the text was made from besides the post, so a build cache knows when to build it again:
   * `post_url` names, `link` paths, include paths from the site root (also those not found), and
   * the keys of `site` it read (`posts`, `data`, `time`, config keys such as `baseurl`).
   */
  uses: { posts: string[]; files: string[]; includes: string[]; site: string[] };
  /** Puts the `highlight` blocks back into the HTML Markdown made of `text` (before cleaning and sanitizing, which drop comments); absent when there are none. */
  restore?(html: string): string;
}

/** A post whose Liquid cannot be rendered: a syntax error, a limit passed, an include leaving its folder. */
export class LiquidError extends Error {
  /** The line of the post file it is about, when known. */
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = "LiquidError";
    this.line = line;
  }
}

let engine: Liquid | undefined;

function unknownWarning(state: RenderState, name: UnknownName): LiquidWarning {
  const what = name.kind === "tag" ? `unknown tag {% ${name.name} %}: rendered as nothing` : `unknown filter ${name.name}: its input is passed through`;
  if (name.line === undefined) return { message: name.file ? `${what} (${name.file})` : what };
  if (name.file) return { message: `${what} (${name.file} line ${name.line})` };
  const line = name.line + state.request.bodyLine - 1;
  return { message: `${what} (line ${line})`, line };
}

/** Words for liquidjs's limit messages and stack overflows. */
function reasonOf(error: unknown, limits: LiquidLimits): string {
  const original = EngineError.is(error) ? (error.originalError ?? error) : error;
  const message = original instanceof Error ? original.message : String(original);
  if (original instanceof RangeError && /call stack/i.test(message)) return "Liquid nested too deeply";
  if (/memory alloc limit exceeded/.test(message)) return `the template made more than ${limits.memory.toLocaleString("en-US")} characters and list items (a loop or a text that grows without end?)`;
  if (/template render limit exceeded/.test(message)) return `rendering took longer than ${limits.renderMs} ms (a loop without end?)`;
  if (/parse length limit exceeded/.test(message)) return `the template is longer than ${MAX_TEMPLATE_CHARS.toLocaleString("en-US")} characters`;
  return message.replace(/(?:, file:[^,]*)?, line:\d+, col:\d+$/, "");
}

function liquidError(error: unknown, state: RenderState, limits: LiquidLimits): LiquidError {
  const reason = reasonOf(error, limits);
  const token = EngineError.is(error) ? error.token : undefined;
  const place = placeOf(state, token);
  const includedAt = typeof error === "object" && error !== null ? ((error as Record<symbol, unknown>)[INCLUDED_AT] as Token | undefined) : undefined;
  const at = includedAt ? placeOf(state, includedAt) : undefined;
  const where = [place.text, at ? `included at ${at.text}` : ""].filter(Boolean).join(", ");
  const what = error instanceof IncludeRefused || (EngineError.is(error) && error.originalError instanceof IncludeRefused) ? "include refused" : "Liquid";
  return new LiquidError(`${what}: ${reason}${where ? ` (${where})` : ""}`, at?.line ?? place.line);
}

/** The placeholder marker: one the post does not already hold, so `restore` touches only blocks. */
function blockMarker(template: string): string {
  let n = 0;
  while (template.includes(`<!--${BLOCK_PLACEHOLDER}${n}-`)) n++;
  return String(n);
}

function restorer(blocks: readonly string[], marker: string): (html: string) => string {
  const escaped = (index: number) => blocks[index]!.replace(/<[^>]*>/g, "");
  const placeholder = new RegExp(`<!--${BLOCK_PLACEHOLDER}${marker}-(\\d+)-->|&lt;!--${BLOCK_PLACEHOLDER}${marker}-(\\d+)--&gt;`, "g");
  // where Markdown escaped a placeholder (it stood in code), the code's text goes instead
  return (html) => html.replace(placeholder, (whole, raw?: string, shown?: string) => (raw !== undefined ? blocks[Number(raw)] : shown !== undefined ? escaped(Number(shown)) : whole) ?? whole);
}

/**
 * Renders a post body's Liquid. A body without `{{` or `{%` is returned as it is, without
 * touching the engine. Throws LiquidError for a post that cannot be rendered; anything the
 * publisher lacks or cannot find is a warning and renders as nothing.
 */
export function renderLiquid(input: LiquidInput): LiquidOutput {
  const { template } = input;
  if (!template.includes("{{") && !template.includes("{%")) return { text: template, warnings: [], uses: { posts: [], files: [], includes: [], site: [] } };
  if (!isKnownZone(input.timezone)) throw new LiquidError(`Liquid: the site's time zone ${JSON.stringify(input.timezone)} is not an IANA zone`);
  const limits = { ...LIQUID_LIMITS, ...input.limits };
  engine ??= createEngine();
  const state: RenderState = {
    request: { ...input, bodyLine: input.bodyLine ?? 1 },
    site: siteDataOf(input.site, input.timezone),
    warnings: new Map(),
    unknown: new Map(),
    uses: { posts: new Set(), files: new Set(), includes: new Set(), site: new Set() },
    blocks: [],
    blockMarker: blockMarker(template),
    includeDepth: 0,
    samples: 0,
  };
  const scope = Object.assign(Object.create(null) as Record<string, unknown>, {
    site: watchedSite(state),
    page: liquidData(input.page, input.timezone, new Map()),
  });
  const unknown: UnknownName[] = [];
  let text: string;
  try {
    text = collectUnknown(unknown, undefined, () => {
      assertParsable(template, "the post");
      const templates: Template[] = engine!.parse(template);
      const ctx = new Context(scope, engine!.options, { sync: true, globals: globalsFor(state), renderLimit: limits.renderMs, memoryLimit: limits.memory }, { liquid: engine });
      return String(toValueSync(engine!.renderer.renderTemplates(templates, ctx, new ChargedEmitter(ctx))));
    });
  } catch (error) {
    throw liquidError(error, state, limits);
  }
  for (const name of unknown) addUnknown(state, name);
  const warnings = [...state.warnings.values(), ...[...state.unknown.values()].map((name) => unknownWarning(state, name))];
  const uses = { posts: [...state.uses.posts], files: [...state.uses.files], includes: [...state.uses.includes], site: [...state.uses.site].sort() };
  if (!state.blocks.length) return { text, warnings, uses };
  return { text, warnings, uses, restore: restorer(state.blocks, state.blockMarker) };
}
