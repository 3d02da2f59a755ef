import { inject } from "vitest";

/** The sample archive's site settings (posts/_config.yml), read in Node by the global setup. */
export const site = inject("archiveSite");
