import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/bundler/read/front-matter.js";

describe("parseFrontMatter", () => {
  it("keeps dates as the text the author wrote (no UTC instant 8 hours off)", () => {
    const { data, body } = parseFrontMatter('---\ntitle: "t"\ndate: 2021-12-01 20:33:50\n---\nbody\n');
    expect(data.date).toBe("2021-12-01 20:33:50");
    expect(body).toBe("body\n");
  });

  it("reads BOM and CRLF files like any other", () => {
    const { data, body } = parseFrontMatter('\uFEFF---\r\ntitle: "t"\r\ndate: 2022-05-29 13:37:26 +0800\r\n---\r\nline\r\n');
    expect(data).toEqual({ title: "t", date: "2022-05-29 13:37:26 +0800" });
    expect(body).toBe("line\n");
  });

  it.each(["js", "javascript", "coffee", "json", "toml"])("refuses ---%s front matter without running it", (language) => {
    const marker = `__ran_${language}`;
    const post = `---${language}\n{ title: (globalThis.${marker} = true, "x") }\n---\nbody\n`;
    expect(() => parseFrontMatter(post)).toThrow(/only YAML is read/);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it("refuses YAML tags that would build functions or regexps", () => {
    for (const tag of ["!!js/function 'function () { globalThis.__tagRan = true }'", "!!js/regexp /x/", "!!js/undefined ''"]) {
      expect(() => parseFrontMatter(`---\ntitle: ${tag}\n---\n`)).toThrow();
    }
    expect((globalThis as Record<string, unknown>).__tagRan).toBeUndefined();
  });

  it("tells when a file has no front matter", () => {
    expect(parseFrontMatter("just text\n").hasFrontMatter).toBe(false);
  });
});
