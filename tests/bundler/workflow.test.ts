// .github/workflows/deploy.yml, the workflow a posts repository copies: what it runs exists and does what docs/commands.md says.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { readCliOptions } from "../../src/bundler/cli/options.js";
import { root } from "../support/shared.js";

interface Step {
  name: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "working-directory"?: string;
  if?: string;
}

const workflow = yaml.load(await readFile(join(root, ".github/workflows/deploy.yml"), "utf8")) as {
  on: Record<string, unknown>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: { publish: { if: string; steps: Step[] } };
};
const steps = workflow.jobs.publish.steps;
const step = (name: string) => steps.find((s) => s.name === name)!;
const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { scripts: Record<string, string>; engines: { node: string } };

/** The command lines of a `run:` block, without comments, `set` lines or shell grouping. */
function commandLines(run: string): string[] {
  return run
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && !line.startsWith("set ") && !["{", "}"].includes(line) && !line.startsWith("} >>"));
}

describe(".github/workflows/deploy.yml", () => {
  it("runs on push and on a schedule, one run at a time, and only where a publisher is named", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["push", "schedule", "workflow_dispatch"]);
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
    expect(workflow.concurrency.group).toBeTruthy();
    expect(workflow.jobs.publish.if).toContain("vars.FEED_PUBLISHER_REPOSITORY");
  });

  it("uses actions pinned to a major version, and the Node the publisher needs", () => {
    for (const s of steps.filter((s) => s.uses)) expect(s.uses, s.name).toMatch(/^actions\/(checkout|setup-node|cache)@v\d+$/);
    expect(Number(step("Set up Node").with!["node-version"])).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)![0]));
  });

  it("every shell block is valid bash, and every program it calls is there", () => {
    for (const s of steps.filter((s) => s.run)) {
      expect(spawnSync("bash", ["-n"], { input: s.run }).status, s.name).toBe(0);
      for (const line of commandLines(s.run!)) {
        // the first word of each command of the line (after pipes, && and ||, inside $( )), assignments aside
        const programs = line
          .split(/\s*(?:\|\||\||&&|\$\()\s*/)
          .map((part) => part.replace(/^\w+=/, "").trim().split(/\s+/)[0]!)
          .filter((word) => /^[a-z][\w-]*$/.test(word));
        expect(programs.length, line).toBeGreaterThan(0);
        for (const program of programs) expect(spawnSync("bash", ["-c", `command -v ${program}`]).status, `${s.name}: ${program}`).toBe(0);
      }
    }
  });

  it("installs from the lockfile and publishes content only, with options the command takes and the cache it restores", async () => {
    expect(commandLines(step("Install").run!)).toEqual(["npm ci"]);
    const [publish] = commandLines(step("Publish").run!);
    const [, script, args] = /^npm run (\S+) -- (.*?) 2>&1 \| tee \.\.\/publish\.log$/.exec(publish!)!;
    // content only: `publish` writes KV and does not deploy the Worker's code
    expect(script).toBe("publish");
    expect(pkg.scripts[script!]).toContain("bin/publisher.mjs publish");
    const options = readCliOptions(args!.split(" "));
    expect(options.posts).toBe("../site");
    expect(step("Check out the posts").with!.path).toBe("site");
    expect(step("Publish")["working-directory"]).toBe(step("Check out the feed publisher").with!.path);
    // the build cache the command uses is inside what the cache step restores and saves
    expect(`${step("Publish")["working-directory"]}/${options.cache}`.startsWith(`${step("Restore the build cache").with!.path as string}/`)).toBe(true);
    expect(step("Publish").env).toMatchObject({ CLOUDFLARE_API_TOKEN: "${{ secrets.CLOUDFLARE_API_TOKEN }}", CLOUDFLARE_ACCOUNT_ID: "${{ secrets.CLOUDFLARE_ACCOUNT_ID }}" });
  });

  it("puts the deploy's summary line in the job summary, as the command prints it", async () => {
    const work = await mkdtemp(join(tmpdir(), "workflow-"));
    const out = await mkdtemp(join(tmpdir(), "workflow-out-"));
    const log = spawnSync(process.execPath, [join(root, "bin/publisher.mjs"), "bundle", "--posts", join(root, "posts"), "--out", out, "--no-cache"], { cwd: root, encoding: "utf8" });
    expect(log.status).toBe(0);
    await writeFile(join(work, "publish.log"), log.stdout + log.stderr);
    const summary = join(work, "summary.md");
    execFileSync("bash", ["-e", "-c", step("Summary").run!], { cwd: work, env: { ...process.env, GITHUB_STEP_SUMMARY: summary } });
    const text = await readFile(summary, "utf8");
    expect(text).toMatch(/^9 posts published \(12 built, 0 unchanged\), 3 skipped, \d+ problems; KV: /m);
    expect(text).toMatch(/\d+ problem lines/);
  });
});
