import { beforeAll, expect, it } from "vitest";
import { clearKv, get } from "./kv.js";

beforeAll(clearKv);

it.each(["/", "/rss.xml", "/feed.json"])("%s answers 503 with what to run when nothing is deployed", async (path) => {
  const res = await get(path);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain("npm start");
});

it("answers /favicon.ico even before anything is deployed", async () => {
  const res = await get("/favicon.ico");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/x-icon");
  // an ICO of two images
  expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 6)]).toEqual([0, 0, 1, 0, 2, 0]);
});
