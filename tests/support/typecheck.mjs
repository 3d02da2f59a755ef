// npm run typecheck: the four TypeScript projects (shared, worker, bundler, tests), two at a time,
// as many as the machine's cores; fails when any fails, with its output.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const projects = ["tsconfig.shared.json", "tsconfig.worker.json", "tsconfig.bundler.json", "tsconfig.json"];
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));

function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, "-p", project], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ project, code, output }));
  });
}

const queue = [...projects];
const failed = [];
await Promise.all(
  Array.from({ length: Math.min(2, availableParallelism()) }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const { code, output } = await check(project);
      if (code !== 0) failed.push(`tsc -p ${project}:\n${output}`);
    }
  }),
);
if (failed.length) {
  console.error(failed.join("\n"));
  process.exit(1);
}
