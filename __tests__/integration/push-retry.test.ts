// Retried pushes, for real: the fault proxy in front of the testbed registry fails the push of a
// build that succeeded (500, 429, a reset connection; on blob uploads and on the manifest PUT by
// tag) for as long as the first attempt runs, and the action pushes again from the build cache.
// Checked from outside: the proxy's records (what failed, in which order the tag was put), the
// registry's index and every manifest it lists, and the build log (every step of the retry a
// cache hit). A 403 fails at once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { BLOB_UPLOAD, FaultProxy, MANIFEST_BY_TAG, type Fault, type FaultRule } from './fault-proxy.js'
import {
  expectSuccess,
  getManifest,
  noteOutput,
  runAction,
  testbed,
  uniqueRepo,
  writeContext,
  type ActionRun,
  type Testbed
} from './harness.js'

let tb: Testbed
let proxy: FaultProxy
let ctx: string
const PLATFORMS = ['linux/amd64', 'linux/arm64']
const timings: Record<string, number> = {}

beforeAll(async () => {
  tb = testbed()
  proxy = await FaultProxy.start(tb.registry)
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG RUNID\nRUN echo "$RUNID" > /run-id\n` })
})

const proxies: FaultProxy[] = []

afterAll(async () => {
  await proxy.close()
  for (const p of proxies) await p.close()
  // the figures docs/reliability.md quotes (Retried pushes)
  console.log(`push timings on ${tb.stack} (ms): ${JSON.stringify(timings)}`)
})

const FIRST_FAILED = /push attempt 1 of \d+ failed with a transient registry error/
const errorOf = (run: ActionRun) => run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''

/**
 * Arms a fault for every matching request until the action says its first push attempt failed
 * (so the whole first attempt fails, however often BuildKit retries a request on its own), then
 * lets everything through.
 */
function faultFirstAttempt(
  rule: Omit<FaultRule, 'times'>,
  through: FaultProxy = proxy
): { hits: () => number; onMainOutput: (log: string) => void } {
  const hits = through.inject({ ...rule, times: Infinity })
  let cleared = false
  return {
    hits,
    onMainOutput: log => {
      if (!cleared && FIRST_FAILED.test(log)) {
        cleared = true
        through.clearFaults()
      }
    }
  }
}

async function push(
  repo: string,
  tag: string,
  extra: Record<string, string> = {},
  onMainOutput?: (log: string) => void,
  through: FaultProxy = proxy
) {
  const started = Date.now()
  const run = await runAction(
    {
      context: ctx,
      tags: `${through.registry}/${repo}:${tag}`,
      push: 'true',
      platforms: PLATFORMS.join(','),
      'build-args': `RUNID=${repo}`,
      ...extra
    },
    onMainOutput ? { onMainOutput } : {}
  )
  through.clearFaults()
  return { run, ms: Date.now() - started }
}

/** The tag points at a complete index: both platforms, and every manifest it lists is there. */
async function expectCompleteIndex(repo: string, tag: string): Promise<string> {
  const index = await getManifest(repo, tag)
  expect(index.status).toBe(200)
  const platforms = (index.json.manifests as any[])
    .filter(m => m.platform && m.platform.os !== 'unknown')
    .map(m => `${m.platform.os}/${m.platform.architecture}`)
    .sort()
  expect(platforms).toEqual(PLATFORMS)
  for (const m of index.json.manifests) {
    const child = await getManifest(repo, m.digest)
    expect([m.digest, child.status]).toEqual([m.digest, 200])
    for (const layer of child.json.layers ?? []) {
      const blob = await fetch(`http://${tb.registry.replace(/^localhost/, '127.0.0.1')}/v2/${repo}/blobs/${layer.digest}`, {
        method: 'HEAD'
      })
      expect([layer.digest, blob.status]).toEqual([layer.digest, 200])
    }
  }
  return index.digest
}

/**
 * The proxy's records for the repository: the tag was put (successfully) only after the last
 * injected fault, and only after every manifest the index lists was put by digest.
 */
async function expectTagPutLast(repo: string, tag: string, through: FaultProxy = proxy): Promise<void> {
  const reqs = through.requests.filter(r => r.path.startsWith(`/v2/${repo}/`))
  const firstTagPut = reqs.findIndex(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/${tag}` && r.outcome === 201)
  expect(firstTagPut).toBeGreaterThan(0)
  expect(firstTagPut).toBeGreaterThan(reqs.map(r => r.faulted).lastIndexOf(true))
  const index = await getManifest(repo, tag)
  for (const m of index.json.manifests) {
    const put = reqs.findIndex(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/${m.digest}` && r.outcome === 201)
    expect([m.digest, put >= 0 && put < firstTagPut]).toEqual([m.digest, true])
  }
}

/** The RUN step was built by the first attempt and a cache hit in every later one, on both platforms. */
function expectRetryFromCache(log: string): void {
  const at = log.search(/push attempt 2 of \d+, from the build cache/)
  expect(at).toBeGreaterThan(0)
  const first = log.slice(0, at)
  const retry = log.slice(at)
  const steps = (part: string) => [...part.matchAll(/^#(\d+) \[[^\]]*\] RUN echo/gm)].map(m => m[1] ?? '')
  // the first attempt ran the step (not from cache) for each platform
  const built = [...new Set(steps(first))]
  expect(built.length).toBe(PLATFORMS.length)
  for (const id of built) expect(first).toMatch(new RegExp(`^#${id} DONE`, 'm'))
  const again = [...new Set(steps(retry))]
  expect(again.length).toBe(PLATFORMS.length)
  for (const id of again) {
    expect(retry).toMatch(new RegExp(`^#${id} CACHED`, 'm'))
    expect(retry).not.toMatch(new RegExp(`^#${id} DONE`, 'm'))
  }
}

describe('retried pushes', () => {
  it('a clean 2-platform push (the baseline)', async () => {
    const repo = uniqueRepo('retry-clean')
    const { run, ms } = await push(repo, 'v1')
    expectSuccess(run)
    timings['clean'] = ms
    expect(run.main.log).not.toMatch(/push attempt/)
    expect(await expectCompleteIndex(repo, 'v1')).toBe(run.outputs['digest'])
  })

  const TRANSIENT: Array<[string, Pick<FaultRule, 'method' | 'path'>, Fault, RegExp]> = [
    [
      '500 on the manifest PUT by tag',
      { method: 'PUT', path: MANIFEST_BY_TAG },
      { kind: 'status', status: 500 },
      /500 Internal Server Error|unknown: unknown error/
    ],
    ['429 on the blob uploads', { method: 'PUT', path: BLOB_UPLOAD }, { kind: 'status', status: 429 }, /toomanyrequests|429/],
    ['a connection reset on the blob uploads', { method: 'PUT', path: BLOB_UPLOAD }, { kind: 'close' }, /EOF|reset|broken pipe/],
    ['a connection reset on the manifest PUT by tag', { method: 'PUT', path: MANIFEST_BY_TAG }, { kind: 'close' }, /EOF|reset|broken pipe/]
  ]

  // The transient cases wait out a backoff each: they run at once (after the baseline), each
  // through a fault proxy of its own (a proxy's faults apply to every request through it), and
  // each test checks its own run. Their timings are under that load.
  type Pushed = { repo: string; proxy: FaultProxy; hits: () => number; run: ActionRun; ms: number }
  let transient: Promise<Pushed[]>
  describe('transient faults, at once', () => {
    beforeAll(() => {
      transient = Promise.all(
        TRANSIENT.map(async ([, match, fault]) => {
          const own = await FaultProxy.start(tb.registry)
          proxies.push(own)
          const repo = uniqueRepo('retry')
          const f = faultFirstAttempt({ ...match, fault }, own)
          const { run, ms } = await push(repo, 'v1', {}, f.onMainOutput, own)
          return { repo, proxy: own, hits: f.hits, run, ms }
        })
      )
      // a failed run fails the tests that read it, not the hook
      transient.catch(() => undefined)
    })

    it.each(TRANSIENT.map((c, i) => [...c, i] as const))(
      '%s for the whole first attempt: pushed again from the cache, and the tag points at the full list',
      async (what, _match, _fault, reason, i) => {
        const { repo, proxy: own, hits, run, ms } = (await transient)[i] as Pushed
        noteOutput(run.main.log) // the run was started by the hook: count it as this test's build
        expectSuccess(run)
        timings[what] = ms
        expect(hits()).toBeGreaterThan(0)
        // each attempt in the log: the first failed with the registry's reason, the second pushed
        const warning = run.main.log.split('\n').find(l => l.startsWith('::warning::') && FIRST_FAILED.test(l)) ?? ''
        expect(warning).toMatch(reason)
        expect(warning).toMatch(/pushing again in 2 s from the build cache, without rebuilding/)
        expect(run.main.log).toMatch(/build: pushed on attempt 2 of 3/)
        expect(run.main.log).not.toMatch(/push attempt 3 of/)
        expectRetryFromCache(run.main.log)
        const digest = await expectCompleteIndex(repo, 'v1')
        expect(run.outputs['digest']).toBe(digest)
        await expectTagPutLast(repo, 'v1', own)
      }
    )
  })

  it('403 on the manifest PUT by tag fails at once: one attempt, and no tag', async () => {
    const repo = uniqueRepo('retry-403')
    const hits = proxy.inject({ method: 'PUT', path: MANIFEST_BY_TAG, times: Infinity, fault: { kind: 'status', status: 403 } })
    const { run } = await push(repo, 'v1')
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(
      /^::error::build failed: .*failed to push .*(denied: requested access to the resource is denied|403 Forbidden)/
    )
    expect(run.main.log).toMatch(/the registry refused the push \(.*(denied|403 Forbidden).*\); not retried/)
    expect(run.main.log).not.toMatch(/push attempt 2/)
    // one push attempt: the proxy saw the tag put once (BuildKit does not repeat a 403 either)
    expect(hits()).toBe(1)
    expect(proxy.requests.filter(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/v1`)).toHaveLength(1)
    expect((await getManifest(repo, 'v1')).status).toBe(404)
    expect(run.post.code).toBe(0)
  })

  it('push-retries: 0 turns retrying off: the same transient fault fails the step', async () => {
    const repo = uniqueRepo('retry-off')
    const hits = proxy.inject({ method: 'PUT', path: MANIFEST_BY_TAG, times: Infinity, fault: { kind: 'status', status: 500 } })
    const { run } = await push(repo, 'v1', { 'push-retries': '0' })
    expect(run.main.code).not.toBe(0)
    expect(hits()).toBeGreaterThan(0)
    expect(errorOf(run)).toMatch(/^::error::build failed: .*failed to push .*(500 Internal Server Error|unknown: unknown error)/)
    expect(run.main.log).not.toMatch(/push attempt/)
    expect((await getManifest(repo, 'v1')).status).toBe(404)
  })

  it('a registry that keeps failing: bounded attempts with backoff, a clear error, and no tag', async () => {
    const repo = uniqueRepo('retry-give-up')
    proxy.inject({ method: 'PUT', path: MANIFEST_BY_TAG, times: Infinity, fault: { kind: 'status', status: 503 } })
    const { run, ms } = await push(repo, 'v1', { 'push-retries': '2' })
    timings['503 every attempt (3 attempts)'] = ms
    expect(run.main.code).not.toBe(0)
    expect(run.main.log.match(/push attempt \d of 3 failed with a transient registry error/g)).toHaveLength(2)
    expect(run.main.log).toMatch(/pushing again in 2 s/)
    expect(run.main.log).toMatch(/pushing again in 4 s/)
    expect(run.main.log).toMatch(/the push failed 3 times with a transient registry error; giving up/)
    expect(errorOf(run)).toMatch(
      /^::error::build failed: .*failed to push .*(unavailable: service unavailable|503 Service Unavailable).* \(after 3 push attempts\)$/
    )
    expect((await getManifest(repo, 'v1')).status).toBe(404)
  })

  it('platform-split: a platform whose push by digest failed is pushed again from the cache, then the merge tags a full list', async () => {
    const repo = uniqueRepo('retry-split')
    const f = faultFirstAttempt({ method: 'PUT', path: BLOB_UPLOAD, fault: { kind: 'status', status: 500 } })
    const { run, ms } = await push(
      repo,
      'v1',
      { driver: 'remote', endpoint: tb.buildkitAddr, 'platform-split': 'true', 'max-parallel': '1' },
      f.onMainOutput
    )
    timings['platform-split, 500 on the first platform'] = ms
    expectSuccess(run)
    expect(f.hits()).toBeGreaterThan(0)
    expect(run.main.log).toMatch(/\[linux\/amd64\] build: push attempt 1 of 3 failed with a transient registry error/)
    expect(run.main.log).toMatch(/\[linux\/amd64\] build: pushed on attempt 2 of 3/)
    // the retried platform's RUN step came from the cache
    const retry = run.main.log.slice(run.main.log.search(/\[linux\/amd64\] push attempt 2 of 3, from the build cache/))
    const id = /^\[linux\/amd64\] #(\d+) \[[^\]]*\] RUN echo/m.exec(retry)?.[1]
    expect(id).toBeDefined()
    expect(retry).toMatch(new RegExp(`^\\[linux/amd64\\] #${id} CACHED`, 'm'))
    expect(await expectCompleteIndex(repo, 'v1')).toBe(run.outputs['digest'])
    await expectTagPutLast(repo, 'v1')
  })

  it('a matrix (bake): a failed target push bakes again from the cache, and every tag points at a full list', async () => {
    const repo = uniqueRepo('retry-matrix')
    const f = faultFirstAttempt({ method: 'PUT', path: new RegExp(`^/v2/${repo}/manifests/b$`), fault: { kind: 'status', status: 500 } })
    const started = Date.now()
    const run = await runAction(
      {
        context: ctx,
        matrix: 'variant: [a, b]',
        tags: `${proxy.registry}/${repo}:{{variant}}`,
        push: 'true',
        platforms: PLATFORMS.join(','),
        'build-args': `RUNID=${repo}`
      },
      { onMainOutput: f.onMainOutput }
    )
    proxy.clearFaults()
    timings['matrix, 500 on one target'] = Date.now() - started
    expectSuccess(run)
    expect(f.hits()).toBeGreaterThan(0)
    expect(run.main.log).toMatch(/bake: push attempt 1 of 3 failed with a transient registry error/)
    expect(run.main.log).toMatch(/bake: pushed on attempt 2 of 3/)
    const retry = run.main.log.slice(run.main.log.search(/push attempt 2 of 3, from the build cache/))
    const runSteps = [...retry.matchAll(/^#(\d+) \[[^\]]*\] RUN echo/gm)].map(m => m[1] ?? '')
    expect(new Set(runSteps).size).toBeGreaterThanOrEqual(PLATFORMS.length)
    for (const id of runSteps) expect(retry).toMatch(new RegExp(`^#${id} CACHED`, 'm'))
    // target a was pushed whole by the first attempt; b's tag only by the retry, after its manifests
    for (const tag of ['a', 'b']) await expectCompleteIndex(repo, tag)
    await expectTagPutLast(repo, 'b')
  })
})
