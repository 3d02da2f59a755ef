// A posts folder with every kind of bad file mixed in, through the real command: one bad file
// loses nothing else, costs little, and nothing malformed reaches a reader.
import { execFileSync, spawn } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { generateCorpus } from "../../tools/corpus.js";
import { statPostFile } from "../../src/bundler/read/files.js";
import { buildPostFile } from "../../src/bundler/records/post-file.js";
import { archiveContext, archivePostFile, archiveSite as site } from "../support/archive-site.js";
import app from "../../src/worker/index.js";
import { notWellFormed } from "../worker/xml.js";
import { JsWorkMeter } from "../support/js-work.js";
import { MemoryKv } from "../support/memory-kv.js";
import { root } from "../support/shared.js";

const post = (front: string, body = "正文。\n") => `---\n${front}\n---\n${body}`;
const dated = (title: string, day: string, more = "") => post(`title: "${title}"\ndate: ${day} 08:00:00 +0800\ncategories: emnews\ntags: 东财滚动新闻${more}`);
const asRoot = process.getuid?.() === 0;

/** Every bad file this section knows of, by path, with what report.json must say of it. */
async function hostileFolder(): Promise<{ dir: string; bad: Record<string, RegExp>; good: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "hostile-"));
  await cp(join(root, "posts"), dir, { recursive: true });
  const at = (name: string) => join(dir, "_posts", name);
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const bad: Record<string, RegExp> = {};
  const good: string[] = [];
  const many = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(" ");
  const files: [string, string | Uint8Array, RegExp | "good"][] = [
    ["2024-04-01-many.md", post(`title: 很多分类\ndate: 2024-04-01 08:00:00 +0800\ncategories: ${many}\ntags: ${many}`), "good"],
    ["2024-04-02-stray.md", Uint8Array.from([...utf8(dated("测试", "2024-04-02")), 0xff]), /invalid byte at offset \d+/],
    ["2024-04-03-markup.md", post(`title: "<b>标题</b> ]]> &amp;"\ndate: 2024-04-03 08:00:00 +0800\ncategories: ["<b>", "a&b"]\ntags: ["]]>", "\\"q\\"", "\\u0001x", "\\ud800y"]`), "good"],
    ["2024-04-04-dots.md", dated("点点", "2024-04-04", '\npermalink: "/%2e%2e/x.html"'), "good"],
    ["2024-04-05-owned.md", dated("旧链接", "2024-04-05", "\npermalink: /category/x.html"), "good"],
    ["2024-04-06-deep.md", post("title: deep\ndate: 2024-04-06 08:00:00 +0800", `${"<div>".repeat(50_000)}深${"</div>".repeat(50_000)}`), /nested more than 500 levels/],
    ["2024-04-07-js.md", "---js\n{ title: 'x' }\n---\n正文\n", /refused/],
    ["2024-04-08-bomb.md", post(`a: &a [x,x,x]\nb: [*a,*a,*a]\ntitle: bomb`), /anchors/],
  ];
  for (const [name, content, expectation] of files) {
    await writeFile(at(name), content);
    if (expectation === "good") good.push(`_posts/${name}`);
    else bad[`_posts/${name}`] = expectation;
  }
  // files that are not files, or cannot be read
  await writeFile(Buffer.from(join(dir, "_posts/2024-04-09-bad-\xff\xfe-name.md"), "latin1"), dated("坏名字", "2024-04-09"));
  bad["_posts/2024-04-09-bad-\uFFFD\uFFFD-name.md"] = /name is not UTF-8/;
  execFileSync("mkfifo", [at("2024-04-10-fifo.md")]);
  bad["_posts/2024-04-10-fifo.md"] = /named pipe/;
  await mkdir(at("2024-04-11-folder.md"));
  bad["_posts/2024-04-11-folder.md"] = /a folder named like a post, not a file/;
  await symlink("/etc/passwd", at("2024-04-12-out.md"));
  bad["_posts/2024-04-12-out.md"] = /symbolic link/;
  await symlink("2024-04-13-loop.md", at("2024-04-13-loop.md"));
  bad["_posts/2024-04-13-loop.md"] = /symbolic link/;
  await writeFile(at("2024-04-14-huge.md"), dated("巨大", "2024-04-14"));
  await truncate(at("2024-04-14-huge.md"), 3 * 1024 ** 3); // sparse: 3 GiB of nothing on disk
  bad["_posts/2024-04-14-huge.md"] = /3072\.0 MB, more than any post/;
  await writeFile(at("2024-04-15-locked.md"), dated("锁住", "2024-04-15"));
  await chmod(at("2024-04-15-locked.md"), 0o000);
  bad["_posts/2024-04-15-locked.md"] = /permission denied/;
  // everyone may read the rest: the command runs as another user where these tests run as root
  execFileSync("chmod", ["-R", "a+rX", dir]);
  await chmod(at("2024-04-15-locked.md"), 0o000);
  return { dir, bad, good };
}

/** `npm run bundle`'s command, as a user that root's rights do not cover when run as root (so that a locked file is locked). */
function runBundle(posts: string, out: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(root, "bin/publisher.mjs"), "bundle", "--posts", posts, "--out", out, "--no-cache"], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("a posts folder with every kind of bad file", () => {
  it("bundles with exit 0, lists every bad file by path, publishes every good post, and serves only well-formed feeds", async () => {
    const { dir, bad, good } = await hostileFolder();
    // compiled once by this user, so that the command run as another user finds it built
    expect((await runBundleAsSelf()).code).toBe(0);
    const out = await mkdtemp(join(tmpdir(), "hostile-out-"));
    await chmod(out, 0o777);
    const { code, output } = await runBundle(dir, out);
    expect(code, output).toBe(0);
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as { posts: number; problems: { file: string; severity: string; message: string }[]; skipped: { file: string }[] };
    for (const [file, message] of Object.entries(bad)) {
      expect(report.problems.filter((p) => p.file === file && p.severity === "error").map((p) => p.message).join(" | "), file).toMatch(message);
    }
    // the nine sample posts and every good one here
    expect(report.posts).toBe(9 + good.length);

    const kv = await new MemoryKv().putFile(join(out, "kv-put.json"));
    const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
    const get = async (path: string) => app.fetch(new Request(`http://127.0.0.1:8787${path}`), env);
    const opml = await (await get("/opml.xml")).text();
    expect(notWellFormed(opml)).toBeUndefined();
    const feeds = ["/", ...[...opml.matchAll(/xmlUrl="http:\/\/127\.0\.0\.1:8787([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&").replace(/atom\.xml$/, ""))];
    for (const base of feeds) {
      for (const file of ["rss.xml", "atom.xml"]) {
        const res = await get(base + file);
        expect(res.status, base + file).toBe(200);
        expect(notWellFormed(await res.text()), base + file).toBeUndefined();
      }
      JSON.parse(await (await get(`${base}feed.json`)).text());
    }
    // every published post answers at the link its feeds give
    const links = (JSON.parse(await (await get("/feed.json")).text()) as { items: { url: string; title: string }[] }).items;
    expect(links.map((i) => i.title)).toContain("很多分类");
    for (const { url } of links) expect((await get(new URL(url).pathname)).status, url).toBe(200);
  }, 120_000);

  async function runBundleAsSelf() {
    const out = await mkdtemp(join(tmpdir(), "warm-"));
    return new Promise<{ code: number | null }>((resolve) =>
      spawn(process.execPath, [join(root, "bin/publisher.mjs"), "bundle", "--posts", join(root, "posts"), "--out", out, "--no-cache"], { cwd: root, stdio: "ignore" }).on("exit", (code) => resolve({ code })),
    );
  }

  it("reports a file gone between listing and reading, at each place it can go", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gone-"));
    expect(statPostFile(dir, "_posts/2024-01-01-gone.md")).toEqual({ error: "the file went away while the posts were being read" });
    expect(buildPostFile(dir, archivePostFile("_posts/2024-01-01-gone.md"), archiveContext)).toEqual({ error: "the file went away while the posts were being read" });
  });
});

describe("what a deploy costs over bad files", () => {
  it("stays proportional to the folder's size: a byte of bad files costs at most a small multiple of a byte of good ones", async () => {
    const good = await mkdtemp(join(tmpdir(), "good-"));
    await generateCorpus({ count: 25, out: good, samples: join(root, "posts") });
    const bad = await mkdtemp(join(tmpdir(), "bad-"));
    await mkdir(join(bad, "_posts"));
    const names = await readdir(join(good, "_posts"));
    const many = Array.from({ length: 2_000 }, (_, i) => `c${i}`).join(" ");
    const padding = "正文。".repeat(2_000);
    // the same number of files, each a kind of trouble, each about as large as a good post or larger
    for (const [i, name] of names.entries()) {
      const shape = i % 5;
      const body =
        shape === 0
          ? Uint8Array.from([...new TextEncoder().encode(dated("坏", "2024-01-01") + padding), 0xff])
          : shape === 1
            ? post(`title: many\ndate: 2024-01-01 08:00:00 +0800\ncategories: ${many}\ntags: ${many}`)
            : shape === 2
              ? post("title: deep\ndate: 2024-01-01 08:00:00 +0800", `${"<div>".repeat(400)}深${"</div>".repeat(400)}`.repeat(20))
              : shape === 3
                ? post(`a: &a [x]\ntitle: "${padding}"`)
                : Uint8Array.from([...new TextEncoder().encode(padding), 0x80]);
      await writeFile(join(bad, "_posts", name), body);
    }
    const bytes = async (dir: string) => {
      let sum = 0;
      for (const name of await readdir(join(dir, "_posts"))) sum += (await readFile(join(dir, "_posts", name))).byteLength;
      return sum;
    };
    // work counted, not timed (see JsWorkMeter): the same on a busy machine as on an idle one
    const meter = await JsWorkMeter.start();
    try {
      const work = async (dir: string) => (await meter.count("buildFolder", dir)).work;
      // the libraries' lazy parts made before either is measured
      await work(good);
      await work(bad);
      const [goodWork, badWork] = [await work(good), await work(bad)];
      expect(goodWork).toBeGreaterThan(0);
      // work per byte of post files: the hostile folder's at most a small multiple of the good one's
      // (0.85 today, the same within 1 % from run to run: work quadratic in the depth of the deep files makes it 1.9)
      expect(badWork / (await bytes(bad)) / (goodWork / (await bytes(good)))).toBeLessThan(1.5);
    } finally {
      await meter.stop();
    }
  });
});

describe("a run cut short", () => {
  it("leaves every output whole, the last run's or its own, never a truncated one the next run trusts", async () => {
    const posts = await mkdtemp(join(tmpdir(), "killed-posts-"));
    await generateCorpus({ count: 60, out: posts, samples: join(root, "posts") });
    const out = await mkdtemp(join(tmpdir(), "killed-out-"));
    const cache = await mkdtemp(join(tmpdir(), "killed-cache-"));
    const logFile = join(out, "..", `${basename(out)}-writes.json`);
    // the bundle, killed (SIGKILL) by tests/support/die-at-write.mjs where `at` says: a kill at a chosen write, not after some milliseconds
    const run = (at: Record<string, string> = {}) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        spawn(process.execPath, ["--import", join(root, "tests/support/die-at-write.mjs"), join(root, "bin/publisher.mjs"), "bundle", "--posts", posts, "--out", out, "--cache", cache], {
          cwd: root,
          stdio: "ignore",
          env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRITES_LOG: logFile, ...at },
        }).on("exit", (code, signal) => resolve({ code, signal })),
      );
    const writes = async () => JSON.parse(await readFile(logFile, "utf8")) as { writes: { file: string; from: number; to: number }[]; renames: string[]; died: string | null };
    expect(await run()).toEqual({ code: 0, signal: null });
    const whole = async (where: string) => {
      for (const name of ["kv-put.json", "kv-delete.json", "state.json", "report.json"]) {
        const text = await readFile(join(out, name), "utf8");
        expect(() => JSON.parse(text), `killed ${where}: ${name}`).not.toThrow();
      }
      // the build cache reads back whole, or not at all: never a build from half a file
      const again = await buildPosts(posts, { cacheDir: cache });
      expect(again.records, `killed ${where}: the build cache`).toHaveLength((await readdir(join(posts, "_posts"))).length);
    };
    // killed halfway through writing each file (the build cache, then kv-put.json, kv-delete.json, state.json, report.json),
    // and just before each is renamed into place
    const { writes: files, renames } = await writes();
    const named = (path: string) => basename(path).replace(/\.\d+(\.tmp)?$/, "");
    expect(files.map((w) => named(w.file))).toEqual([expect.stringMatching(/^builds-/), "kv-put.json", "kv-delete.json", "state.json", "report.json"]);
    const points = [
      ...files.map((w) => ({ at: { DIE_WRITING: named(w.file), DIE_AFTER_BYTES: String(Math.ceil((w.to - w.from) / 2)) }, where: `halfway through writing ${named(w.file)}`, file: w.file })),
      ...renames.map((to, i) => ({ at: { DIE_AT_RENAME: String(i + 1) }, where: `just before renaming ${basename(to)} into place`, file: to })),
    ];
    for (const [i, { at, where, file }] of points.entries()) {
      // a new post each time: every run has something new to write
      await writeFile(join(posts, "_posts", `2024-07-01-new${i}.md`), dated(`新${i}`, "2024-07-01"));
      expect(await run(at), where).toEqual({ code: null, signal: "SIGKILL" });
      // where it died: the file it was writing, or the one it was about to rename
      expect(named((await writes()).died!.split(" ").at(-1)!), where).toBe(named(file));
      await whole(where);
    }
  }, 120_000);
});
