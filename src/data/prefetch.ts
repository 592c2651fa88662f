/**
 * Prefetching: an async iterator that prepares the next items while the consumer works on the
 * current one. Preparing a batch is synchronous JavaScript on the main thread; it runs in the
 * gaps where the consumer awaits (a training step awaiting its loss, a GPU sync), so a trainer
 * that awaits each step never waits for data. Measured in `npm run bench:data-batches`, batch
 * assembly and normalisation are far faster than a training step, so worker threads are not
 * used (they would add copies for no gain).
 */

/**
 * Yields the items of `items` in order, keeping up to `depth` of them prepared ahead. Each is
 * prepared in its own macrotask (setImmediate), so the event loop stays responsive. An error
 * from the source is thrown at the consumer's next `await`, in order; stopping early (break)
 * closes the source.
 */
export function prefetch<T>(items: Iterable<T>, depth = 2): AsyncGenerator<T> {
  // Checked here, not in the generator body, so a bad depth fails at the call, not at the first next().
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`prefetch depth must be a whole number ≥ 1 (got ${depth})`);
  return prefetched(items, depth);
}

async function* prefetched<T>(items: Iterable<T>, depth: number): AsyncGenerator<T> {
  const source = items[Symbol.iterator]();
  const ahead: Promise<IteratorResult<T>>[] = [];
  let finished = false;
  const prepare = () => {
    const next = new Promise<IteratorResult<T>>((resolve, reject) =>
      setImmediate(() => {
        if (finished) return resolve({ done: true, value: undefined });
        try {
          const result = source.next();
          if (result.done) finished = true;
          resolve(result);
        } catch (error) {
          finished = true;
          reject(error);
        }
      }),
    );
    next.catch(() => undefined); // handled when awaited below; never an unhandled rejection
    ahead.push(next);
  };
  try {
    for (let i = 0; i < depth; i++) prepare();
    for (;;) {
      const result = await (ahead.shift() as Promise<IteratorResult<T>>);
      if (result.done) return;
      prepare();
      yield result.value;
    }
  } finally {
    finished = true;
    source.return?.();
  }
}
