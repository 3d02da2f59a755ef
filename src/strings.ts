/**
 * Every word a reader sees that is not the site's own: pages, feed descriptions, OPML outlines. In
 * the site's language: Chinese for `zh…`, English for anything else.
 */
export interface Strings {
  categoriesAndTags: string;
  allCategoriesAndTags: string;
  category: string;
  tag: string;
  /** `订阅：` before a feed's three links. */
  subscribe: string;
  subscribeTo(kindWord: string): string;
  subscribeToSearch: string;
  /** This kind's posts are exactly another feed's, whose link goes between the two parts: subscribe to that one. */
  sameAs(kindWord: string, otherKindWord: string): [before: string, after: string];
  newer: string;
  older: string;
  previousPage: string;
  nextPage: string;
  totals(total: number, page: number, pages: number): string;
  pageOf(page: number, pages: number): string;
  /** A page title past the first page. */
  paged(title: string, page: number): string;
  /** A feed's heading on its page: `分类：东财滚动新闻 (emnews)`. */
  feedHeading(kindWord: string, name: string): string;
  count(total: number): string;
  categoriesIntro: string;
  /** What follows the OPML link after `categoriesIntro`. */
  categoriesIntroEnd: string;
  categoriesDescription(site: string): string;
  /** A section's heading on `/categories/`: `分类（4）`, `Categories (4)`. */
  sectionHeading(kind: "category" | "tag", total: number): string;
  categoryFeedDescription(name: string): string;
  tagFeedDescription(name: string): string;
  original: string;
  readWhole: string;
  backHome: string;
  notFoundTitle: string;
  notFound(path: string): string;
  nothingPublishedTitle: string;
  nothingPublished: string;
  serverErrorTitle: string;
  serverError(requestId: string): string;
  /** A filtered feed's title: the feed's, and the filter. */
  filtered(title: string, filter: string): string;
  search: string;
  /** The search box's hint. */
  searchHint: string;
  /** What a filtered page found, and among how many of the newest posts. */
  found(matches: number, searched: number): string;
  opmlSite: string;
  opmlCategories: string;
  opmlTags: string;
}

const zh: Strings = {
  categoriesAndTags: "分类与标签",
  allCategoriesAndTags: "全部分类与标签 →",
  category: "分类",
  tag: "标签",
  subscribe: "订阅：",
  subscribeTo: (kind) => `订阅此${kind}：`,
  subscribeToSearch: "订阅此筛选：",
  sameAs: (kind, otherKind) => [`此${kind}的文章与${otherKind}`, "完全相同，订阅它即可："],
  newer: "← 较新",
  older: "较早 →",
  previousPage: "← 上一页",
  nextPage: "下一页 →",
  totals: (total, page, pages) => `共 ${total} 篇，第 ${page} / ${pages} 页。`,
  pageOf: (page, pages) => `第 ${page} / ${pages} 页。`,
  paged: (title, page) => `${title}（第 ${page} 页）`,
  feedHeading: (kind, name) => `${kind}：${name}`,
  count: (total) => `${total} 篇`,
  categoriesIntro: "每个分类和标签都有自己的 feed；一次订阅全部：",
  categoriesIntroEnd: "。",
  categoriesDescription: (site) => `${site}的全部分类与标签`,
  sectionHeading: (kind, total) => `${kind === "category" ? "分类" : "标签"}（${total}）`,
  categoryFeedDescription: (name) => `分类「${name}」的文章`,
  tagFeedDescription: (name) => `标签「${name}」的文章`,
  original: "原文：",
  readWhole: "阅读全文 Read the whole article",
  backHome: "返回首页",
  notFoundTitle: "找不到页面 Not found",
  notFound: (path) => `${path} 不存在。`,
  nothingPublishedTitle: "尚未发布 Nothing published yet",
  nothingPublished: "KV 中还没有文章。Run `npm start` (local) or `npm run deploy` (production) to bundle the posts into KV.",
  serverErrorTitle: "出错了 Server error",
  serverError: (id) => `这个页面暂时无法显示（request ${id}）。`,
  filtered: (title, filter) => `${title} · 筛选: ${filter}`,
  search: "搜索",
  searchHint: "关键词，如：宁德时代 光伏|储能 -广告",
  found: (matches, searched) => `在最新的 ${searched} 篇中找到 ${matches} 篇。`,
  opmlSite: "全站 Site",
  opmlCategories: "分类 Categories",
  opmlTags: "标签 Tags",
};

const en: Strings = {
  categoriesAndTags: "Categories and tags",
  allCategoriesAndTags: "All categories and tags →",
  category: "Category",
  tag: "Tag",
  subscribe: "Subscribe: ",
  subscribeTo: (kind) => `Subscribe to this ${kind.toLowerCase()}: `,
  subscribeToSearch: "Subscribe to this search: ",
  sameAs: (kind, otherKind) => [`This ${kind.toLowerCase()} has exactly the posts of the ${otherKind.toLowerCase()} `, "; subscribe to that one: "],
  newer: "← Newer",
  older: "Older →",
  previousPage: "← Previous page",
  nextPage: "Next page →",
  totals: (total, page, pages) => `${total} posts, page ${page} of ${pages}.`,
  pageOf: (page, pages) => `Page ${page} of ${pages}.`,
  paged: (title, page) => `${title} (page ${page})`,
  feedHeading: (kind, name) => `${kind}: ${name}`,
  count: (total) => (total === 1 ? "1 post" : `${total} posts`),
  categoriesIntro: "Every category and tag has its own feed; subscribe to all of them at once: ",
  categoriesIntroEnd: ".",
  categoriesDescription: (site) => `Every category and tag of ${site}`,
  sectionHeading: (kind, total) => `${kind === "category" ? "Categories" : "Tags"} (${total})`,
  categoryFeedDescription: (name) => `Posts in the category “${name}”`,
  tagFeedDescription: (name) => `Posts tagged “${name}”`,
  original: "Original: ",
  readWhole: "Read the whole article",
  backHome: "Back to the home page",
  notFoundTitle: "Not found",
  notFound: (path) => `${path} does not exist.`,
  nothingPublishedTitle: "Nothing published yet",
  nothingPublished: "KV holds no posts yet. Run `npm start` (local) or `npm run deploy` (production) to bundle the posts into KV.",
  serverErrorTitle: "Server error",
  serverError: (id) => `This page cannot be shown right now (request ${id}).`,
  filtered: (title, filter) => `${title} · Filter: ${filter}`,
  search: "Search",
  searchHint: 'Words, such as: battery solar|wind -ad "two words"',
  found: (matches, searched) => `${matches === 1 ? "1 post" : `${matches} posts`} of the newest ${searched} match.`,
  opmlSite: "Site",
  opmlCategories: "Categories",
  opmlTags: "Tags",
};

/** The strings of a site's language. */
export function stringsFor(language: string): Strings {
  return /^zh\b/i.test(language) ? zh : en;
}
