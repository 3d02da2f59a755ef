// vitest setupFiles, in Node and in workerd: every property of the run draws from the run's seed
// (provided by vitest.config.ts, see fast-check-seed.ts).
import fc from "fast-check";
import { inject } from "vitest";
import "./fast-check-seed.js";

fc.configureGlobal({ seed: inject("fastCheckSeed") });
