// Which builder a build runs on, for real: the job's current builder (as setup-buildx-action leaves
// it), and the docker-container builder the action makes when the engine's own builder cannot
// build a request (the classic image store's engine). Results are read from the registry's HTTP
// API, the cache directory and the engines' own CLIs; builders live in private docker configs.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  expectSuccess,
  getManifest,
  listTags,
  privateDockerConfig,
  runAction,
  sh,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed
let ctx: string
/** driver-opts for the stand-in BuildKit image (it needs the host's network) */
let standin: string

beforeAll(() => {
  tb = testbed()
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo "built on $(uname -m)" > /built\n` })
  standin = `image=${tb.buildkitImage},network=host`
})

/** docker/buildx on one engine with one docker config, as a later step of the job would run them. */
function cli(config: string, host: string = tb.dockerHost) {
  return (args: string[]) => sh('docker', args, { DOCKER_CONFIG: config, DOCKER_HOST: host })
}

/** The names `docker buildx ls` lists (one per builder, nodes left out). */
async function builderNames(config: string, host: string): Promise<string[]> {
  const r = await cli(config, host)(['buildx', 'ls'])
  expect(r.code).toBe(0)
  return r.stdout
    .split('\n')
    .slice(1)
    .filter(l => /^\S/.test(l))
    .map(l => (l.split(/\s+/)[0] ?? '').replace(/\*$/, ''))
}

describe("no builder or driver input: the builder the job already chose (stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  it.each<[string, boolean]>([
    ['made current by `buildx create --use` (as setup-buildx-action does)', true],
    ['named by BUILDX_BUILDER', false]
  ])('%s: the build runs there, and like build-push-action gives no digest without push or load', async (_how, use) => {
    const config = privateDockerConfig()
    const docker = cli(config)
    const name = uniqueRepo('current')
    const created = await docker([
      'buildx',
      'create',
      ...(use ? ['--use'] : []),
      '--name',
      name,
      '--driver',
      'docker-container',
      '--driver-opt',
      standin
    ])
    expect(created.code).toBe(0)
    const label = `bia.builder-test=${name}`
    try {
      const run = await runAction(
        { context: ctx, labels: label, platforms: 'linux/amd64' },
        { env: { DOCKER_CONFIG: config, ...(use ? {} : { BUILDX_BUILDER: name }) } }
      )
      expectSuccess(run)
      expect(run.outputs['builder-name']).toBe(name)
      expect(run.outputs['builder-driver']).toBe('docker-container')
      // docker-container with neither push nor load exports nothing: buildx's metadata has no image
      // digest and no image id file, so build-push-action's digest and imageid are empty too.
      expect(run.outputs['digest']).toBe('')
      expect(run.outputs['imageid']).toBe('')
      // Independently: nothing reached the engine's image store (the engine's builder, driver
      // docker, leaves every build there, a dangling image when untagged).
      const images = await docker(['image', 'ls', '--all', '--quiet', '--filter', `label=${label}`])
      expect(images.code).toBe(0)
      expect(images.stdout.trim()).toBe('')
      // ... and the builder ran it (buildx >= 0.23 keeps build records)
      if (tb.stack === 'sid') {
        const history = await docker(['buildx', 'history', 'ls', '--builder', name, '--format', '{{.Ref}}'])
        expect(history.code).toBe(0)
        expect(history.stdout.trim().split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(1)
      }
      // The builder was the job's: post leaves it.
      expect(await builderNames(config, tb.dockerHost)).toContain(name)
    } finally {
      await docker(['buildx', 'rm', name])
    }
  })
})

describe("the classic image store: a builder of the action's own for what the engine's builder cannot build (stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  /** One run on the classic-store engine with a private docker config; returns what is needed to check it. */
  async function onClassic(inputs: Record<string, string>, host: string = tb.classicDockerHost) {
    const config = privateDockerConfig()
    let during: { names: string[]; inspect: string } = { names: [], inspect: '' }
    const run = await runAction(
      { 'driver-opts': standin, ...inputs },
      {
        env: { DOCKER_CONFIG: config, DOCKER_HOST: host },
        betweenSteps: async () => {
          const names = await builderNames(config, host)
          const made = names.find(n => n.startsWith('build-image-')) ?? ''
          const inspect = made ? (await cli(config, host)(['buildx', 'inspect', made])).stdout : ''
          during = { names, inspect }
        }
      }
    )
    const after = await builderNames(config, host)
    // the builder's BuildKit container, as the engine lists it after post
    const containers = await cli(config, host)(['ps', '--all', '--format', '{{.Names}}', '--filter', 'name=buildx_buildkit_build-image-'])
    return { run, during, after, containers: containers.stdout.trim(), config }
  }

  /** What every automatic builder shows: made as setup-buildx-action makes one, reason told, removed in post. */
  function expectAutomaticBuilder(r: Awaited<ReturnType<typeof onClassic>>, reason: RegExp) {
    const made = r.run.outputs['builder-name'] ?? ''
    expect(made).toMatch(/^build-image-/)
    expect(r.run.outputs['builder-driver']).toBe('docker-container')
    expect(r.during.names).toContain(made)
    expect(r.during.inspect).toMatch(/Driver:\s+docker-container/)
    expect(r.during.inspect).toContain(`image="${tb.buildkitImage}"`)
    expect(r.during.inspect).toContain('network="host"')
    expect(r.during.inspect).toMatch(/--allow-insecure-entitlement security\.insecure --allow-insecure-entitlement network\.host/)
    expect(r.run.main.log).toMatch(reason)
    expect(r.run.summary).toMatch(reason)
    expect(r.run.summary).toContain('made for this build')
    // post removed it, and its container
    expect(r.after).not.toContain(made)
    expect(r.after).toContain('default')
    expect(r.containers).not.toContain(made)
  }

  it("README's first example (two platforms, push): the registry serves the 2-platform index", async () => {
    const repo = uniqueRepo('classic-multi')
    const r = await onClassic({ context: ctx, platforms: 'linux/amd64,linux/arm64', push: 'true', tags: `${tb.registry}/${repo}:latest` })
    expectSuccess(r.run)
    expectAutomaticBuilder(r, /the docker driver cannot build 2 platforms on the engine's classic image store/)
    const index = await getManifest(repo, 'latest')
    expect(index.status).toBe(200)
    const platforms = (index.json.manifests as Array<{ platform: { os: string; architecture: string } }>)
      .map(m => `${m.platform.os}/${m.platform.architecture}`)
      .filter(p => p !== 'unknown/unknown')
      .sort()
    expect(platforms).toEqual(['linux/amd64', 'linux/arm64'])
    expect(r.run.outputs['digest']).toBe(index.digest)
  })

  it('cache-to type=local: the cache directory gets its index', async () => {
    const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-cache-')), 'cache')
    const r = await onClassic({ context: ctx, platforms: 'linux/amd64', 'cache-to': `type=local,dest=${dest}`, 'no-cache': 'true' })
    expectSuccess(r.run)
    expectAutomaticBuilder(r, /exports only inline cache on the engine's classic image store \(cache-to type=local\)/)
    const index = JSON.parse(readFileSync(path.join(dest, 'index.json'), 'utf8')) as { manifests?: unknown[] }
    expect(index.manifests?.length).toBeGreaterThanOrEqual(1)
  })

  it.each<[string, () => string]>([
    ['the classic image store', () => tb.classicDockerHost],
    ['the containerd image store too', () => tb.dockerHost]
  ])('push-by-digest on %s: the registry has the manifest by digest and no tag', async (_store, host) => {
    const repo = uniqueRepo('bydigest')
    const r = await onClassic({ context: ctx, platforms: 'linux/amd64', 'push-by-digest': 'true', tags: `${tb.registry}/${repo}` }, host())
    expectSuccess(r.run)
    expectAutomaticBuilder(r, /the docker driver cannot push by digest/)
    const digest = r.run.outputs['digest'] ?? ''
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect((await getManifest(repo, digest)).status).toBe(200)
    expect(await listTags(repo)).toEqual([])
  })

  it('driver: docker named: the engine builder as asked, and buildx says why it cannot', async () => {
    const repo = uniqueRepo('classic-asked')
    const r = await onClassic({
      context: ctx,
      driver: 'docker',
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      tags: `${tb.registry}/${repo}:x`
    })
    expect(r.run.main.code).not.toBe(0)
    expect(r.run.main.log).toContain('Multi-platform build is not supported for the docker driver')
    expect(r.during.names.filter(n => n.startsWith('build-image-'))).toEqual([])
  })
})

describe('builders the action creates get setup-buildx-action defaults', () => {
  it("driver docker-container without buildkitd-flags: both insecure entitlements allowed, so allow: network.host builds (stand-in BuildKit image: buildx's flags checked, the main engine's BuildKit builds)", async () => {
    const config = privateDockerConfig()
    const hostNet = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN --network=host echo host network\n` })
    let flags = ''
    const run = await runAction(
      { context: hostNet, driver: 'docker-container', 'driver-opts': standin, allow: 'network.host', platforms: 'linux/amd64' },
      {
        env: { DOCKER_CONFIG: config },
        betweenSteps: async () => {
          flags = (await cli(config)(['buildx', 'inspect', run0Name(config)])).stdout
        }
      }
    )
    expectSuccess(run)
    expect(flags).toMatch(
      /BuildKit daemon flags:\s+--allow-insecure-entitlement security\.insecure --allow-insecure-entitlement network\.host/
    )
  })
})

/** The one builder a private docker config holds besides the engine's (read from buildx's own files). */
function run0Name(config: string): string {
  const dir = path.join(config, 'buildx', 'instances')
  return (existsSync(dir) ? readdirSync(dir) : [])[0] ?? ''
}
