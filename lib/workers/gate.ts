// A bounded queue in front of worker threads (imports, onboarding checks): at most `maxRunning` jobs
// at once, at most `maxWaiting` more waiting their turn, and any further job refused at once — so an
// upload burst costs a known number of threads and heaps, never an unbounded queue.
export interface Gate {
  /** Runs `job` when a slot is free; `busy()` instead when the queue is full. Frees the slot however `job` ends. */
  run<T>(job: () => Promise<T>, busy: () => T): Promise<T>;
}

export function createGate(maxRunning: number, maxWaiting: number): Gate {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(job, busy) {
      if (running >= maxRunning) {
        if (waiting.length >= maxWaiting) return busy();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      running++;
      try {
        return await job();
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}
