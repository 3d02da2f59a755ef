import MarkdownIt from "markdown-it";

// Raw HTML is on because eastmoney bodies are half HTML; the sanitizer decides what survives.
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

export function markdownToHtml(source: string): string {
  return markdown.render(source);
}
