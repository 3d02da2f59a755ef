import { beforeAll, expect, it } from "vitest";
import { clearKv, get } from "./kv.js";

beforeAll(clearKv);

it.each(["/", "/rss.xml", "/feed.json"])("%s answers 503 with what to run when nothing is deployed", async (path) => {
  const res = await get(path);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain("npm start");
});
