import { describe, expect, it, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { githubContext, githubEvent, isTransientRegistryError, quoteForLog, withRetry } from '../../../src/buildx/build.js'

describe('quoteForLog', () => {
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['--tag', '--tag'],
    ['localhost:5000/app:1', 'localhost:5000/app:1'],
    ['a b', "'a b'"],
    ['$(touch x)', "'$(touch x)'"],
    ["it's", "'it'\\''s'"],
    ['a\nb', "$'a\\nb'"],
    ['x\n::warning::injected', "$'x\\n::warning::injected'"],
    ["a'\r\n\\", "$'a\\'\\r\\n\\\\'"],
    ['\u0007\u2028', "$'\\u0007\\u2028'"]
  ])('%j -> %s', (value, shown) => {
    expect(quoteForLog(value)).toBe(shown)
  })

  it('never puts a line break into the log', () => {
    for (const v of ['a\nb', 'a\rb', 'a\u2028b', 'a\u2029b', '\n::add-mask::x']) expect(quoteForLog(v)).not.toMatch(/[\n\r\u2028\u2029]/)
  })

  it('reads back as the same value in bash', () => {
    const values = ['a b', "it's", 'a\nb\tc', 'q\'"\\$(x)`y`;|&', 'x\r\n::warning::y']
    for (const v of values) {
      const r = spawnSync('bash', ['-c', `printf '%s' ${quoteForLog(v)}`], { encoding: 'utf8' })
      expect(r.stdout).toBe(v)
    }
  })
})

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
    ['unexpected status from PUT request: 400 Bad Request', false]
  ])('%s -> %s', (message, transient) => {
    expect(isTransientRegistryError(new Error(message))).toBe(transient)
  })
})

describe('githubEvent and githubContext (the event file of the run)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-event-'))
  const withEvent = (text: string | undefined, fn: () => void) => {
    const saved = { ...process.env }
    try {
      const file = path.join(dir, `event-${Math.random().toString(36).slice(2)}.json`)
      if (text !== undefined) writeFileSync(file, text)
      process.env['GITHUB_EVENT_PATH'] = file
      process.env['GITHUB_SERVER_URL'] = 'https://github.com'
      process.env['GITHUB_REPOSITORY'] = 'o/r'
      process.env['GITHUB_RUN_ID'] = '7'
      fn()
    } finally {
      process.env = saved
    }
  }

  it.each<[string, string | undefined, boolean]>([
    ['a public repository', '{"repository":{"private":false}}', true],
    ['a private repository', '{"repository":{"private":true}}', false],
    ['no repository in the event', '{}', false],
    ['an event file that is not JSON', '{', false],
    ['no event file', undefined, false]
  ])('%s', (_what, text, publicRepo) => {
    withEvent(text, () => {
      expect(githubContext()).toEqual({ publicRepo, builderId: 'https://github.com/o/r/actions/runs/7' })
    })
  })

  it('reads the file once per path', () => {
    withEvent('{"repository":{"private":false}}', () => {
      const first = githubEvent()
      writeFileSync(process.env['GITHUB_EVENT_PATH'] ?? '', '{}')
      expect(githubEvent()).toBe(first)
    })
  })
})
