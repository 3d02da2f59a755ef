import { rename, rm, writeFile } from "node:fs/promises";

/** Writes a file aside and renames it into place: a run cut short never leaves half a file that the next run trusts. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const scratch = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(scratch, data);
    await rename(scratch, path);
  } catch (error) {
    await rm(scratch, { force: true });
    throw error;
  }
}
