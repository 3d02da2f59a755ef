// src/bundle/post-file.ts
import { createHash as createHash2 } from "node:crypto";
import { readFileSync } from "node:fs";
import { join as join2 } from "node:path";

// src/bundle/clean-article.ts
import { parseHTML } from "linkedom";
var COMMENT_NODE = 8;
var ELEMENT_NODE = 1;
function textOf(node) {
  return (node.textContent ?? "").replace(/\s+/g, " ").trim();
}
function unwrap(element) {
  element.replaceWith(...Array.from(element.childNodes));
}
function each(root, tagName, action) {
  for (const element of Array.from(root.getElementsByTagName(tagName))) action(element);
}
function hasClass(element, name) {
  return (element.getAttribute("class") ?? "").split(/\s+/).includes(name);
}
function isHidden(element) {
  if (element.hasAttribute("hidden")) return true;
  const style = (element.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
  return style.includes("display:none") || style.includes("visibility:hidden");
}
function isQuoteWidget(element) {
  return element.tagName === "SPAN" && /^(bk)?quote_/.test(element.getAttribute("id") ?? "");
}
function isQuoteLink(element) {
  if (element.tagName === "A") return hasClass(element, "keytip") || hasClass(element, "infokey");
  if (element.tagName !== "SPAN") return false;
  return /^(stock_|bk_|Info\.)/.test(element.getAttribute("id") ?? "") || hasClass(element, "em_stock_key_common");
}
function sweep(parent) {
  for (let node = parent.firstChild; node; ) {
    const next = node.nextSibling;
    if (node.nodeType === COMMENT_NODE) node.remove();
    else if (node.nodeType === ELEMENT_NODE) {
      const element = node;
      if (isHidden(element) || isQuoteWidget(element)) element.remove();
      else {
        sweep(element);
        if (isQuoteLink(element)) unwrap(element);
      }
    }
    node = next;
  }
}
var blockTags = /* @__PURE__ */ new Set(["P", "DIV", "TABLE", "UL", "OL", "BLOCKQUOTE", "H1", "H2", "H3", "H4", "H5", "H6", "PRE", "FIGURE"]);
function replaceCenter(body) {
  each(body, "center", (center) => {
    if (Array.from(center.children).some((c) => blockTags.has(c.tagName))) return unwrap(center);
    const p = body.ownerDocument.createElement("p");
    p.append(...Array.from(center.childNodes));
    center.replaceWith(p);
  });
}
function removeTrailingBreaks(body) {
  each(body, "br", (br) => {
    let next = br.nextSibling;
    while (next && next.nodeType !== ELEMENT_NODE && textOf(next) === "") next = next.nextSibling;
    if (!next) br.remove();
  });
}
function removeEmptyParagraphs(body) {
  each(body, "p", (p) => {
    if (textOf(p) === "" && p.getElementsByTagName("img").length === 0) p.remove();
  });
}
function isNavigationFooter(p) {
  const links = Array.from(p.getElementsByTagName("a"));
  if (links.length === 0 || !links.every((a) => textOf(a).startsWith("\u8FD4\u56DE"))) return false;
  const rest = links.reduce((text, a) => text.replace(textOf(a), ""), textOf(p));
  return /^[\s｜|/·]*$/.test(rest);
}
function autolinkOf(p) {
  const links = p.getElementsByTagName("a");
  if (links.length !== 1) return void 0;
  const href = links[0].getAttribute("href") ?? "";
  return textOf(p) === textOf(links[0]) && /^(https?:)?\/\//i.test(href) ? href : void 0;
}
function takeTrailer(body) {
  let sourceUrl;
  for (let last = body.lastElementChild; last && last.tagName === "P"; last = body.lastElementChild) {
    if (isNavigationFooter(last) || textOf(last) === "<>") {
      last.remove();
      continue;
    }
    const link = autolinkOf(last);
    if (link && !sourceUrl) {
      sourceUrl = link;
      last.remove();
      continue;
    }
    break;
  }
  return sourceUrl;
}
function takeDigest(body) {
  const first = body.firstElementChild;
  if (!first || first.tagName !== "BLOCKQUOTE") return void 0;
  const digest = textOf(first);
  first.remove();
  return digest || void 0;
}
function absoluteUrl(raw, policy) {
  const trimmed = raw.trim();
  if (!trimmed) return void 0;
  let url;
  try {
    url = new URL(trimmed.startsWith("//") ? `https:${trimmed}` : trimmed, policy.baseUrl);
  } catch {
    return void 0;
  }
  if (url.protocol === "http:" && policy.httpsHosts.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`))) {
    url.protocol = "https:";
  }
  return url.href;
}
function absolutizeUrls(body, policy) {
  for (const [tagName, attribute] of [["a", "href"], ["img", "src"]]) {
    each(body, tagName, (e) => {
      if (!e.hasAttribute(attribute)) return;
      const url = absoluteUrl(e.getAttribute(attribute) ?? "", policy);
      if (url) e.setAttribute(attribute, url);
      else e.removeAttribute(attribute);
    });
  }
}
var REUSE_LIMIT = 1e5;
var shared;
function parseDocument(html) {
  return parseHTML(html).document;
}
function blankDocument() {
  shared ??= parseDocument("<!doctype html><html><head></head><body></body></html>");
  return shared;
}
function cleanArticleHtml(rendered, policy) {
  let body;
  if (rendered.length <= REUSE_LIMIT) {
    try {
      body = blankDocument().createElement("body");
      body.innerHTML = rendered;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      body = void 0;
    }
  }
  body ??= parseDocument(`<!doctype html><html><head></head><body>${rendered}</body></html>`).body;
  sweep(body);
  replaceCenter(body);
  removeTrailingBreaks(body);
  removeEmptyParagraphs(body);
  const digest = takeDigest(body);
  const sourceUrl = takeTrailer(body);
  absolutizeUrls(body, policy);
  const firstText = Array.from(body.getElementsByTagName("p")).map(textOf).find((text) => text !== "");
  return {
    lead: firstText ?? textOf(body),
    html: body.innerHTML.trim(),
    digest,
    sourceUrl: sourceUrl ? absoluteUrl(sourceUrl, policy) : void 0
  };
}

// src/bundle/front-matter.ts
import matter from "gray-matter";
import { CORE_SCHEMA, YAMLException, load } from "js-yaml";
var FrontMatterError = class extends Error {
};
function refuseAnchors(event, state) {
  if (event === "close" && state.anchor !== null) throw new YAMLException(`anchors (&${state.anchor}) and aliases are refused: front matter never needs them`);
}
function loadYaml(source) {
  const data = load(source, { schema: CORE_SCHEMA, listener: refuseAnchors }) ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter is not a YAML mapping of keys to values");
  }
  return data;
}
var titleLine = /^title:[ \t]*(.*?)[ \t]*$/m;
function repairTitleLine(yaml) {
  const match = titleLine.exec(yaml);
  if (!match) return void 0;
  const value = match[1];
  let title;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"') && /[^\\]"/.test(value.slice(1, -1))) {
    title = value.slice(1, -1);
  } else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'") && /'(?!')/.test(value.slice(1, -1).replace(/''/g, ""))) {
    title = value.slice(1, -1);
  } else if (!/^["'|>[{!]/.test(value) && (/: | #/.test(value) || /^[*&%@`]/.test(value))) {
    title = value;
  }
  if (title === void 0 || title.trim() === "") return void 0;
  return { yaml: yaml.replace(titleLine, () => `title: ${JSON.stringify(title)}`), title };
}
function refuse(language) {
  return () => {
    throw new FrontMatterError(`front matter in "${language}" is refused: only YAML is read, code in a post never runs`);
  };
}
function parseFrontMatter(text) {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const hasFrontMatter = source.startsWith("---");
  const language = hasFrontMatter ? matter.language(source, { delimiters: "---" }).name.trim() : "";
  if (language !== "" && language !== "yaml" && language !== "yml") refuse(language)();
  const repairs = [];
  const yaml = (block) => {
    const repaired = repairTitleLine(block);
    const line = source.slice(0, source.search(/^title:/m)).split("\n").length;
    try {
      const data = loadYaml(block);
      if (repaired && typeof data.title === "string" && data.title !== repaired.title) {
        repairs.push({ line, message: `title line read as the whole line, ${JSON.stringify(repaired.title)}: quote titles that hold " #" or ": "` });
        return loadYaml(repaired.yaml);
      }
      return data;
    } catch (error) {
      if (!repaired) throw error;
      const data = loadYaml(repaired.yaml);
      repairs.push({ line, message: `title line repaired as ${JSON.stringify(repaired.title)}: the generator wrote it without escaping` });
      return data;
    }
  };
  const engines = { yaml, javascript: refuse("javascript"), js: refuse("js"), coffee: refuse("coffee"), json: refuse("json"), toml: refuse("toml") };
  const parsed = matter(source, { language: "yaml", engines });
  const dateLine = /^date:[ \t]*(.*?)[ \t]*$/m.exec(parsed.matter)?.[1] ?? "";
  const rawDate = dateLine.replace(/^(["'])(.*)\1$/, "$2");
  return { data: parsed.data, body: parsed.content, hasFrontMatter, repairs, rawDate };
}

// src/paths.ts
function escapePathSegment(segment) {
  return encodeURIComponent(segment).replace(
    /%(24|26|2B|2C|3B|3D|3A|40)/g,
    (_, hex) => String.fromCharCode(parseInt(hex, 16))
  );
}
function canonicalPath(pathname) {
  return pathname.split("/").map((segment) => {
    try {
      return escapePathSegment(decodeURIComponent(segment));
    } catch {
      return segment;
    }
  }).join("/");
}

// src/bundle/permalink.ts
var postFileName = /^(\d{4}-\d{2}-\d{2})-(.+)\.(?:md|markdown|mkdn|mkd|mdown)$/i;
function isPostFileName(fileName) {
  return postFileName.test(fileName);
}
function splitPostFileName(fileName) {
  const match = postFileName.exec(fileName);
  if (match) return { date: match[1], slug: match[2] };
  return { slug: fileName.replace(/\.[^.]+$/, "") };
}
function slugify(text) {
  return text.replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, "-").replace(/^-+|-+$/g, "");
}
function jekyllPermalink(categories, date, slug) {
  const categorySegments = [...new Set(categories.map((c) => c.toLowerCase()))];
  const segments = [...categorySegments, date.year, date.month, date.day, `${slugify(slug)}.html`].filter((s) => s !== "" && s !== "." && s !== "..").map(escapePathSegment);
  return `/${segments.join("/")}`;
}

// src/bundle/post-date.ts
import { DateTime, IANAZone } from "luxon";
var formats = [
  "yyyy-MM-dd HH:mm:ss ZZZ",
  "yyyy-MM-dd HH:mm:ss ZZ",
  "yyyy-MM-dd HH:mm:ss",
  "yyyy-MM-dd HH:mm ZZZ",
  "yyyy-MM-dd HH:mm ZZ",
  "yyyy-MM-dd HH:mm",
  "yyyy-MM-dd"
];
var jekyllFormat = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
var two = (n) => String(n).padStart(2, "0");
var zoneOffsets = /* @__PURE__ */ new Map();
function zoneOffset(timeZone, epochMs) {
  const key = `${timeZone} ${Math.floor(epochMs / 9e5)}`;
  let offset = zoneOffsets.get(key);
  if (offset === void 0) zoneOffsets.set(key, offset = IANAZone.create(timeZone).offset(epochMs));
  return offset;
}
function jekyllDate(text, timeZone) {
  const m = jekyllFormat.exec(text);
  if (!m) return void 0;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i]));
  const offset = (m[7] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (year < 1e3 || wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59) return void 0;
  const epochMs = wall.getTime() - offset * 6e4;
  const local = new Date(epochMs + zoneOffset(timeZone, epochMs) * 6e4);
  const sign = offset < 0 ? "-" : "+";
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset === 0 ? "Z" : `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`}`;
  return { iso, epochMs, year: String(local.getUTCFullYear()), month: two(local.getUTCMonth() + 1), day: two(local.getUTCDate()) };
}
function parsePostDate(raw, timeZone) {
  const text = raw.trim().replace(/\s+/g, " ");
  if (!text) return void 0;
  const fast = jekyllDate(text, timeZone);
  if (fast) return fast;
  const options2 = { zone: timeZone, setZone: true };
  let parsed;
  for (const format of formats) {
    const candidate = DateTime.fromFormat(text, format, options2);
    if (candidate.isValid) {
      parsed = candidate;
      break;
    }
  }
  if (!parsed) {
    const iso = DateTime.fromISO(text, options2);
    if (iso.isValid) parsed = iso;
  }
  if (!parsed) return void 0;
  const local = parsed.setZone(timeZone);
  return {
    iso: parsed.toISO({ suppressMilliseconds: true, includeOffset: true }),
    epochMs: parsed.toMillis(),
    year: local.toFormat("yyyy"),
    month: local.toFormat("MM"),
    day: local.toFormat("dd")
  };
}

// src/escape.ts
function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// src/bundle/read-posts.ts
import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
var postExtensions = /\.(md|markdown|mkdn|mkd|mdown)$/i;
var skippedDirectories = /* @__PURE__ */ new Set(["_drafts", "_site", "node_modules"]);
async function listPostFiles(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && postExtensions.test(entry.name)).map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/")).filter((file) => !file.split("/").some((part) => part.startsWith(".") || skippedDirectories.has(part))).sort();
}
function statPostFile(root, file) {
  return statSync(join(root, file));
}
function sitePath(file) {
  const parts = file.split("/");
  const name = parts.pop();
  const cut = name.lastIndexOf("__");
  if (isPostFileName(name) || cut < 0 || !isPostFileName(name.slice(cut + 2))) return file;
  return [...parts, ...name.slice(0, cut).split("__"), name.slice(cut + 2)].join("/");
}

// src/bundle/render-markdown.ts
import MarkdownIt from "markdown-it";
var markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
function renderMarkdown(source) {
  return markdown.render(source);
}

// src/bundle/sanitize-article.ts
import sanitizeHtml from "sanitize-html";
var options = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "a",
    "img",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "blockquote",
    "q",
    "cite",
    "abbr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "code",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption"
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "width", "height", "title"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    ol: ["start"],
    abbr: ["title"]
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // The page has its own <h1>: an article heading one level down keeps the outline right.
  transformTags: {
    h1: "h2",
    img: (tagName, attribs) => ({ tagName, attribs: { alt: "", ...attribs } })
  },
  exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src
};
function sanitizeArticleHtml(html) {
  return sanitizeHtml(html, options);
}

// src/bundle/layout/digests.ts
import { createHash } from "node:crypto";
var DIGEST = /* @__PURE__ */ Symbol("digest");
function digestOf(record) {
  const holder = record;
  let known = holder[DIGEST];
  if (!known) {
    const json = JSON.stringify(record);
    known = { digest: createHash("sha256").update(json).digest("base64url").slice(0, 22), bytes: Buffer.byteLength(json) };
    Object.defineProperty(holder, DIGEST, { value: known, enumerable: false });
  }
  return known;
}
function rememberDigest(record, digest) {
  if (!record[DIGEST]) Object.defineProperty(record, DIGEST, { value: digest, enumerable: false });
}
function contentHash(parts) {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 24);
}

// src/bundle/build-post.ts
function stringList(value) {
  if (value === void 0 || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(/\s+/);
  return items.map((item) => String(item).trim()).filter((item) => item !== "");
}
var SUMMARY_LENGTH = 200;
var MAX_TITLE = 1e3;
var MAX_POST_CHARS = 8e6;
function ownPermalink(value) {
  if (typeof value !== "string") return { reason: "not a string" };
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|\\/i.test(value)) return { reason: "it leaves the site (a scheme, a host or a backslash)" };
  if (!value.startsWith("/")) return { reason: "it does not start at the site's root, /" };
  const segments = value.split("/").slice(1);
  if (segments.some((s) => s === ".." || s === ".")) return { reason: "it climbs out with .. or ." };
  if (!value.endsWith(".html")) return { reason: "only permalinks to .html pages are served" };
  return { path: canonicalPath(value) };
}
function excerpt(text) {
  const chars = Array.from(text);
  return chars.length <= SUMMARY_LENGTH ? text : `${chars.slice(0, SUMMARY_LENGTH).join("")}\u2026`;
}
function buildPost(file, text, site) {
  const fail = (message) => ({ status: "failed", problem: { file, severity: "error", message } });
  let frontMatter;
  try {
    frontMatter = parseFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) return fail(error.message);
    const mark = error.mark;
    const closing = text.replace(/\r\n?/g, "\n").split("\n").findIndex((l, i) => i > 0 && l.startsWith("---"));
    const line = mark?.line === void 0 ? void 0 : closing > 1 ? Math.min(mark.line + 1, closing) : mark.line + 1;
    const message = `front matter is not valid YAML: ${error.message.split("\n")[0]}; quote values that hold ": ", " #" or quotes`;
    return { status: "failed", problem: { file, severity: "error", message, ...line ? { line } : {} } };
  }
  const { data, body, hasFrontMatter, repairs, rawDate } = frontMatter;
  if (!hasFrontMatter) return fail("no front matter: a post starts with a `---` block holding at least `title` and `date`");
  if (data.published === false) return { status: "unpublished", reason: "published: false" };
  const title = typeof data.title === "string" || typeof data.title === "number" ? String(data.title).trim() : "";
  if (!title) return fail("no `title` in the front matter");
  if (Array.from(title).length > MAX_TITLE) return fail(`title is ${Array.from(title).length} characters long; the limit is ${MAX_TITLE}`);
  if (text.length > MAX_POST_CHARS) return fail(`post is ${(text.length / 1e6).toFixed(1)} M characters; the limit is ${MAX_POST_CHARS / 1e6} M`);
  const fileName = sitePath(file).split("/").pop();
  const { date: fileDate, slug } = splitPostFileName(fileName);
  let date = parsePostDate(rawDate, site.timeZone);
  const warnings = repairs.map(({ message, line }) => ({ file, line, severity: "warning", message }));
  if (!isPostFileName(fileName)) {
    warnings.push({ file, severity: "warning", message: "file name is not YYYY-MM-DD-<slug>.md, as Jekyll expects; the slug is the whole name" });
  }
  if (!date && fileDate) {
    date = parsePostDate(fileDate, site.timeZone);
    if (date) warnings.push({ file, severity: "warning", message: `date ${JSON.stringify(rawDate)} is not a date; used the file name's date ${fileDate}` });
  }
  if (!date) return fail(`date ${JSON.stringify(rawDate)} is not a date (write it as 2022-05-29 13:37:26 +0800)`);
  const categories = stringList(data.categories ?? data.category);
  const tags = stringList(data.tags ?? data.tag);
  let path = jekyllPermalink(categories, date, slug);
  if (data.permalink !== void 0) {
    const own = ownPermalink(data.permalink);
    if ("path" in own) path = own.path;
    else warnings.push({ file, severity: "warning", message: `permalink ${JSON.stringify(data.permalink)} ignored: ${own.reason}; served at ${path}` });
  }
  let cleaned;
  let contentHtml;
  try {
    cleaned = cleanArticleHtml(renderMarkdown(body), { baseUrl: `${site.url}${path}`, httpsHosts: site.httpsHosts });
    contentHtml = sanitizeArticleHtml(cleaned.html);
  } catch (error) {
    const reason = error instanceof RangeError ? "its HTML is nested too deeply" : error.message;
    return fail(`the body could not be rendered: ${reason}`);
  }
  const digest = cleaned.digest ? cleaned.digest : void 0;
  if (!contentHtml && digest) contentHtml = sanitizeArticleHtml(`<p>${escapeXml(digest)}</p>`);
  const summary = digest ?? excerpt(cleaned.lead);
  if (!contentHtml) warnings.push({ file, severity: "warning", message: "the post has no body: published with its title only" });
  const record = {
    id: `${site.url}${path.replace(/\.html$/, "")}`,
    path,
    title,
    date: date.iso,
    summary,
    contentHtml,
    categories,
    tags,
    ...cleaned.sourceUrl ? { sourceUrl: cleaned.sourceUrl } : {}
  };
  return { status: "published", post: { record, epochMs: date.epochMs, digest: digestOf(record) }, warnings };
}

// src/bundle/decode-post.ts
import { TextDecoder } from "node:util";
var utf8 = new TextDecoder("utf-8", { fatal: true });
var gbk = new TextDecoder("gbk", { fatal: true });
function cjkShare(text) {
  const wide = text.replace(/[\u0000-\u007f]/g, "");
  if (!wide) return 0;
  return (wide.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu)?.length ?? 0) / Array.from(wide).length;
}
function decodePost(bytes) {
  if (bytes.byteLength === 0 || bytes.every((b) => b === 32 || b === 10 || b === 13 || b === 9)) return { error: "empty file" };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
  }
  try {
    const text = gbk.decode(bytes);
    if (cjkShare(text) >= 0.7) return { text, warning: "file is GBK, not UTF-8: read as GBK; save it as UTF-8" };
  } catch {
  }
  let valid = 0;
  for (let end = 1; end <= bytes.byteLength; end++) {
    try {
      utf8.decode(bytes.subarray(0, end));
      valid = end;
    } catch {
      if (end - valid > 4) break;
    }
  }
  return { error: `file is not UTF-8 (invalid bytes after byte ${valid}): not published, to keep mojibake out of the feeds; save it as UTF-8` };
}

// src/bundle/post-file.ts
function textKey(text) {
  return createHash2("sha256").update(text).digest("base64url");
}
function buildPostFile(root, file, site, lastKey) {
  const decoded = decodePost(readFileSync(join2(root, file)));
  if ("error" in decoded) return decoded;
  const key = textKey(decoded.text);
  const warning = decoded.warning ? { decodeWarning: decoded.warning } : {};
  if (key === lastKey) return { key, ...warning, same: true };
  return { key, ...warning, result: buildPost(file, decoded.text, site) };
}

export {
  digestOf,
  rememberDigest,
  contentHash,
  listPostFiles,
  statPostFile,
  sitePath,
  parseFrontMatter,
  escapeXml,
  buildPostFile
};
//# sourceMappingURL=chunk-APZ3DEWB.js.map
