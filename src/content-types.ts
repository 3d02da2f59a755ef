/** Media types of everything the Worker serves; all of it is UTF-8. */
export const mediaTypes = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
  html: "text/html",
  opml: "text/x-opml",
  text: "text/plain",
} as const;

export type MediaKind = keyof typeof mediaTypes;

export function contentType(kind: MediaKind): string {
  return `${mediaTypes[kind]}; charset=utf-8`;
}
