/** Where a post's Liquid stops: each limit ends a template that would never end, not one a post writes. */

export interface LiquidLimits {
  /** Time one post's Liquid may take: a loop without end stops here. */
  renderMs: number;
  /** Characters written and list items made while rendering one post: a text growing without end stops here. */
  memory: number;
}

/** A post a news site writes renders in well under a millisecond; these stop only what never ends. */
export const LIQUID_LIMITS: LiquidLimits = { renderMs: 2_000, memory: 16_000_000 };

/** Longer templates are not parsed (the longest post a build takes is 8 M characters). */
export const MAX_TEMPLATE_CHARS = 10_000_000;
/** liquidjs parses n tags in time growing as n²: 20,000 take half a second, 200,000 a minute. A post uses a few dozen. */
export const MAX_TEMPLATE_TAGS = 20_000;

/** Refuses, before parsing, a template with more `{%` and `{{` than MAX_TEMPLATE_TAGS. */
export function assertParsable(template: string, what: string): void {
  let tags = 0;
  for (let i = template.indexOf("{"); i >= 0; i = template.indexOf("{", i + 1)) {
    const next = template[i + 1];
    if ((next === "%" || next === "{") && ++tags > MAX_TEMPLATE_TAGS) {
      throw new Error(`${what} has more than ${MAX_TEMPLATE_TAGS.toLocaleString("en-US")} {% %} and {{ }}: too many to parse`);
    }
  }
}

/** An include may include others this deep; deeper is an include that includes itself. */
export const MAX_INCLUDE_DEPTH = 16;
/** Includes are snippets: a larger file is refused before it is read. */
export const MAX_INCLUDE_BYTES = 2 * 1024 * 1024;
