// npm run bundle -- --posts <dir> --out <dir> [--previous <dir>]: a publish done offline, as files.
import { join } from "node:path";
import { writeFileAtomic } from "../publish/atomic-file.js";
import { OfflineKvStore } from "../publish/offline-store.js";
import { publishWith, readCliOptions, runCli } from "./options.js";

runCli(async () => {
  const options = readCliOptions();
  const store = await OfflineKvStore.open(options.out, options.previous, options.now);
  let report;
  try {
    report = await publishWith(options, store);
  } catch (error) {
    await store.abandon();
    throw error;
  }
  const files = await store.close();
  await writeFileAtomic(join(options.out, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${[...files, join(options.out, "report.json")].join(", ")}`);
});
