// Jekyll matches `exclude`/`include` with Ruby's File.fnmatch and front matter default scopes
// with Dir.glob; their rules differ from every npm glob matcher (fnmatch without flags lets `*`
// cross `/`; Dir.glob hides dot segments but expands braces), so both are written out here.

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** A `[...]` class at `at` (just past the `[`): its RegExp source and where it ends, or undefined when it does not close. */
function bracket(pattern: string, at: number, excludeSlash: boolean): { source: string; end: number } | undefined {
  let i = at;
  let negate = false;
  if (pattern[i] === "!" || pattern[i] === "^") {
    negate = true;
    i++;
  }
  let body = "";
  let first = true;
  while (i < pattern.length && (pattern[i] !== "]" || first)) {
    first = false;
    let char = pattern[i]!;
    if (char === "\\" && i + 1 < pattern.length) char = pattern[++i]!;
    body += char === "\\" || char === "]" || char === "[" || char === "^" ? `\\${char}` : char;
    i++;
  }
  if (i >= pattern.length) return undefined;
  if (negate) return { source: `[^${body}${excludeSlash ? "/" : ""}]`, end: i + 1 };
  return { source: `${excludeSlash ? "(?!/)" : ""}[${body}]`, end: i + 1 };
}

/**
 * Ruby's `File.fnmatch(pattern, path)` with no flags, as a RegExp: `*` and `?` match any
 * character, `/` and a leading `.` included; `[...]` classes; `\` escapes; braces are literal.
 */
export function fnmatchRegExp(pattern: string): RegExp {
  let compiled = fnmatchCache.get(pattern);
  if (!compiled) fnmatchCache.set(pattern, (compiled = compileFnmatch(pattern)));
  return compiled;
}
// each pattern is tried on every file of the site: compiled once
const fnmatchCache = new Map<string, RegExp>();
const globCache = new Map<string, RegExp>();

function compileFnmatch(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*") source += "[\\s\\S]*";
    else if (char === "?") source += "[\\s\\S]";
    else if (char === "\\" && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (char === "[") {
      const found = bracket(pattern, i + 1, false);
      if (found) {
        source += found.source;
        i = found.end - 1;
      } else source += "\\[";
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, "u");
}

/** `{a,b}` alternatives, nested, as Dir.glob expands them before matching. */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") i++;
    else if (char === "{") {
      if (depth++ === 0) open = i;
    } else if (char === "}" && depth > 0 && --depth === 0) {
      const parts: string[] = [];
      let level = 0;
      let start = open + 1;
      for (let j = open + 1; j < i; j++) {
        const c = pattern[j];
        if (c === "\\") j++;
        else if (c === "{") level++;
        else if (c === "}") level--;
        else if (c === "," && level === 0) {
          parts.push(pattern.slice(start, j));
          start = j + 1;
        }
      }
      parts.push(pattern.slice(start, i));
      const [head, tail] = [pattern.slice(0, open), pattern.slice(i + 1)];
      return parts.flatMap((part) => expandBraces(`${head}${part}${tail}`));
    }
  }
  return [pattern];
}

/** One path segment of a Dir.glob pattern: `*` and `?` stay in the segment and skip a leading dot. */
function segmentSource(segment: string): string {
  let source = segment.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "\\" && i + 1 < segment.length) source += escapeRegExp(segment[++i]!);
    else if (char === "[") {
      const found = bracket(segment, i + 1, true);
      if (found) {
        source += found.source;
        i = found.end - 1;
      } else source += "\\[";
    } else source += escapeRegExp(char);
  }
  return source;
}

/**
 * Ruby's `Dir.glob(pattern)` as a test of one relative path (`/`-separated, no leading `/`):
 * braces expanded, `*`/`?`/`[...]` within a segment and never matching a leading dot, `**​/` for
 * any number of folders that do not start with a dot.
 */
export function globRegExp(pattern: string): RegExp {
  let compiled = globCache.get(pattern);
  if (!compiled) globCache.set(pattern, (compiled = compileGlob(pattern)));
  return compiled;
}

function compileGlob(pattern: string): RegExp {
  const alternatives = expandBraces(pattern).map((one) => {
    const segments = one.replace(/\/+$/, "").split("/");
    let source = "";
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === "**" && !last) source += "(?:(?!\\.)[^/]*/)*";
      else source += segmentSource(segment === "**" ? "*" : segment) + (last ? "" : "/");
    });
    return source;
  });
  return new RegExp(`^(?:${alternatives.join("|")})$`, "u");
}
