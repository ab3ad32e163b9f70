// Scoped docker-container builders with a BuildKit of their own (the testbed's buildkit-own image:
// a dockerd inside each builder's container, scripts/buildkit-own), run through dist/: builders of
// different scopes keep separate caches, a scope reuses its own, and the buildkitd config and flags
// the action passes reach that BuildKit. What BuildKit did is read from its own progress lines
// (a step it ran ends `#N DONE`, one it took from the cache `#N CACHED`) and from the engine
// (`docker buildx du`, the builders' containers); every builder and container is removed by name.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  buildkitOwnImage,
  expectSuccess,
  privateDockerConfig,
  registryRequests,
  runAction,
  sh,
  testbed,
  writeContext,
  type ActionRun,
  type Testbed
} from './harness.js'

let tb: Testbed
let image: string
/** one docker config for the file: the scoped builders land in it, and afterAll removes them */
let config: string
const made = new Set<string>()
const run = Date.now().toString(36)

beforeAll(() => {
  tb = testbed()
  image = buildkitOwnImage(tb)
  config = privateDockerConfig()
})

afterAll(async () => {
  for (const name of made) {
    await sh('docker', ['buildx', 'rm', name], { DOCKER_CONFIG: config })
    // in case buildx no longer knew it: its container and state volume, by name
    await sh('docker', ['rm', '-f', `buildx_buildkit_${name}0`])
    await sh('docker', ['volume', 'rm', '-f', `buildx_buildkit_${name}0_state`])
  }
})

/** The inputs of a scoped docker-container builder on the own-BuildKit image. */
function scoped(scope: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    driver: 'docker-container',
    'driver-opts': `image=${image}\nnetwork=host`,
    platforms: 'linux/amd64',
    'builder-scope': scope,
    ...extra
  }
}

/** One action run as repository REPO (and actor ACTOR); records the builder it used for afterAll. */
async function runAs(repo: string, inputs: Record<string, string>, actor = 'octocat'): Promise<ActionRun> {
  const r = await runAction(inputs, { env: { DOCKER_CONFIG: config, GITHUB_REPOSITORY: repo, GITHUB_ACTOR: actor } })
  const name = r.outputs['builder-name'] || /builder (build-image-\S+)/.exec(r.main.log)?.[1]
  if (name) made.add(name)
  return r
}

/** What BuildKit did with the RUN step that contains MARKER: ran it, took it from its cache, or never saw it. */
function runStep(log: string, marker: string): 'ran' | 'cached' | 'absent' {
  const step = new RegExp(`^#(\\d+) \\[[^\\]\\n]+\\] RUN [^\\n]*${marker}`, 'm').exec(log)?.[1]
  if (!step) return 'absent'
  if (new RegExp(`^#${step} CACHED$`, 'm').test(log)) return 'cached'
  return new RegExp(`^#${step} DONE `, 'm').test(log) ? 'ran' : 'absent'
}

/** The RUN step's cache records on a builder's own BuildKit, as `docker buildx du` lists them. */
async function cacheRecords(builder: string, marker: string): Promise<number> {
  const du = await sh('docker', ['buildx', 'du', '--builder', builder, '--verbose'], { DOCKER_CONFIG: config })
  expect(du.code).toBe(0)
  return du.stdout.split('\n').filter(l => /^Description:/.test(l) && l.includes(marker)).length
}

describe('scoped docker-container builders with a BuildKit of their own (buildkit-own image)', () => {
  it('two scopes never share a cache (the second runs the RUN step again); a scope reuses its own (CACHED)', async () => {
    const marker = `isolation-${run}`
    // RUN steps need --network=none|host here: the builder's engine has no bridge (see the image)
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN --network=none echo ${marker} > /proof\n` })
    const first = await runAs(`octo/first-${run}`, { context: ctx, ...scoped('repo') })
    expectSuccess(first)
    const firstName = first.outputs['builder-name'] ?? ''
    expect(firstName).toMatch(/^build-image-repo-[0-9a-f]{12}$/)
    expect(first.main.log).toContain(`created builder ${firstName}`)
    expect(runStep(first.main.log, marker)).toBe('ran')
    expect(await cacheRecords(firstName, marker)).toBeGreaterThan(0)

    // another repository: another builder, whose BuildKit has never seen the step
    const other = await runAs(`octo/other-${run}`, { context: ctx, ...scoped('repo') })
    expectSuccess(other)
    const otherName = other.outputs['builder-name'] ?? ''
    expect(otherName).toMatch(/^build-image-repo-[0-9a-f]{12}$/)
    expect(otherName).not.toBe(firstName)
    expect(runStep(other.main.log, marker)).toBe('ran')

    // the same repository again: its builder reused, and the step comes from its cache
    const again = await runAs(`octo/first-${run}`, { context: ctx, ...scoped('repo') })
    expectSuccess(again)
    expect(again.outputs['builder-name']).toBe(firstName)
    expect(again.main.log).toContain(`reusing builder ${firstName}`)
    expect(runStep(again.main.log, marker)).toBe('cached')

    // independently: two containers of the engine, each with a state volume of its own
    const volumes = async (name: string) => {
      const r = await sh('docker', ['inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', `buildx_buildkit_${name}0`])
      expect(r.code).toBe(0)
      return r.stdout.trim()
    }
    expect(await volumes(firstName)).toBe(`buildx_buildkit_${firstName}0_state`)
    expect(await volumes(otherName)).toBe(`buildx_buildkit_${otherName}0_state`)
  })

  it('builder-scope actor: two actors of one repository get two builders, and the second runs the step again', async () => {
    const marker = `actors-${run}`
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN --network=none echo ${marker} > /proof\n` })
    const repo = `octo/actors-${run}`
    const alice = await runAs(repo, { context: ctx, ...scoped('actor') }, 'alice')
    expectSuccess(alice)
    const bob = await runAs(repo, { context: ctx, ...scoped('actor') }, 'bob')
    expectSuccess(bob)
    expect(bob.outputs['builder-name']).not.toBe(alice.outputs['builder-name'])
    expect(runStep(alice.main.log, marker)).toBe('ran')
    expect(runStep(bob.main.log, marker)).toBe('ran')
  })

  describe('the buildkitd config and flags reach the BuildKit', () => {
    // docker.io cannot be reached here: an image exists there only through a mirror on the testbed's registry
    const probe = `bia-mirror-${run}`
    const mirrorConfig = () => `[registry."docker.io"]\n  mirrors = [ "${tb.registry}" ]\n[registry."${tb.registry}"]\n  http = true\n`
    const fromDockerHub = () => writeContext({ Dockerfile: `FROM docker.io/library/${probe}:1\nRUN --network=none echo mirrored\n` })
    /** the builder container's own log (its engine's), as the outer engine keeps it */
    const containerLog = async (r: ActionRun) => {
      const logs = await sh('docker', ['logs', `buildx_buildkit_${r.outputs['builder-name'] ?? ''}0`])
      expect(logs.code).toBe(0)
      return logs.stdout + logs.stderr
    }

    beforeAll(async () => {
      const pushed = await sh('docker', ['buildx', 'imagetools', 'create', '-t', `${tb.registry}/library/${probe}:1`, tb.baseImage])
      expect(pushed.code).toBe(0)
    })

    it('no config: FROM docker.io fails (no mirror, no internet); with buildkitd-config-inline naming the registry as its mirror, it is pulled from there', async () => {
      // the registry's answers to reads of the probe's manifests (its push in beforeAll wrote them)
      const reads = () =>
        registryRequests(`library/${probe}`).filter(q => q.method !== 'PUT' && q.path.startsWith(`/v2/library/${probe}/manifests/`))
      const before = reads().length
      const bare = await runAs(`octo/no-mirror-${run}`, { context: fromDockerHub(), ...scoped('repo') })
      expect(bare.main.code).not.toBe(0)
      expect(bare.main.log).toMatch(new RegExp(`failed to resolve source metadata for docker\\.io/library/${probe}:1`))
      expect(reads().length).toBe(before)

      const mirrored = await runAs(`octo/mirror-${run}`, {
        context: fromDockerHub(),
        ...scoped('repo', { 'buildkitd-config-inline': mirrorConfig() })
      })
      expectSuccess(mirrored)
      expect(mirrored.main.log).toMatch(/^#\d+ \d+\.\d+ mirrored$/m)
      // independently: the registry answered the builder's reads of the mirrored repository
      expect(
        reads()
          .slice(before)
          .filter(q => q.status === 200).length
      ).toBeGreaterThan(0)
    })

    it('security.insecure: refused unless insecure-entitlements in the config or --allow-insecure-entitlement allows it', async () => {
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN --network=none echo insecure-${run}\n` })
      // flags without security.insecure (the action's default flags allow it)
      const flags = { 'buildkitd-flags': '--allow-insecure-entitlement network.host' }
      const refused = await runAs(`octo/no-insecure-${run}`, { context: ctx, allow: 'security.insecure', ...scoped('repo', flags) })
      expect(refused.main.code).not.toBe(0)
      expect(refused.main.log).toContain('granting entitlement security.insecure is not allowed by build daemon configuration')

      const byConfig = await runAs(`octo/insecure-config-${run}`, {
        context: ctx,
        allow: 'security.insecure',
        ...scoped('repo', { ...flags, 'buildkitd-config-inline': 'insecure-entitlements = [ "security.insecure" ]\n' })
      })
      expectSuccess(byConfig)
      // buildx records these flags with --allow-insecure-entitlement=network.host added (network=host)
      const byFlags = await runAs(`octo/insecure-flags-${run}`, {
        context: ctx,
        allow: 'security.insecure',
        ...scoped('repo', { 'buildkitd-flags': '--allow-insecure-entitlement security.insecure' })
      })
      expectSuccess(byFlags)
    })

    it('[worker.oci] gckeepstorage: the GC policy the BuildKit reports (buildx inspect) keeps that much', async () => {
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN --network=none echo gc-${run}\n` })
      const r = await runAs(`octo/gc-${run}`, {
        context: ctx,
        ...scoped('repo', { 'buildkitd-config-inline': '[worker.oci]\n  gckeepstorage = "3GB"\n' })
      })
      expectSuccess(r)
      const inspect = await sh('docker', ['buildx', 'inspect', r.outputs['builder-name'] ?? ''], { DOCKER_CONFIG: config })
      expect(inspect.code).toBe(0)
      // buildx 0.29 says Reserved Space, older ones Keep Bytes
      expect(inspect.stdout).toMatch(/^GC Policy rule#0:/m)
      expect(inspect.stdout).toMatch(/(Reserved Space|Keep Bytes):\s+3GiB/)
    })

    it('buildkitd-flags --debug: the engine logs at debug level (the default flags: not)', async () => {
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN --network=none echo debug-${run}\n` })
      const plain = await runAs(`octo/plain-${run}`, { context: ctx, ...scoped('repo') })
      expectSuccess(plain)
      expect(await containerLog(plain)).not.toMatch(/level=debug/)
      // buildx adds --allow-insecure-entitlement=network.host to these flags (network=host): still the builder asked for
      const debug = await runAs(`octo/debug-${run}`, { context: ctx, ...scoped('repo', { 'buildkitd-flags': '--debug' }) })
      expectSuccess(debug)
      expect(await containerLog(debug)).toMatch(/level=debug/)
      const again = await runAs(`octo/debug-${run}`, { context: ctx, ...scoped('repo', { 'buildkitd-flags': '--debug' }) })
      expectSuccess(again)
      expect(again.main.log).toContain(`reusing builder ${debug.outputs['builder-name'] ?? ''}`)
    })
  })
})
