import { parseArgs } from "node:util";
import type { KvStore } from "../publish/kv-store.js";
import { publish } from "../publish/publish.js";
import type { BundleReport } from "../publish/report.js";

export interface CliOptions {
  posts: string;
  out: string;
  previous?: string;
  port: number;
  /** Where `wrangler dev` keeps its local KV (`--persist-to`). */
  state: string;
  dryRun: boolean;
  /** Build cache folder; `--no-cache` for none. */
  cache?: string;
  /** Any problem fails the command before anything is written. */
  strict: boolean;
  /** Build threads, this one included (default: one per core). */
  threads?: number;
  /** The clock, epoch ms: which posts are due, and when retired packs may go (default: now). */
  now?: number;
  /** The WebSub hub `publish` and `deploy` tell of changed feeds; undefined for the site's own (`feed_publisher.websub_hub`), "" for none. */
  hub?: string;
  /** Publish `_drafts/` too, as `jekyll build --drafts`. */
  drafts: boolean;
}

/**
 * `--posts <dir>` (default `posts`), `--out <dir>` (default `dist/bundle`), `--previous <dir>`,
 * `--port <n>` (default 8787), `--state <dir>` (default `.wrangler/state`), `--dry-run`,
 * `--cache <dir>` (default `.bundler/cache`), `--no-cache`, `--strict`, `--threads <n>` (default: one per core),
 * `--now <date>` (default: the clock; for replaying a schedule, as the benchmark does),
 * `--hub <url>` (default: the site's `feed_publisher.websub_hub`; `--hub ""` for none), `--drafts`.
 */
export function readCliOptions(argv = process.argv.slice(2)): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: "string", default: "posts" },
      out: { type: "string", default: "dist/bundle" },
      previous: { type: "string" },
      port: { type: "string", default: "8787" },
      state: { type: "string", default: ".wrangler/state" },
      "dry-run": { type: "boolean", default: false },
      cache: { type: "string", default: ".bundler/cache" },
      "no-cache": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      threads: { type: "string" },
      now: { type: "string" },
      hub: { type: "string" },
      drafts: { type: "boolean", default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new Error(`--threads must be a whole number from 1, not ${values.threads}`);
  const now = values.now === undefined ? undefined : Date.parse(values.now);
  if (now !== undefined && Number.isNaN(now)) throw new Error(`--now takes a date, like 2024-07-02T00:05:00+08:00, not ${values.now}`);
  if (values.hub && !/^https?:\/\//.test(values.hub)) throw new Error(`--hub takes the hub's http(s) URL, not ${values.hub}`);
  return { ...(values.hub === undefined ? {} : { hub: values.hub }), drafts: values.drafts!, now, threads, posts: values.posts!, out: values.out!, previous: values.previous, port, state: values.state!, dryRun: values["dry-run"]!, cache: values["no-cache"] ? undefined : values.cache, strict: values.strict! };
}

/** Runs a command-line entry point, turning errors into one line and exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/**
 * Publishes the posts the options name into `store`, with the options' cache, threads and checks.
 * `live`: the store is what the site serves, so the WebSub hub is told of what changed.
 */
export function publishWith(options: CliOptions, store: KvStore, { live = false }: { live?: boolean } = {}): Promise<BundleReport> {
  return publish({ postsDir: options.posts, cacheDir: options.cache, progress: true, dryRun: options.dryRun, strict: options.strict, threads: options.threads, now: options.now, drafts: options.drafts, store, ...(live ? { websub: options.hub === undefined ? {} : { hub: options.hub } } : {}) });
}
