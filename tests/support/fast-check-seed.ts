declare module "vitest" {
  export interface ProvidedContext {
    fastCheckSeed: number;
  }
}

/** The seed every run uses unless told otherwise: CI's runs try the same cases, and pass or fail alike. */
const FIXED_SEED = 20_251_204;

/**
 * fast-check's seed for this run: FC_SEED (a number, or `random` to draw a new one), else
 * FIXED_SEED. A drawn seed is put back in FC_SEED, so that everything in the run agrees on it; the
 * summary line prints it.
 */
export function fastCheckSeed(): number {
  if (process.env.FC_SEED === "random") process.env.FC_SEED = String(Math.floor(Math.random() * 2 ** 31));
  return process.env.FC_SEED ? Number(process.env.FC_SEED) : FIXED_SEED;
}
