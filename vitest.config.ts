import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { fastCheckSeed } from "./tests/support/fast-check-seed.js";

// `npm test` runs the bundler and worker projects; `npm run test:slow` runs slow, the runs at scale.
const provide = { fastCheckSeed: fastCheckSeed() };
const setupFiles = ["tests/support/fast-check-setup.ts"];

export default defineConfig({
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    // three files at a time on two cores: many tests wait on a child process (npm run bundle, wrangler dev)
    maxWorkers: 3,
    projects: [
      {
        // The deploy-time half, in Node. A timeout only stops a test that hangs: none asserts on time.
        test: { name: "bundler", include: ["tests/bundler/**/*.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 120_000, globalSetup: ["tests/support/compile-once.ts"], setupFiles, provide },
      },
      {
        // The edge half, in workerd, with KV filled by the real bundler (see global-setup.ts).
        // Tests swap KV contents between requests: read the manifest every time.
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { bindings: { MANIFEST_TTL_SECONDS: "0" } } })],
        test: { name: "worker", include: ["tests/worker/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000, globalSetup: ["tests/worker/global-setup.ts"], setupFiles, provide },
      },
      {
        // The same behaviours as in bundler, at the archive's scale (20,000 and 100,000 posts, a day of
        // 288 publishes), the benchmark's smoke run and chains of `npm start` through wrangler dev.
        test: { name: "slow", include: ["tests/slow/**/*.test.ts"], environment: "node", testTimeout: 600_000, hookTimeout: 600_000, globalSetup: ["tests/support/compile-once.ts"], setupFiles, provide },
      },
    ],
  },
});
