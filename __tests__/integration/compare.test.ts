// compare-with: a released image pushed, then a changed one built beside it and compared, the way
// a pull request check runs. Four builds shared by every assertion: the release (pushed, the first
// of its tag), the pull request's matrix (not pushed where the build record can be read; one
// combination's image does not exist), the release of the change (pushed, compared with the tag as
// it was before the push), and the same on the fake Depot. Every figure is checked against the
// registry's own manifests, read over its HTTP API.
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { startFakeDepot } from './fake-depot.js'
import { FaultProxy } from './fault-proxy.js'
import {
  expectSuccess,
  getBlob,
  getManifest,
  hasCapability,
  NODE24,
  privateDockerConfig,
  registryRequests,
  ROOT,
  sh,
  runAction,
  testbed,
  uniqueRepo,
  writeContext,
  type ActionRun,
  type RegistryManifest,
  type Testbed
} from './harness.js'

let tb: Testbed
let repo: string
let release: ActionRun
let releaseIndex: RegistryManifest
let pr: ActionRun
let prRepo: string
let second: ActionRun
let secondIndex: RegistryManifest
let changed: string
const PLATFORMS = ['linux/amd64', 'linux/arm64']

interface Facts {
  digest: string
  size: number
  layers: Array<{ digest: string; size: number }>
  config: any
}

/** Each platform of a tag, read over the registry's HTTP API (not through the action). */
async function platformsOf(index: RegistryManifest, name: string): Promise<Record<string, Facts>> {
  const out: Record<string, Facts> = {}
  for (const m of index.json.manifests.filter((d: any) => d.platform.os !== 'unknown')) {
    const manifest = await getManifest(name, m.digest)
    const layers = manifest.json.layers.map((l: any) => ({ digest: l.digest, size: l.size }))
    out[`${m.platform.os}/${m.platform.architecture}`] = {
      digest: m.digest,
      size: layers.reduce((n: number, l: any) => n + l.size, 0),
      layers,
      config: JSON.parse((await getBlob(name, manifest.json.config.digest)).toString('utf8'))
    }
  }
  return out
}

const changesOf = (run: ActionRun) => JSON.parse(run.mainOutputs['changes'] ?? '{}')

beforeAll(async () => {
  tb = testbed()
  repo = uniqueRepo('compare')
  prRepo = `${repo}-pr`
  const released = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nENV APP=1\nCOPY a.txt /a.txt\nCMD ["sh"]\n`, 'a.txt': 'a\n' })
  // The change: a layer of 300 KiB of random bytes (gzip cannot shrink it), an env, a port, a label.
  changed = writeContext({
    Dockerfile: `FROM ${tb.baseImage}\nENV APP=1 EXTRA=2\nCOPY a.txt /a.txt\nCOPY big.bin /big.bin\nEXPOSE 8080\nLABEL org.example.pr=yes\nCMD ["sh"]\n`,
    'a.txt': 'a\n',
    'big.bin': randomBytes(300 * 1024).toString('base64')
  })
  release = await runAction({ context: released, tags: `${tb.registry}/${repo}:v1`, platforms: PLATFORMS.join(','), push: 'true' })
  expectSuccess(release)
  releaseIndex = await getManifest(repo, 'v1')
  // The pull request: a matrix whose `nope` combination compares with a tag that does not exist.
  // Without build records (buildx < 0.23) what is built must be pushed to be read: to other
  // repositories, one per variant (the two images are the same: BuildKit 0.13 pushing them at once
  // into one repository got a 400 from the testbed's registry in a fresh-clone run).
  const noPush = hasCapability('build-history', tb)
  pr = await runAction({
    context: changed,
    matrix: 'variant: [v1, nope]\n',
    platforms: PLATFORMS.join(','),
    'compare-with': `${tb.registry}/${repo}:{{variant}}`,
    'max-size-increase': '100KiB',
    ...(noPush ? {} : { push: 'true', tags: `${tb.registry}/${prRepo}-{{variant}}:latest` })
  })
  // The change released: compared with v1 as it was before this push moved it (no compare-with).
  second = await runAction({
    context: changed,
    tags: `${tb.registry}/${repo}:v1`,
    platforms: PLATFORMS.join(','),
    push: 'true',
    'max-size-increase': '10MiB'
  })
  expectSuccess(second)
  secondIndex = await getManifest(repo, 'v1')
}, 900_000)

describe('compare-with against a pushed release', () => {
  it('a first release says plainly that its tag did not exist, and succeeds', () => {
    const changes = changesOf(release)
    for (const p of PLATFORMS) {
      expect(changes.default[p].compared).toBe(false)
      expect(changes.default[p].note).toMatch(/did not exist before this push/)
    }
    expect(release.summary).toMatch(/did not exist before this push/)
  })

  it('the changes figures equal what the registry says of the release and the change (matrix, two platforms)', async () => {
    const before = await platformsOf(releaseIndex, repo)
    // the pull request built what the second run pushed: the same layers (a cache hit)
    const after = await platformsOf(secondIndex, repo)
    const changes = changesOf(pr).v1
    expect(Object.keys(changes).sort()).toEqual(PLATFORMS)
    for (const p of PLATFORMS) {
      const c = changes[p]
      const b = before[p] as Facts
      const a = after[p] as Facts
      expect(c.compared).toBe(true)
      expect(c.compareWith).toBe(`${tb.registry}/${repo}:v1`)
      expect(c.comparedDigest).toBe(b.digest)
      expect(c.sizeBefore).toBe(b.size)
      expect(c.sizeAfter).toBe(a.size)
      expect(c.sizeDelta).toBe(a.size - b.size)
      const beforeDigests = b.layers.map(l => l.digest)
      const afterDigests = a.layers.map(l => l.digest)
      expect(c.layers.added).toEqual(a.layers.filter(l => !beforeDigests.includes(l.digest)))
      expect(c.layers.removed).toEqual(b.layers.filter(l => !afterDigests.includes(l.digest)))
      expect(c.layers.kept).toBe(a.layers.filter(l => beforeDigests.includes(l.digest)).length)
      expect(c.layers.added.length).toBeGreaterThanOrEqual(1)
      expect(c.sizeDelta).toBeGreaterThan(300 * 1024)
      expect(c.baseImage).not.toBe('changed')
      // config: the env name, port and label the change added, from the two configs
      expect(Object.keys(b.config.config.ExposedPorts ?? {})).toEqual([])
      expect(Object.keys(a.config.config.ExposedPorts ?? {})).toEqual(['8080/tcp'])
      const fields = Object.fromEntries(c.config.map((x: any) => [x.field, x]))
      expect(fields.env).toEqual({ field: 'env', added: ['EXTRA'], removed: [] })
      expect(fields.exposedPorts).toEqual({ field: 'exposedPorts', added: ['8080/tcp'], removed: [] })
      expect(fields.labels.added).toContain('org.example.pr')
      expect(fields.cmd).toBeUndefined()
    }
  })

  it('the summary leads with the reviewer line, then the table per platform', () => {
    const delta = (changesOf(pr).v1['linux/amd64'].sizeDelta / 1024).toFixed(1)
    expect(pr.summary).toContain('### Changes')
    // (a leading + is escaped in markdown, \+, and shown as +)
    expect(pr.summary).toMatch(
      new RegExp(
        `\\*\\*v1\\*\\* against .*: \\\\\\+${delta.replace('.', '\\.')} KiB, 1 layer added, base image .*, env, exposedPorts, labels changed`
      )
    )
    expect(pr.summary).toMatch(/\| `linux\/arm64` \| `sha256:/)
  })

  it('a compared image that does not exist is said plainly, not an error', () => {
    const nope = changesOf(pr).nope
    for (const p of PLATFORMS) {
      expect(nope[p].compared).toBe(false)
      expect(nope[p].note).toMatch(/:nope does not exist: nothing to compare with/)
    }
    expect(pr.summary).toMatch(/\*\*nope\*\* against .*:nope.*does not exist/)
  })

  it('max-size-increase fails the step when a platform grew more, naming the input and the platform', () => {
    expect(pr.main.code).not.toBe(0)
    for (const p of PLATFORMS) expect(pr.main.log).toMatch(new RegExp(`max-size-increase: ${p} of v1 grew by .*the limit is 100KiB`))
    expect(pr.main.log).not.toMatch(/of nope grew/)
  })

  it('without compare-with, a push compares with what the tag was before it moved; a limit not exceeded passes', async () => {
    const changes = changesOf(second).default
    const before = await platformsOf(releaseIndex, repo)
    for (const p of PLATFORMS) {
      expect(changes[p].compared).toBe(true)
      expect(changes[p].compareWith).toBe(`${tb.registry}/${repo}@${releaseIndex.digest}`)
      expect(changes[p].comparedDigest).toBe(before[p]?.digest)
      expect(changes[p].sizeDelta).toBe(changesOf(pr).v1[p].sizeDelta)
      // both from provenance: the pushed image's and the one the build wrote
      expect(changes[p].baseImage).toBe('unchanged')
    }
    expect(second.main.log).toMatch(/max-size-increase: no platform grew by more than 10MiB/)
  })

  it('reads manifests and configs, never a layer blob', async () => {
    const layers = new Set(Object.values(await platformsOf(releaseIndex, repo)).flatMap(f => f.layers.map(l => l.digest)))
    const ours = registryRequests(repo).filter(r => r.userAgent.startsWith('build-image-action') && r.method === 'GET')
    expect(ours.length).toBeGreaterThan(0)
    expect(ours.filter(r => layers.has(r.path.split('/').at(-1) ?? ''))).toEqual([])
  })
})

describe("compare-with on Depot (the real Depot CLI; Depot's API is a local fake, its builder the testbed's BuildKit)", () => {
  it('a Depot build pushed elsewhere is compared with the release by digest, read from the registry', async () => {
    const token = `dpt_fake-${Date.now().toString(36)}`
    const fake = await startFakeDepot({ tokens: [token], buildkitAddr: tb.buildkitAddr })
    try {
      const depotRepo = `${repo}-depot`
      const reference = `${tb.registry}/${repo}@${releaseIndex.digest}`
      const run = await runAction(
        {
          engine: 'depot',
          'depot-project': 'p1',
          'depot-version': 'installed',
          'depot-token': token,
          context: changed,
          tags: `${tb.registry}/${depotRepo}:pr`,
          platforms: 'linux/amd64',
          push: 'true',
          'compare-with': reference
        },
        {
          env: {
            DEPOT_ERROR_TELEMETRY: '0',
            DEPOT_NO_UPDATE_NOTIFIER: '1',
            DEPOT_API_URL: fake.url,
            PATH: `${path.join(ROOT, 'node_modules/@depot/cli-linux-x64/bin')}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`
          }
        }
      )
      expectSuccess(run)
      expect(fake.builds.length).toBe(1)
      const before = (await platformsOf(releaseIndex, repo))['linux/amd64'] as Facts
      const after = (await platformsOf(await getManifest(depotRepo, 'pr'), depotRepo))['linux/amd64'] as Facts
      const c = changesOf(run).default['linux/amd64']
      expect(c).toMatchObject({
        compared: true,
        compareWith: reference,
        comparedDigest: before.digest,
        sizeBefore: before.size,
        sizeAfter: after.size
      })
      expect(c.sizeDelta).toBe(after.size - before.size)
      expect(c.layers.added).toEqual(after.layers.filter(l => !before.layers.some(b => b.digest === l.digest)))
      expect(run.summary).toContain('### Changes')
    } finally {
      await fake.close()
    }
  }, 300_000)
})

describe('the CLI: build-image --compare-with REF .', () => {
  it('prints the reviewer line after the table; --max-size-increase exits 1 naming the input and the platform', async () => {
    const reference = `${tb.registry}/${repo}@${releaseIndex.digest}`
    // loaded, as on a laptop; without build records (buildx < 0.23) exported as OCI to be read
    const where = hasCapability('build-history', tb)
      ? ['--tag', `local/${repo}:cli`]
      : ['--output', `type=oci,dest=${path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-oci-')), 'img.tar')}`]
    const cli = (...args: string[]) =>
      sh(NODE24, [path.join(ROOT, 'dist/cli.js'), '--compare-with', reference, '--platform', 'linux/amd64', ...where, ...args, changed])
    const ok = await cli()
    expect({ code: ok.code, stderr: ok.code === 0 ? '' : ok.stderr }).toEqual({ code: 0, stderr: '' })
    const delta = changesOf(pr).v1['linux/amd64'].sizeDelta
    expect(ok.stdout).toContain(`default against ${reference}: +${(delta / 1024).toFixed(1)} KiB, 1 layer added`)
    const over = await cli('--max-size-increase', '1KiB', '--json')
    expect(over.code).toBe(1)
    expect(over.stderr.trimEnd().split('\n').pop()).toMatch(
      /^error: max-size-increase: linux\/amd64 of default grew by .*; the limit is 1KiB$/
    )
    expect(JSON.parse(over.stdout).changes.default['linux/amd64']).toMatchObject({ compared: true, sizeDelta: delta })
  }, 300_000)
})

describe('a private registry (the fault proxy asks for a password in front of the testbed registry)', () => {
  it("the compared image is read with the step's login; without it, the comparison says it could not be read", async () => {
    const proxy = await FaultProxy.start(tb.registry)
    const user = 'ci-user'
    const password = `pw-${Math.random().toString(36).slice(2)}`
    proxy.requireBasicAuth(user, password)
    try {
      const reference = `${proxy.registry}/${repo}@${releaseIndex.digest}`
      const where: Record<string, string> = hasCapability('build-history', tb)
        ? {}
        : { outputs: `type=oci,dest=${path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-oci-')), 'img.tar')}` }
      const inputs = { context: changed, platforms: 'linux/amd64', 'compare-with': reference, ...where }
      const anonymous = await runAction(inputs, { env: { DOCKER_CONFIG: privateDockerConfig() } })
      expectSuccess(anonymous)
      expect(changesOf(anonymous).default['linux/amd64']).toMatchObject({
        compared: false,
        note: expect.stringMatching(/could not be read/)
      })

      const run = await runAction(
        { ...inputs, registry: proxy.registry, username: user, password },
        { env: { DOCKER_CONFIG: privateDockerConfig() } }
      )
      expectSuccess(run)
      const before = (await platformsOf(releaseIndex, repo))['linux/amd64'] as Facts
      expect(changesOf(run).default['linux/amd64']).toMatchObject({
        compared: true,
        comparedDigest: before.digest,
        sizeBefore: before.size
      })
      // through the proxy: the index, the manifest and its config, never a layer
      const reads = proxy.requests
        .filter(r => r.method === 'GET' && r.path.startsWith(`/v2/${repo}/`) && r.outcome === 200)
        .map(r => r.path)
      expect(reads).toEqual(
        expect.arrayContaining([`/v2/${repo}/manifests/${releaseIndex.digest}`, `/v2/${repo}/manifests/${before.digest}`])
      )
      expect(reads.filter(p => before.layers.some(l => p.endsWith(l.digest)))).toEqual([])
      expect(JSON.stringify(run.outputs)).not.toContain(password)
    } finally {
      await proxy.close()
    }
  }, 300_000)
})

describe('the platform split (each platform built and pushed by digest, then merged under the tag)', () => {
  it('without compare-with, compares the merged image with the tag as it was before the merge moved it', async () => {
    const run = await runAction({
      context: changed,
      tags: `${tb.registry}/${repo}:v1`,
      platforms: PLATFORMS.join(','),
      push: 'true',
      'platform-split': 'true',
      'max-parallel': '1',
      driver: 'remote',
      endpoint: tb.buildkitAddr,
      'max-size-increase': '1%'
    })
    expectSuccess(run)
    const before = await platformsOf(secondIndex, repo)
    const after = await platformsOf(await getManifest(repo, 'v1'), repo)
    const changes = changesOf(run).default
    expect(Object.keys(changes).sort()).toEqual(PLATFORMS)
    for (const p of PLATFORMS) {
      const b = before[p] as Facts
      const a = after[p] as Facts
      expect(changes[p]).toMatchObject({
        compared: true,
        compareWith: `${tb.registry}/${repo}@${secondIndex.digest}`,
        comparedDigest: b.digest,
        digest: a.digest,
        sizeBefore: b.size,
        sizeAfter: a.size,
        sizeDelta: a.size - b.size
      })
    }
  }, 300_000)
})
