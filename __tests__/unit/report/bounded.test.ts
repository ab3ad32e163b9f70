import { describe, expect, it } from '@jest/globals'
import { limiter, mapBounded } from '../../../src/report/bounded.js'

const tick = (ms: number) => new Promise(r => setTimeout(r, ms))

describe('mapBounded', () => {
  it.each([
    [0, 3],
    [1, 1],
    [5, 2],
    [5, 8],
    [20, 4]
  ])('%i items, %i at once: results in order, never more than the limit running', async (n, limit) => {
    let running = 0
    let most = 0
    const items = Array.from({ length: n }, (_, i) => i)
    const out = await mapBounded(items, limit, async i => {
      running++
      most = Math.max(most, running)
      await tick((n - i) % 3)
      running--
      return i * 10
    })
    expect(out).toEqual(items.map(i => i * 10))
    expect(most).toBeLessThanOrEqual(Math.max(1, limit))
    if (n >= limit) expect(most).toBe(limit)
  })
})

describe('limiter', () => {
  it('holds at most the limit at once, frees the slot on failure, and serves everyone', async () => {
    const run = limiter(2)
    let running = 0
    let most = 0
    const job = (i: number) =>
      run(async () => {
        running++
        most = Math.max(most, running)
        await tick(2)
        running--
        if (i % 3 === 0) throw new Error(`job ${i}`)
        return i
      })
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => job(i)))
    expect(most).toBe(2)
    expect(results.filter(r => r.status === 'rejected')).toHaveLength(3)
    expect(results.flatMap(r => (r.status === 'fulfilled' ? [r.value] : []))).toEqual([1, 2, 4, 5, 7, 8])
    expect(running).toBe(0)
  })
})
