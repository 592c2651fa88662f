/** evo-nas commands as child processes, as a user starts them, with their output kept. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface Started {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves when the output matches `pattern` `times` times (false if the process exits first). */
  waitFor(pattern: RegExp, times?: number): Promise<boolean>;
  readonly exit: Promise<[number | null, NodeJS.Signals | null]>;
}

export function startCli(t: Test, args: readonly string[], env: Readonly<Record<string, string>> = {}): Started {
  // Without the test runner's NODE_OPTIONS: the CLI as a user starts it (and ten times faster).
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', ...env } });
  let text = '';
  const waiting: { pattern: RegExp; times: number; resolve: (ok: boolean) => void }[] = [];
  const count = (pattern: RegExp) => (text.match(new RegExp(pattern.source, 'gm')) ?? []).length;
  const onData = (chunk: string) => {
    text += chunk;
    for (const w of waiting.filter((w) => count(w.pattern) >= w.times)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(true);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', onData);
  child.stderr!.setEncoding('utf8').on('data', onData);
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  void exit.then(() => waiting.splice(0).forEach((w) => w.resolve(false)));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    output: () => text,
    waitFor: (pattern, times = 1) => (count(pattern) >= times ? Promise.resolve(true) : new Promise((resolve) => waiting.push({ pattern, times, resolve }))),
    exit,
  };
}

/** Stops a worker as a user would (SIGTERM) and waits for it. */
export async function stopWorker(worker: Started): Promise<[number | null, NodeJS.Signals | null]> {
  if (worker.child.exitCode === null) worker.child.kill('SIGTERM');
  return worker.exit;
}
