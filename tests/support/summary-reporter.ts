import type { Reporter, TestModule } from "vitest/node";
import { fastCheckSeed } from "./fast-check-seed.js";

/** Ends every run with one plain line, `Tests: N passed, N failed, N skipped`, that CI reads. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") count.passed++;
        else if (state === "failed") count.failed++;
        else count.skipped++;
      }
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) count.failed++;
    }
    console.log(`\nfast-check seed ${fastCheckSeed()} (FC_SEED=<seed> runs it again, FC_SEED=random draws a new one)`);
    console.log(`Tests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}
