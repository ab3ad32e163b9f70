// Bounded concurrency for reading back many targets: a map that keeps the items' order, and a
// counting semaphore. Pure.

/** Runs fn over items with at most `limit` running at once; results in the items' order. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return out
}

/** A counting semaphore: at most `limit` holders at once, served in arrival order. */
export function limiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let active = 0
  const waiting: (() => void)[] = []
  return async fn => {
    if (active >= limit) await new Promise<void>(r => waiting.push(r))
    else active++
    try {
      return await fn()
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
