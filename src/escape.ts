// Most text has nothing to strip or escape: one test first, then the work only where it is needed.
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const NOT_PLAIN = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** A lone surrogate is not a character: it becomes U+FFFD, as UTF-8 would write it (and as URLs can encode it). */
export function wellFormed(text: string): string {
  if (!ANY_SURROGATE.test(text)) return text;
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** What XML 1.0 cannot hold at all, gone: C0 controls but tab, LF and CR, U+FFFE/U+FFFF; lone surrogates as U+FFFD. */
export function stripNonXml(text: string): string {
  return wellFormed(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));
}

/** Text made safe inside XML or HTML, in content and in double-quoted attributes: the one escape every string passes. */
export function escapeXml(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  return stripNonXml(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
