import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort, startServer, type DevServer } from "./dev-server.js";

export interface CeilingBody {
  body: string;
  contentType: string;
}

/**
 * The ceiling: a Worker under the same `wrangler dev` that answers each path with fixed bytes from
 * memory, and 304 to any If-None-Match. What no publisher on this machine can beat.
 */
export async function startCeiling(root: string, dir: string, bodies: Record<string, CeilingBody>): Promise<DevServer> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "bodies.txt"), JSON.stringify(bodies));
  await writeFile(
    join(dir, "worker.js"),
    `import text from "./bodies.txt";
const bodies = JSON.parse(text);
export default {
  fetch(request) {
    const hit = bodies[new URL(request.url).pathname];
    if (!hit) return new Response("ceiling", { status: 200 });
    const headers = { "Content-Type": hit.contentType, ETag: '"ceiling"' };
    if (request.headers.get("if-none-match")) return new Response(null, { status: 304, headers });
    return new Response(hit.body, { headers });
  },
};
`,
  );
  await writeFile(join(dir, "wrangler.toml"), `name = "ceiling"\nmain = "worker.js"\ncompatibility_date = "2026-11-01"\n[[rules]]\ntype = "Text"\nglobs = ["**/*.txt"]\n`);
  const port = await freePort();
  return startServer(join(root, "node_modules/.bin/wrangler"), ["dev", "--config", join(dir, "wrangler.toml"), "--ip", "127.0.0.1", "--port", String(port)], port, dir);
}
