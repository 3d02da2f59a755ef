/**
 * Rendered bodies kept in the isolate: a feed is rendered once per version per isolate, not once
 * per poll. Works everywhere, *.workers.dev included (where the location's cache stores nothing).
 */
import type { Body, BodyCache } from "./body.js";
import { BudgetCache } from "./budget-cache.js";

const MAX_BYTES = 24 * 1024 * 1024;

export function isolateCache(): BodyCache {
  // a body over a quarter of the budget is not kept
  const bodies = new BudgetCache<Body>(MAX_BYTES, ({ bytes }) => bytes.byteLength, MAX_BYTES / 4);
  return {
    name: "isolate",
    get: async (key) => bodies.get(key),
    put: (key, body) => bodies.set(key, body),
  };
}
