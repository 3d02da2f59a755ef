import type { MarkdownIt } from "markdown-it";
import { kramdownId } from "../kramdown/header-ids.js";

/**
 * jekyll-commonmark-ghpages' heading ids (basic_generate_id): made from the heading's rendered
 * HTML, tags and entities included (`Hello <em>world</em> &amp; co` is `hello-emworldem-amp-co`),
 * with what comes before the first letter of each line dropped and anything but ASCII letters,
 * digits, spaces and `-` left out; `section` when nothing is left; `-1`, `-2` on repeats of an
 * id it made. No markdown-it anchor plugin slugs the HTML this way, hence this rule.
 */
export function ghPagesHeaderIdsPlugin(md: MarkdownIt): void {
  md.renderer.rules.heading_open = (tokens, idx, options, renderEnv, self) => {
    const env = (renderEnv ?? {}) as { ghPagesIds?: Map<string, number> };
    const inline = tokens[idx + 1];
    const html = inline?.children ? self.renderInline(inline.children, options, env) : "";
    // kramdown's basic_generate_id, which jekyll-commonmark-ghpages calls, on the HTML instead of the text
    tokens[idx]!.attrSet("id", kramdownId(html, (env.ghPagesIds ??= new Map())));
    return self.renderToken(tokens, idx, options);
  };
}
