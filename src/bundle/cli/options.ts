import { parseArgs } from "node:util";

export interface CliOptions {
  posts: string;
  out?: string;
  port: number;
}

/** `--posts <dir>` (default `posts`), `--out <dir>`, `--port <n>` (default 8787). */
export function readCliOptions(argv = process.argv.slice(2)): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: "string", default: "posts" },
      out: { type: "string" },
      port: { type: "string", default: "8787" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  return { posts: values.posts!, out: values.out, port };
}

/** Runs a command-line entry point, turning errors into one line and exit code 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
