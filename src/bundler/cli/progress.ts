import cliProgress from "cli-progress";

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A bar on a terminal; elsewhere (CI, logs) a plain line at every tenth of the way, so that a
 * redirected log stays readable.
 */
export function startProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (total === 0) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(10)} [{bar}] {value}/{total} {percentage}% {eta_formatted} left`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let shown = -1;
  return {
    update(done) {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > shown) {
        shown = tenth;
        stream.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
