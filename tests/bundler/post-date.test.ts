import { describe, expect, it } from "vitest";
import { parsePostDate } from "../../src/bundler/read/post-date.js";

const zone = "Asia/Shanghai";

describe("parsePostDate", () => {
  it("keeps the post's own offset", () => {
    expect(parsePostDate("2022-05-29 13:37:26 +0800", zone)).toMatchObject({ iso: "2022-05-29T13:37:26+08:00", year: "2022", month: "05", day: "29" });
    expect(parsePostDate("2022-05-29T13:37:26-05:00", zone)?.iso).toBe("2022-05-29T13:37:26-05:00");
  });

  it("reads a date without offset as wall-clock time in the site's zone", () => {
    const date = parsePostDate("2021-12-01 20:33:50", zone)!;
    expect(date.iso).toBe("2021-12-01T20:33:50+08:00");
    expect(date.epochMs).toBe(Date.UTC(2021, 11, 1, 12, 33, 50));
  });

  it("puts permalink date parts in the site's zone, whatever the post's offset", () => {
    // 20:33 UTC on Dec 1 is already Dec 2 in Shanghai: Jekyll's URL says 02
    expect(parsePostDate("2021-12-01 20:33:50 +0000", zone)).toMatchObject({ day: "02", iso: "2021-12-01T20:33:50Z" });
  });

  it("accepts a date alone, at midnight in the site's zone", () => {
    expect(parsePostDate("2022-05-29", zone)?.iso).toBe("2022-05-29T00:00:00+08:00");
  });

  it.each(["", " +0800", "2022-02-30 10:00:00", "yesterday", "2022-13-01"])("rejects %j", (raw) => {
    expect(parsePostDate(raw, zone)).toBeUndefined();
  });
});
