import { readFileSync, realpathSync, statSync } from "node:fs";
import { join, posix, sep } from "node:path";
import { LiquidError as EngineError, Tag, Value, type Context, type Emitter, type Liquid, type Parser, type TagToken, type Template, type TopLevelToken } from "liquidjs";
import { MAX_INCLUDE_BYTES, MAX_INCLUDE_DEPTH, assertParsable } from "./limits.js";
import { ChargedEmitter, addUnknown, collectUnknown, stateOf, warn, type UnknownName } from "./state.js";

/** A name Jekyll accepts for an include (`validate_file_name`): no `..` or `//`, only these characters. */
const FILE_NAME = /^[A-Za-z0-9_/.\-()+~#@]+$/;
const DOUBLED = /[./]{2,}/;
/** Jekyll's `VARIABLE_SYNTAX`: a file name with `{{ }}` in it, then the parameters. */
const VARIABLE_NAME = /([^{]*(?:\{\{\s*[\w\-.]+\s*(?:\|.*)?\}\}[^\s{}]*)+)(.*)/s;
/** One parameter as Jekyll's `VALID_SYNTAX` reads it: `key="v"`, `key='v'` or `key=variable`. */
const PARAMETER = String.raw`([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))`;
const PARAMETERS = new RegExp(String.raw`^\s*(?:${PARAMETER}(?=\s|$)\s*)*$`);

/** Thrown for an include that would read outside its folder: the post fails, whatever else it holds. */
export class IncludeRefused extends Error {}

interface ParsedInclude {
  stamp: string;
  templates: Template[];
  unknown: UnknownName[];
}

/** Parsed includes by real path, parsed again when the file's size or time changes. */
const parsedIncludes = new Map<string, ParsedInclude>();
const MAX_PARSED_INCLUDES = 2_000;

function isInside(folder: string, path: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/**
 * Real paths of include folders, by site root and folder, found once: a folder changed into a
 * link out afterwards still cannot lead a file out, as each file's own real path is checked.
 */
const folders = new Map<string, { root: string; base: string } | undefined>();

function includeFolder(siteRoot: string, folder: string): { root: string; base: string } | undefined {
  const key = `${siteRoot}\0${folder}`;
  if (folders.has(key)) return folders.get(key);
  const root = realPath(siteRoot);
  const base = root === undefined ? undefined : realPath(join(root, folder));
  const found = root === undefined || base === undefined ? undefined : { root, base };
  if (found) {
    if (folders.size > 1_000) folders.clear();
    folders.set(key, found);
  }
  return found;
}

/**
 * The include `name` from the site's `folder`, parsed; undefined when there is no such file.
 * Only a file whose real path (symbolic links followed) is inside the folder, itself inside the
 * site, is read: anything else is refused.
 */
function loadInclude(liquid: Liquid, siteRoot: string, folder: string, name: string, sitePath: string): ParsedInclude | undefined {
  const found = includeFolder(siteRoot, folder);
  if (!found) return undefined;
  const { root, base } = found;
  if (base !== root && !isInside(root, base)) throw new IncludeRefused(`${folder}/ leads out of the site (a symbolic link): nothing is included from it`);
  const real = realPath(join(base, name));
  if (real === undefined) return undefined;
  if (!isInside(base, real)) throw new IncludeRefused(`${sitePath} leads out of ${folder === "." ? "the site" : `${folder}/`} (a symbolic link): refused`);
  const stats = statSync(real);
  if (!stats.isFile()) return undefined;
  if (stats.size > MAX_INCLUDE_BYTES) throw new IncludeRefused(`${sitePath} is ${stats.size} bytes; an include may have ${MAX_INCLUDE_BYTES}`);
  const stamp = `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  const cached = parsedIncludes.get(real);
  if (cached?.stamp === stamp) return cached;
  const text = readFileSync(real, "utf8").replace(/^\uFEFF/, "");
  assertParsable(text, sitePath);
  const unknown: UnknownName[] = [];
  const templates = collectUnknown(unknown, sitePath, () => liquid.parse(text, sitePath));
  if (parsedIncludes.size >= MAX_PARSED_INCLUDES) parsedIncludes.clear();
  const parsed = { stamp, templates, unknown };
  parsedIncludes.set(real, parsed);
  return parsed;
}

/** The post line of the outermost include an error passed through, set as it unwinds. */
export const INCLUDED_AT = Symbol("included at");

type ParameterValue = string | Value;

/**
 * Jekyll's `include` and `include_relative`: `{% include note.html a="b" c=page.x %}` renders
 * `_includes/note.html` with `include.a` and `include.c`; the name may be Liquid
 * (`{% include {{ page.inc }} %}`). `include_relative` reads from the post's own folder. A
 * file that is not there is a warning and renders nothing (Jekyll stops the build).
 */
class IncludeTag extends Tag {
  readonly #file: string | Template[];
  readonly #parameters: [string, ParameterValue][] | undefined;
  readonly #relative: boolean;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser, relative: boolean) {
    super(token, remainTokens, liquid);
    this.#relative = relative;
    const markup = token.args.trim();
    const variable = VARIABLE_NAME.exec(markup);
    let file: string;
    let parameters: string | undefined;
    if (variable) [file, parameters] = [variable[1]!.trim(), variable[2]!.trim()];
    else [file, parameters] = [markup.split(/\s+/, 1)[0]!, markup.replace(/^\S*\s*/, "")];
    if (!file) throw new Error(`${token.name} names no file`);
    this.#file = variable ? parser.parse(file, token.file) : file;
    if (!parameters) return;
    if (!PARAMETERS.test(parameters)) throw new Error(`${token.name}: parameters are written name="text", name='text' or name=variable, not ${JSON.stringify(parameters)}`);
    this.#parameters = Array.from(parameters.matchAll(new RegExp(PARAMETER, "g")), ([, key, double, single, name]): [string, ParameterValue] => {
      if (double !== undefined) return [key!, double.replace(/\\"/g, '"')];
      if (single !== undefined) return [key!, single.replace(/\\'/g, "'")];
      return [key!, new Value(name!, liquid)];
    });
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const state = stateOf(ctx);
    const tag = this.token.name;
    const name = typeof this.#file === "string" ? this.#file : String(yield this.liquid.renderer.renderTemplates(this.#file, ctx, new ChargedEmitter(ctx)));
    if (name === "") {
      warn(state, `${tag}: ${this.token.args.trim()} names no file: nothing included`, this.token);
      return;
    }
    if (name.startsWith("/") || DOUBLED.test(name) || name.includes("\\")) throw new IncludeRefused(`${tag}: "${name}" leaves its folder (absolute, or with .. or //): refused`);
    if (!FILE_NAME.test(name)) throw new Error(`${tag}: "${name}" is not a file name (letters, digits and _ / . - ( ) + ~ # @ only)`);
    const folder = this.#relative ? posix.dirname(state.request.file) : "_includes";
    const sitePath = posix.join(folder, name);
    state.uses.includes.add(sitePath);
    let entered = false;
    try {
      const include = loadInclude(this.liquid, state.request.siteRoot, folder, name, sitePath);
      if (!include) {
        warn(state, `${tag}: ${sitePath} not found: nothing included`, this.token);
        return;
      }
      for (const unknown of include.unknown) addUnknown(state, unknown);
      if (state.includeDepth >= MAX_INCLUDE_DEPTH) throw new Error(`includes nested more than ${MAX_INCLUDE_DEPTH} deep (does ${sitePath} include itself?)`);
      const scope: Record<string, unknown> = Object.create(null);
      if (this.#parameters) {
        const parameters: Record<string, unknown> = Object.create(null);
        for (const [key, value] of this.#parameters) parameters[key] = typeof value === "string" ? value : yield value.value(ctx);
        scope.include = parameters;
      }
      state.includeDepth++;
      ctx.push(scope);
      entered = true;
      yield this.liquid.renderer.renderTemplates(include.templates, ctx, emitter);
    } catch (error) {
      // an error in an include says where the post included it (the outermost include sets it last)
      if (entered || EngineError.is(error)) (error as Record<symbol, unknown>)[INCLUDED_AT] = this.token;
      throw error;
    } finally {
      if (entered) {
        ctx.pop();
        state.includeDepth--;
      }
    }
  }
}

export class IncludeFileTag extends IncludeTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser, false);
  }
}

export class IncludeRelativeTag extends IncludeTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser, true);
  }
}
