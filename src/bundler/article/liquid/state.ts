import type { Context, Emitter, Token } from "liquidjs";
import { liquidText } from "./ruby-values.js";

/** What a post's Liquid may ask of the build (see `LiquidInput` in ../liquid.ts for each). */
export interface RenderRequest {
  template: string;
  file: string;
  siteRoot: string;
  timezone: string;
  bodyLine: number;
  urlOfPost(name: string): string | undefined;
  urlOfFile(path: string): string | undefined;
  markdownify(text: string): string;
}

export interface LiquidWarning {
  message: string;
  /** Line in the post file, when the warning is about one place in it. */
  line?: number;
}

/** A tag or filter the publisher does not have, noted where the template naming it was parsed. */
export interface UnknownName {
  kind: "tag" | "filter";
  name: string;
  /** Site path of the include it is in; undefined for the post itself. */
  file?: string;
  /** Line in that file, when known. */
  line?: number;
}

/** Everything one render of one post collects; found by tags and filters through the context's globals. */
export interface RenderState {
  request: RenderRequest;
  site: Record<string, unknown>;
  warnings: Map<string, LiquidWarning>;
  unknown: Map<string, UnknownName>;
  uses: { posts: Set<string>; files: Set<string>; includes: Set<string>; site: Set<string> };
  /** HTML of `highlight` blocks, written as placeholders and put back after Markdown. */
  blocks: string[];
  blockMarker: string;
  includeDepth: number;
  samples: number;
}

const STATE = Symbol("post render state");

/** A site setting read by a filter (`baseurl` by relative_url, `time` by `now` …), counted among what the post used. */
export function siteSetting(state: RenderState, key: string): unknown {
  state.uses.site.add(key);
  return Object.hasOwn(state.site, key) ? state.site[key] : undefined;
}

/** The site as the template sees it: each of its keys the template reads is counted among what the post used (liquidjs's own probes, `then`, `toLiquid`…, are not keys). */
export function watchedSite(state: RenderState): Record<string, unknown> {
  return new Proxy(state.site, {
    get(site, key, receiver) {
      if (typeof key === "string" && Object.hasOwn(site, key)) state.uses.site.add(key);
      return Reflect.get(site, key, receiver);
    },
  });
}

export function globalsFor(state: RenderState): object {
  return { [STATE]: state };
}

export function stateOf(ctx: Context): RenderState {
  return (ctx.globals as Record<symbol, RenderState>)[STATE]!;
}

/** Where a token is, for messages: `line 3` in the post, `_includes/x.html line 2` in an include. */
export function placeOf(state: RenderState, token: Token | undefined): { line?: number; text: string } {
  // a token of an expression parsed apart (`where_exp`) has no place in the post
  if (!token || typeof token.input !== "string" || (!token.file && token.input !== state.request.template)) return { text: "" };
  const row = token.getPosition()[0]!;
  if (token.file) return { text: `${token.file} line ${row}` };
  const line = row + state.request.bodyLine - 1;
  return { line, text: `line ${line}` };
}

export function warn(state: RenderState, message: string, token?: Token): void {
  const place = placeOf(state, token);
  const text = place.text ? `${message} (${place.text})` : message;
  if (!state.warnings.has(text)) state.warnings.set(text, place.line === undefined ? { message: text } : { message: text, line: place.line });
}

/**
 * Names of tags and filters the publisher does not have, collected while a template is parsed:
 * the post's own into its render, an include's into its cache entry (so each use reports them).
 */
let unknownSink: { names: UnknownName[]; file?: string } | undefined;

export function collectUnknown<T>(names: UnknownName[], file: string | undefined, parse: () => T): T {
  const outer = unknownSink;
  unknownSink = file === undefined ? { names } : { names, file };
  try {
    return parse();
  } finally {
    unknownSink = outer;
  }
}

export function noteUnknown(kind: UnknownName["kind"], name: string, line?: number): void {
  if (!unknownSink) return;
  const { file } = unknownSink;
  unknownSink.names.push({ kind, name, ...(file === undefined ? {} : { file }), ...(line === undefined ? {} : { line }) });
}

export function addUnknown(state: RenderState, name: UnknownName): void {
  const key = `${name.kind} ${name.name} ${name.file ?? ""}`;
  const known = state.unknown.get(key);
  if (!known || (known.line === undefined && name.line !== undefined)) state.unknown.set(key, name);
}

/**
 * Liquid's output, charged to the render's memory limit as it is written: a loop that writes a
 * growing text stops at the limit instead of at the end of the heap. Values are written as Ruby's
 * Liquid writes them (a Hash as `{"a"=>1}`, nil as nothing).
 */
export class ChargedEmitter implements Emitter {
  buffer = "";
  constructor(private readonly ctx: Context) {}
  write(html: unknown): void {
    const text = typeof html === "string" ? html : liquidText(html);
    this.ctx.memoryLimit.use(text.length);
    this.buffer += text;
  }
}
