import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      {
        // The deploy-time half, in Node.
        test: { name: "bundler", include: ["tests/bundler/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        // The edge half, in workerd, with KV filled by the real bundler (see global-setup.ts).
        // Tests swap KV contents between requests: read the manifest every time.
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { bindings: { MANIFEST_TTL_SECONDS: "0" } } })],
        test: { name: "worker", include: ["tests/worker/**/*.test.ts"], globalSetup: ["tests/worker/global-setup.ts"] },
      },
    ],
  },
});
