/**
 * Conditional GET (RFC 9110 §13): strong ETags from the body's bytes, so the same content gives
 * the same ETag on every instance and after every deploy; If-None-Match (weak comparison) first,
 * If-Modified-Since only without it.
 */

export async function bodyEtag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, "");
}

/** Whether a request's validators say its copy is current, so the answer is 304. */
export function notModified(headers: Headers, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() === "*") return true;
    return ifNoneMatch.split(",").some((tag) => opaque(tag) === opaque(etag));
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince !== null && lastModified) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
