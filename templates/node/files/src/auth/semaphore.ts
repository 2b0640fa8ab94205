/** Thrown by `Semaphore.run` when every slot is taken and the waiting line is full. */
export class SemaphoreFullError extends Error {
  constructor() {
    super('semaphore full');
    this.name = 'SemaphoreFullError';
  }
}

/**
 * At most `slots` tasks at once; up to `maxWaiting` more wait their turn in arrival order, and callers beyond
 * that are refused at once rather than queued without bound.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
  ) {}

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A release function once a slot is free; throws SemaphoreFullError when the waiting line is full. */
  acquire(): Promise<() => void> {
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new SemaphoreFullError());
    // The slot passes straight to the next waiter, so `active` stays as it is.
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
