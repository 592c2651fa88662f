/**
 * Progress of a generation's evaluations: a bar with rate and ETA on a terminal (cli-progress, on
 * stderr), nothing otherwise — the line printed after each generation is the plain record.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, generation: number, generations: number): void;
  /** Clears the bar before a line is printed. */
  stop(): void;
}

/** A bar on `stream` when it is a terminal; undefined when it is not. */
export function terminalProgress(stream: NodeJS.WriteStream): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      clearOnComplete: true,
      hideCursor: true,
      format: 'gen {generation}/{generations} |{bar}| {value}/{total} evaluations  {eta_formatted} left',
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    update(done, total, generation, generations) {
      const payload = { generation: generation + 1, generations };
      if (!running) bar.start(total, done, payload);
      else bar.update(done, payload);
      running = true;
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
