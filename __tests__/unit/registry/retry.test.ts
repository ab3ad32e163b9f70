import { describe, expect, it, jest } from '@jest/globals'
import { isTransientRegistryError, withRetry } from '../../../src/registry/retry.js'

describe('withRetry', () => {
  const quiet = () => jest.spyOn(process.stdout, 'write').mockImplementation(() => true)

  it('returns at the first success, after retrying failures with growing delays', async () => {
    const out = quiet()
    let calls = 0
    const started = Date.now()
    const v = await withRetry(
      async () => {
        if (++calls < 3) throw new Error('500 Internal Server Error')
        return 'ok'
      },
      'step',
      4,
      20
    )
    out.mockRestore()
    expect(v).toBe('ok')
    expect(calls).toBe(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40 - 5)
  })

  it('is bounded: gives up after the attempts, saying how many', async () => {
    const out = quiet()
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw new Error('429 Too Many Requests')
        },
        'imagetools create',
        3,
        1
      )
    ).rejects.toThrow('imagetools create failed after 3 attempts: 429 Too Many Requests')
    out.mockRestore()
    expect(calls).toBe(3)
  })

  it('does not retry what retryable rejects', async () => {
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw new Error('localhost:5000/app:1: not found')
        },
        'read',
        4,
        1,
        isTransientRegistryError
      )
    ).rejects.toThrow(/^localhost:5000\/app:1: not found$/)
    expect(calls).toBe(1)
  })
})

describe('isTransientRegistryError', () => {
  it.each<[string, boolean]>([
    ['unexpected status from PUT request to http://r/v2/a/manifests/v1: 500 Internal Server Error', true],
    ['unexpected status from PUT request to http://r/v2/a/manifests/v1: 429 Too Many Requests', true],
    ['unavailable: injected fault', true],
    ['failed to do request: Put "http://r/v2/a/manifests/v1": EOF', true],
    ['failed to do request: Head "http://r/v2/a/manifests/v1": dial tcp 127.0.0.1:1: connect: connection refused', true],
    ['ERROR: localhost:5000/nonexist:v1: not found', false],
    ['manifest unknown', false],
    ['unexpected status: 401 Unauthorized', false],
    ['denied: requested access to the resource is denied', false],
    ['unexpected status from PUT request: 400 Bad Request', false],
    ['unexpected status code 403', false],
    ['#9 0.404 pushing manifest\nunexpected status from PUT request to http://r/v2/a/manifests/v1: 500 Internal Server Error', true],
    ['#12 1.401 exporting layers\nERROR: failed to push: EOF', true]
  ])('%s -> %s', (message, transient) => {
    expect(isTransientRegistryError(new Error(message))).toBe(transient)
  })
})
