/**
 * Progress for long work: a bar with rate and ETA on a terminal (cli-progress), and plain lines
 * (every 10%) when the output is a file or a pipe, so logs stay readable.
 */
import { SingleBar } from 'cli-progress';

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressReporter {
  /** `done` of `total` units of the task named `label` (a new label starts a new bar). */
  update(label: string, done: number, total: number | undefined): void;
  stop(): void;
}

/** A reporter for `units` ("bytes" are shown in MB, anything else as counts). */
export function progressReporter(stream: ProgressStream, units: 'bytes' | 'images'): ProgressReporter {
  return stream.isTTY ? barReporter(stream, units) : lineReporter(stream, units);
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function lineReporter(stream: ProgressStream, units: 'bytes' | 'images'): ProgressReporter {
  let current = '';
  let nextStep = 0;
  const amount = (n: number) => (units === 'bytes' ? `${mb(n)} MB` : n.toLocaleString('en-US'));
  return {
    update(label, done, total) {
      if (label !== current) [current, nextStep] = [label, 0];
      const fraction = total ? done / total : 0;
      if (total === undefined || fraction * 10 < nextStep) return;
      nextStep = Math.floor(fraction * 10) + 1;
      stream.write(`${label}: ${Math.floor(fraction * 100)}% (${amount(done)} of ${amount(total)})\n`);
    },
    stop() {},
  };
}

function barReporter(stream: ProgressStream, units: 'bytes' | 'images'): ProgressReporter {
  let bar: SingleBar | undefined;
  let current = '';
  const format =
    units === 'bytes'
      ? '{label} [{bar}] {percentage}% | {doneMB}/{totalMB} MB | {rate} MB/s | ETA {eta_formatted}'
      : '{label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}';
  const started = { at: Date.now(), from: 0 };
  return {
    update(label, done, total) {
      if (label !== current) {
        bar?.stop();
        current = label;
        [started.at, started.from] = [Date.now(), done];
        bar = new SingleBar({ format, stream: stream as NodeJS.WritableStream, hideCursor: true, etaBuffer: 50 });
        bar.start(total ?? 0, done, { label, doneMB: mb(done), totalMB: total ? mb(total) : '?', rate: '0.0' });
      }
      const seconds = (Date.now() - started.at) / 1000;
      const rate = seconds > 0 ? ((done - started.from) / 1e6 / seconds).toFixed(1) : '0.0';
      if (total !== undefined) bar?.setTotal(total);
      bar?.update(done, { label, doneMB: mb(done), totalMB: total ? mb(total) : '?', rate });
    },
    stop() {
      bar?.stop();
    },
  };
}
