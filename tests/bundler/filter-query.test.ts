// The `?q=` filter language: what a query means (parseQuery), the one spelling of it (canonical),
// how text is folded for matching (foldText), what text a post is matched on (plainTextOf) and the
// match itself (matchesQuery), judged on hand-made cases, random spellings and the corpus's posts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainTextOf } from "../../src/bundler/article/plain-text.js";
import { foldPostText, foldText } from "../../src/filter/fold.js";
import { matchesQuery } from "../../src/filter/match.js";
import { describeQuery, isEmptyQuery, parseQuery, type Query } from "../../src/filter/query.js";
import { buildArchivePost } from "../support/archive-site.js";
import { corpusDir } from "../support/shared.js";

function parsed(raw: string): { query: Query; canonical: string } {
  const result = parseQuery(raw);
  if (!result.ok) throw new Error(`${JSON.stringify(raw)} refused: ${result.reason}`);
  return result;
}

function refusal(raw: string): string {
  const result = parseQuery(raw);
  if (result.ok) throw new Error(`${JSON.stringify(raw)} accepted as ${result.canonical}`);
  return result.reason;
}

/** Whether a post of this title and article HTML answers the query. */
function postMatches(raw: string, title: string, html: string): boolean {
  return matchesQuery(parsed(raw).query, foldPostText(title, plainTextOf(html)));
}

describe("foldText", () => {
  it.each([
    ["full-width letters, capitals and lowercase", ["ＥＴＦ", "ETF", "etf", "Etf", "ｅｔｆ"], "etf"],
    ["full-width digits and signs", ["５０％", "50%"], "50%"],
    ["the ideographic space", ["中证\u3000500", "中证 500", "中证 \t 500"], "中证 500"],
    ["ß and ẞ, as in full case folding", ["STRASSE", "Straße", "STRAẞE", "strasse"], "strasse"],
    ["the long s and the Kelvin sign, by NFKC", ["ſ\u212A", "SK", "sk"], "sk"],
    ["a Turkish dotted İ, as the i a reader types", ["İSTANBUL", "istanbul", "ISTANBUL"], "istanbul"],
    ["Greek final sigma: the same σ wherever Σ stands", ["ΟΔΟΣ", "οδος", "οδοσ"], "οδοσ"],
    ["characters nobody sees inside a word", ["宁德\u200b时代", "宁\u00ad德时\ufeff代", "宁德时代"], "宁德时代"],
    ["a compatibility ideograph, as its unified one", ["\uF90A融", "金融"], "金融"],
    ["a letter and its mark, composed once lowercased", ["J\u030C", "j\u030C", "\u01F0"], "\u01F0"],
    ["Hangul letters a hidden character kept apart", ["\u1100\u200B\u1161", "\uAC00"], "\uAC00"],
    ["a typographic apostrophe, as the one a reader types", ["Don’t", "don't", "DONʼT", "don‘t"], "don't"],
  ])("folds alike: %s", (_, spellings, folded) => {
    for (const spelling of spellings) expect(foldText(spelling)).toBe(folded);
  });

  it("keeps a line break, one for a run, and one space for other whitespace", () => {
    expect(foldText("  第一段 \n\n  第二段\t\u3000尾  ")).toBe("第一段\n第二段 尾");
  });

  it("leaves a dotless ı its own letter", () => {
    expect(foldText("ı")).toBe("ı");
  });

  it("is idempotent on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }), (a, b) => {
        for (const text of [a, b, a + b]) expect(foldText(foldText(text))).toBe(foldText(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseQuery", () => {
  it.each([
    ["宁德时代", "宁德时代", [["宁德时代"]], []],
    ["宁德时代 电池", "宁德时代 电池", [["宁德时代"], ["电池"]], []],
    ["宁德时代|比亚迪 电池", "宁德时代|比亚迪 电池", [["宁德时代", "比亚迪"], ["电池"]], []],
    ["宁德时代 | 比亚迪", "宁德时代|比亚迪", [["宁德时代", "比亚迪"]], []],
    ["宁德时代 -广告", "宁德时代 -广告", [["宁德时代"]], ["广告"]],
    ["-广告 宁德时代", "宁德时代 -广告", [["宁德时代"]], ["广告"]],
    ['光伏 -"sponsored content"', '光伏 -"sponsored content"', [["光伏"]], ["sponsored content"]],
    ["光伏 -广告|推广", "光伏 -广告 -推广", [["光伏"]], ["广告", "推广"]],
    ['"新能源  汽车"', '"新能源 汽车"', [["新能源 汽车"]], []],
    ['"降准"', "降准", [["降准"]], []],
    ['"-5%" "a|b"', '"-5%" "a|b"', [["-5%"], ["a|b"]], []],
    ["A-share 中证500-ETF", "a-share 中证500-etf", [["a-share"], ["中证500-etf"]], []],
    ["--5% 降息", '降息 -"-5%"', [["降息"]], ["-5%"]],
    ["ＥＴＦ｜基金\u3000－广告", "etf|基金 -广告", [["etf", "基金"]], ["广告"]],
    ["降准 降准 降准|降息 降准|降息 -x -X", "降准 降准|降息 -x", [["降准"], ["降准", "降息"]], ["x"]],
    ["光伏|光伏", "光伏", [["光伏"]], []],
    ["“增持” 评级", "“增持” 评级", [["“增持”"], ["评级"]], []],
    ["光伏 -光伏设备|储能", "光伏 -光伏设备 -储能", [["光伏"]], ["光伏设备", "储能"]],
  ])("reads %j as %j", (raw, canonical, include, exclude) => {
    const result = parsed(raw);
    expect(result.canonical).toBe(canonical);
    expect(result.query).toEqual({ include, exclude });
    expect(describeQuery(result.query)).toBe(canonical);
  });

  it.each(["", "   ", "\u3000\t\n"])("takes %j as no filter", (raw) => {
    const result = parsed(raw);
    expect(isEmptyQuery(result.query)).toBe(true);
    expect(result.canonical).toBe("");
  });

  it("counts a query with terms as not empty", () => {
    expect(isEmptyQuery(parsed("光伏").query)).toBe(false);
  });

  it.each([
    ['"新能源 汽车', 'A quote (") is not closed.'],
    ['光伏 ""', 'Quotes with nothing inside ("") look for nothing: take them out.'],
    ['"新能源"汽车', 'A closing quote ends a term: put a space after "新能源".'],
    ['新能源"汽车"', 'A quote (") can only start a term: put a space between 新能源 and the quote.'],
    ["光伏 -", "A '-' leaves out the term right after it, as in -广告: it has none."],
    ["光伏 - 广告", "A '-' leaves out the term right after it, as in -广告: it has none."],
    ["|光伏", "A '|' stands between two terms, as in 宁德时代|比亚迪: one is missing."],
    ["光伏|", "A '|' stands between two terms, as in 宁德时代|比亚迪: one is missing."],
    ["光伏||储能", "A '|' stands between two terms, as in 宁德时代|比亚迪: one is missing."],
    ["光伏|-广告", `A '-' after '|' is unclear: leave terms out on their own (-a -b), or quote a term that starts with '-' ("-a").`],
    ["-广告", "A query needs a term to look for, not only terms to leave out (-term)."],
    ["-广告 -推广|软文", "A query needs a term to look for, not only terms to leave out (-term)."],
    ["a b c d e f g h i j k", "The query has 11 terms; a query may have at most 10."],
    ["a|b|c|d|e|f -g -h -i -j -k", "The query has 11 terms; a query may have at most 10."],
    ["光".repeat(201), "The query is 201 characters long; a query may have at most 200."],
    ["x".repeat(1001), "The query is over 1000 characters long; a query may have at most 200."],
    ["光伏\u0000", "The query holds a control character (U+0000)."],
    ["宁德时代 -宁德", "Nothing can match: every post with 宁德时代 has 宁德, which is left out."],
    ["宁德时代|宁德汽车 -宁德", "Nothing can match: each of 宁德时代|宁德汽车 holds a term that is left out."],
    ["光伏 -光伏", "Nothing can match: every post with 光伏 has 光伏, which is left out."],
  ])("refuses %j", (raw, reason) => {
    expect(refusal(raw)).toBe(reason);
  });

  it("counts a query's length and terms on its one spelling", () => {
    expect(parsed(`${"光".repeat(200)}${" ".repeat(500)}`).canonical).toHaveLength(200);
    expect(parsed("a a a a a a a a a a a a").canonical).toBe("a");
  });
});

/**
 * Letters of random queries, each with spellings that fold alike. Syntax characters and spaces
 * come in full-width too; " " and "|" only ever inside quotes.
 */
const LETTERS: readonly (readonly string[])[] = [
  ["宁"], ["德"], ["时"], ["代"], ["光"], ["伏"], ["降"], ["准"], ["金", "\uF90A"],
  ["e", "E", "ｅ", "Ｅ"], ["t", "T", "ｔ", "Ｔ"], ["f", "F", "ｆ", "Ｆ"],
  ["i", "I", "İ", "ｉ", "Ｉ"], ["k", "K", "\u212A", "ｋ"], ["s", "S", "ſ", "ｓ"],
  ["ss", "SS", "ß", "ẞ", "sS"], ["σ", "Σ", "ς"], ["5", "５"], ["%", "％"], [".", "．"],
  ["-", "－"], [" ", "  ", "\u3000", "\t"], ["|", "｜"],
];
const needsQuotes = (term: string) => /[ |]/.test(term) || term.startsWith("-");

const SPACE = LETTERS.findIndex((spellings) => spellings[0] === " ");
/** A term as letters: not starting or ending with a space, which quotes would not keep. */
const termModel = fc.array(fc.nat(LETTERS.length - 1), { minLength: 1, maxLength: 4 }).filter((letters) => letters[0] !== SPACE && letters.at(-1) !== SPACE);
/** A query as letters: include groups of alternatives, then exclusions. */
const queryModel = fc.record({
  include: fc.array(fc.array(termModel, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  exclude: fc.array(termModel, { maxLength: 3 }),
});
type Model = typeof queryModel extends fc.Arbitrary<infer T> ? T : never;
type Draw = <T>(options: readonly T[]) => T;

/** One spelling of a model: `draw` picks among the ways to write each part. */
function spellModel(model: Model, draw: Draw): string {
  const spellTerm = (letters: number[]) => {
    const plain = letters.map((l) => LETTERS[l]![0]!).join("");
    const quote = needsQuotes(plain) || draw([false, true]) ? draw(['"', "＂"]) : "";
    return `${quote}${letters.map((l) => draw(LETTERS[l]!)).join("")}${quote}`;
  };
  const space = () => draw([" ", "  ", "\u3000", "\t", "\n", " \u3000 "]);
  const bar = () => draw(["|", " | ", "｜", " |", "\u3000｜"]);
  const minus = () => draw(["-", "－"]);
  const parts = model.include.map((group) => group.map(spellTerm).join(bar()));
  // a group written twice is the same query
  if (parts.length > 0 && draw([false, true])) parts.push(model.include[0]!.map(spellTerm).join(bar()));
  // exclusions anywhere among the groups (in their order), alone or as `-a|b`
  for (let i = 0, after = 0; i < model.exclude.length; i++) {
    const together = i + 1 < model.exclude.length && draw([false, true]);
    const terms = together ? [model.exclude[i]!, model.exclude[++i]!] : [model.exclude[i]!];
    const at = draw(Array.from({ length: parts.length - after + 1 }, (_, n) => after + n));
    parts.splice(at, 0, minus() + terms.map(spellTerm).join(bar()));
    after = at + 1;
  }
  return draw(["", " ", "\u3000"]) + parts.join(space()) + draw(["", "  ", "\n"]);
}

describe("the canonical spelling", () => {
  it("is the same for every spelling of a query: spaces, full-width, case, quotes, -a|b, order of exclusions, repeats", () => {
    fc.assert(
      fc.property(queryModel, fc.gen(), (model, gen) => {
        const first: Draw = (options) => options[0]!;
        const reference = parseQuery(spellModel(model, first));
        for (let n = 0; n < 4; n++) {
          const spelling = spellModel(model, (options) => gen(fc.constantFrom, ...options));
          expect(parseQuery(spelling), spelling).toEqual(reference);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads back as itself, whatever the input", () => {
    const piece = fc.oneof(
      fc.constantFrom(" ", "  ", "|", "-", '"', "｜", "－", "＂", "\u3000", "\n", "宁德", "时代", "ETF", "ß", "İ", "Σ", "ς", "\u0301", "\u200b", "ｅ", "a", "b"),
      fc.string({ unit: "grapheme-composite", maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }).map((pieces) => pieces.join("")), (raw) => {
        const result = parseQuery(raw);
        if (!result.ok) return;
        expect(parseQuery(result.canonical)).toEqual(result);
        for (const term of [...result.query.include.flat(), ...result.query.exclude]) {
          expect(term).not.toBe("");
          expect(foldText(term)).toBe(term);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("matching a post", () => {
  const title = "宁德时代发布新电池";
  const html =
    '<p>公司表示，<a href="https://finance.example.com/300750">宁德时代</a>股份的<strong>钠离子</strong>电池</p>' +
    '<p>将于明年量产。<img src="https://img.example.com/ad.png" alt="广告">R&amp;D 投入 5&nbsp;亿</p><ul><li>储能</li><li>光伏</li></ul>';

  it.each([
    ["宁德时代", true],
    ["宁德时代股份", true], // a link's words run on into the text after it
    ["钠离子电池", true],
    ["池将", false], // the end of one paragraph and the start of the next
    ['"电池 将于"', false],
    ["储能光伏", false], // two list items
    ["r&d", true],
    ['"5 亿"', true], // &nbsp; reads as a space
    ["example", false], // URLs are not text
    ["广告", false], // nor is alt text
    ["宁德时代 -广告", true],
    ["比亚迪|宁德时代 光伏", true],
    ["比亚迪|长城 光伏", false],
    ["宁德时代 -光伏", false],
    ["发布新电池 -光伏|储能", false],
    ["Ｒ＆Ｄ 投入", true],
  ])("%j: %s", (raw, expected) => {
    expect(postMatches(raw, title, html)).toBe(expected);
  });

  it("takes in the title", () => {
    expect(postMatches("发布新电池", title, html)).toBe(true);
    expect(postMatches("电池公司", title, html)).toBe(false); // title's end and the body's start
  });

  it("matches every post with the empty query", () => {
    expect(postMatches("", title, html)).toBe(true);
  });
});

describe("plainTextOf", () => {
  it.each([
    ["<p>a</p><p>b</p>", "a\nb"],
    ["<p>第一行<br>第二行</p>", "第一行\n第二行"],
    ["<p>宁德<em>时代</em>股份</p>", "宁德时代股份"],
    ["<p>  a \n  b  </p>", "a b"],
    ["<p>&lt;b&gt; &amp; &#x5b81;&#24503;&quot;</p>", '<b> & 宁德"'],
    ['<p><a href="https://x.example/a" title="t">链接</a><img src="https://x.example/i.png" alt="图"></p>', "链接"],
    ["<table><tr><th>代码</th><td>300750</td></tr></table>", "代码\n300750"],
    ["<pre>a\n  b</pre>", "a\nb"],
    ["<p>x</p><script>var s = 1</script><style>p{}</style>", "x"],
    ["", ""],
  ])("%j → %j", (html, text) => {
    expect(plainTextOf(html)).toBe(text);
  });
});

/** The corpus's posts as the deploy builds them: title and article text. */
function corpusPosts(): { title: string; text: string }[] {
  if (!existsSync(corpusDir)) return [];
  const posts: { title: string; text: string }[] = [];
  for (const name of readdirSync(corpusDir).filter((n) => n.endsWith(".md")).sort()) {
    const built = buildArchivePost(`_posts/${name}`, readFileSync(join(corpusDir, name), "utf8"));
    if (built.status === "published") posts.push({ title: built.post.record.title, text: plainTextOf(built.post.record.contentHtml) });
  }
  return posts;
}

describe("on the corpus's posts", () => {
  const posts = corpusPosts();
  const folded = posts.map((post) => foldPostText(post.title, post.text));
  const scanned = posts.map((post) => foldText(`${post.title}\n${post.text}`));

  /** A term of 2–4 characters cut from a line of a post, in a random case and width, as a reader would type it. */
  function drawTerm(gen: fc.GeneratorValue): { post: number; typed: string; term: string } {
    for (;;) {
      const post = gen(fc.nat, posts.length - 1);
      const lines = [posts[post]!.title, ...posts[post]!.text.split("\n")];
      const chars = Array.from(lines[gen(fc.nat, lines.length - 1)]!);
      const length = gen(fc.integer, { min: 2, max: 4 });
      if (chars.length < length) continue;
      const start = gen(fc.nat, chars.length - length);
      const cut = chars.slice(start, start + length);
      if (/\s/.test(cut[0]!) || /\s/.test(cut.at(-1)!)) continue;
      const typed = cut
        .map((c) => {
          const variant = gen(fc.constantFrom, "as is", "case", "width");
          if (variant === "case") return gen(fc.boolean) ? c.toUpperCase() : c.toLowerCase();
          if (variant === "width" && c >= "!" && c <= "~") return String.fromCharCode(c.charCodeAt(0) + 0xfee0);
          return c;
        })
        .join("");
      const term = foldText(typed);
      if (term === "" || term.includes('"') || typed.length > 8) continue;
      return { post, typed: needsQuotes(term) ? `"${typed}"` : typed, term };
    }
  }

  it.skipIf(posts.length === 0)("finds a post by any few characters of its text, typed in any case and width", () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const { post, typed } = drawTerm(gen);
        expect(matchesQuery(parsed(typed).query, folded[post]!), typed).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.skipIf(posts.length === 0)("matches exactly the posts a plain substring scan finds, for AND, OR and exclusions", () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const include = Array.from({ length: gen(fc.integer, { min: 1, max: 3 }) }, () =>
          Array.from({ length: gen(fc.integer, { min: 1, max: 2 }) }, () => drawTerm(gen)),
        );
        const exclude = Array.from({ length: gen(fc.integer, { min: 0, max: 2 }) }, () => drawTerm(gen));
        const raw = [...include.map((group) => group.map((t) => t.typed).join("|")), ...exclude.map((t) => `-${t.typed}`)].join(" ");
        const expected = scanned.map(
          (text) => include.every((group) => group.some((t) => text.includes(t.term))) && !exclude.some((t) => text.includes(t.term)),
        );
        const result = parseQuery(raw);
        if (!result.ok) {
          // only a query that can never match is refused here
          expect(result.reason, raw).toMatch(/^Nothing can match/);
          expect(expected.some(Boolean), raw).toBe(false);
          return;
        }
        expect(folded.map((text) => matchesQuery(result.query, text)), raw).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
