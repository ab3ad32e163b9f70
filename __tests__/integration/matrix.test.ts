// Many builds in one step: matrix variants, bake files, per-platform builds merged into one
// manifest list (on one engine and on a genuine two-node builder), and merge across jobs.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import {
  eachInputCheck,
  expectNothingPushed,
  expectSuccess,
  getBlob,
  getManifest,
  hasCapability,
  listTags,
  runAction,
  sh,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed
let ctx: string

const realPlatforms = (index: any): string[] =>
  index.manifests
    .filter((m: any) => m.platform?.os !== 'unknown')
    .map((m: any) => `${m.platform.os}/${m.platform.architecture}`)
    .sort()

const attestationsOf = (index: any): any[] =>
  index.manifests.filter((m: any) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')

beforeAll(() => {
  tb = testbed()
  // A shared stage every variant reuses, then a last stage that differs per variant.
  ctx = writeContext({
    Dockerfile: [
      `FROM ${tb.baseImage} AS shared`,
      'RUN echo shared > /shared',
      'FROM shared',
      'ARG variant=none',
      'ARG toolchain=none',
      'RUN echo "$variant $toolchain" > /variant',
      ''
    ].join('\n')
  })
})

/** Counts build steps and cached steps in plain buildx progress output. */
function cacheStats(log: string): { runSteps: number; cachedRunSteps: number } {
  const runSteps = new Set<string>()
  const cached = new Set<string>()
  for (const line of log.split('\n')) {
    const m = /#(\d+) \[[^\]]*\] RUN /.exec(line)
    if (m?.[1]) runSteps.add(`${m[1]}:${line.slice(line.indexOf('RUN'))}`)
    const c = /#(\d+) CACHED/.exec(line)
    if (c?.[1]) cached.add(c[1])
  }
  const cachedRun = [...runSteps].filter(k => cached.has(k.split(':')[0] ?? ''))
  return { runSteps: runSteps.size, cachedRunSteps: cachedRun.length }
}

/** Per real platform of a tag, the layer digests and the config's diff ids, as the registry serves them. */
async function platformContent(repo: string, tag: string): Promise<Record<string, { layers: string[]; diffIds: string[] }>> {
  const index = await getManifest(repo, tag)
  expect(index.status).toBe(200)
  const out: Record<string, { layers: string[]; diffIds: string[] }> = {}
  for (const m of index.json.manifests.filter((x: any) => x.platform?.os !== 'unknown')) {
    const manifest = await getManifest(repo, m.digest)
    const config = JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
    out[`${m.platform.os}/${m.platform.architecture}`] = {
      layers: manifest.json.layers.map((l: any) => l.digest),
      diffIds: config.rootfs.diff_ids
    }
  }
  return out
}

describe('matrix input', () => {
  it('builds 3 variants x 2 platforms in one bake, tags from templates; a second run is fully cached', async () => {
    const repo = uniqueRepo('matrix')
    const inputs = {
      context: ctx,
      matrix: 'variant: [alpine, debian, distroless]\ntoolchain: ["1.81"]\n',
      tags: `${tb.registry}/${repo}:{{variant}}-{{toolchain}}`,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true'
    }
    const first = await runAction(inputs)
    expectSuccess(first)
    const digests = JSON.parse(first.mainOutputs['digests'] ?? '{}')
    expect(Object.keys(digests).sort()).toEqual(['alpine-1_81', 'debian-1_81', 'distroless-1_81'])
    for (const variant of ['alpine', 'debian', 'distroless']) {
      const index = await getManifest(repo, `${variant}-1.81`)
      expect(index.status).toBe(200)
      expect(realPlatforms(index.json)).toEqual(['linux/amd64', 'linux/arm64'])
      expect(digests[`${variant}-1_81`]).toBe(index.digest)
    }
    const metadata = JSON.parse(first.mainOutputs['metadata'] ?? '{}')
    expect(Object.keys(metadata).sort()).toEqual(['alpine-1_81', 'debian-1_81', 'distroless-1_81'])
    // what the registry serves after the first run, read now (before the second run re-tags)
    const firstContent = await platformContent(repo, 'alpine-1.81')

    const second = await runAction(inputs)
    expectSuccess(second)
    const stats = cacheStats(second.main.log)
    expect(stats.runSteps).toBeGreaterThan(0)
    expect(stats.cachedRunSteps).toBe(stats.runSteps)
    const manifests = JSON.parse(second.outputs['manifests'] ?? '{}')
    expect(Object.keys(manifests)).toHaveLength(3)
    for (const t of Object.values<any>(manifests)) {
      if (hasCapability('build-history')) {
        // the build records agree: every target's build has cached steps for all its RUNs
        expect(t.build.cachedSteps).toBeGreaterThanOrEqual(2)
      } else {
        // the documented fallback: no build record to read, and no figures invented
        expect(t.build?.cachedSteps).toBeUndefined()
      }
    }
    // identical content: per platform, the same layers (and config rootfs) as the first run's
    expect(await platformContent(repo, 'alpine-1.81')).toEqual(firstContent)
  })

  eachInputCheck([
    ['matrix', { matrix: 'variant: [a, b\n' }, /matrix: .*YAML/],
    ['matrix', { matrix: 'variant: []\n' }, /matrix: .*no values/],
    ['tags', { matrix: 'variant: [a, b]\n', tags: 'localhost:5000/x:{{flavour}}' }, /tags: .*flavour/],
    ['digests', { mode: 'merge', context: '.', tags: 'localhost:5000/x:1', digests: 'sha256:1234' }, /digests: .*entry 1/]
  ])('bad %s input fails before anything is pushed', async (_input, inputs, message) => {
    const repo = uniqueRepo('bad')
    const run = await runAction({ context: ctx, push: 'true', tags: `${tb.registry}/${repo}:{{variant}}`, ...inputs })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(message)
    await expectNothingPushed(repo)
  })

  it('a typo in a tag template is refused before buildx is set up, naming tags', async () => {
    const repo = uniqueRepo('matrix-typo')
    const run = await runAction({
      context: ctx,
      matrix: 'variant: [alpine, debian]\n',
      tags: `${tb.registry}/${repo}:{{varient}}`,
      push: 'true'
    })
    expect(run.main.code).not.toBe(0)
    const errors = run.main.log.split('\n').filter(l => l.startsWith('::error'))
    expect(errors).toEqual([expect.stringMatching(/^::error[^:]*::tags: template .* uses "varient", which is not a matrix axis/)])
    // nothing was set up: no buildx, no builder, no build
    expect(run.main.log).not.toContain('Set up buildx')
    expect(run.main.log).not.toMatch(/::group::(Set up the builder|Bake|Build)/)
    const state = JSON.parse(run.state['build-image-action'] ?? '{}') as { errorInput?: string; buildxVersion?: string }
    expect(state.errorInput).toBe('tags')
    expect(state.buildxVersion).toBe('')
    expect(run.post.code).toBe(0)
    expect(await listTags(repo)).toEqual([])
  })
})

describe('bake files', () => {
  it('runs an HCL file with its own matrix and several targets; per-target outputs match the registry', async () => {
    const repo = uniqueRepo('bake')
    const dir = writeContext({})
    const hcl = path.join(dir, 'docker-bake.hcl')
    writeFileSync(
      hcl,
      [
        'group "default" {',
        '  targets = ["app", "tool"]',
        '}',
        'target "app" {',
        '  name = "app-${flavour}"',
        '  matrix = { flavour = ["small", "big"] }',
        `  context = "${ctx}"`,
        '  args = { variant = flavour }',
        `  tags = ["${tb.registry}/${repo}:app-\${flavour}"]`,
        '  platforms = ["linux/amd64"]',
        '}',
        'target "tool" {',
        `  context = "${ctx}"`,
        '  args = { variant = "tool" }',
        `  tags = ["${tb.registry}/${repo}:tool"]`,
        '  platforms = ["linux/amd64", "linux/arm64"]',
        '}',
        ''
      ].join('\n')
    )
    // bake (buildx >= 0.19) asks for read access to contexts outside the working directory
    const run = await runAction({ files: hcl, push: 'true', allow: `fs.read=${ctx}` })
    expectSuccess(run)
    const digests = JSON.parse(run.mainOutputs['digests'] ?? '{}')
    expect(Object.keys(digests).sort()).toEqual(['app-big', 'app-small', 'tool'])
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}')
    for (const [target, tag] of [
      ['app-small', 'app-small'],
      ['app-big', 'app-big'],
      ['tool', 'tool']
    ] as const) {
      const m = await getManifest(repo, tag)
      expect(m.status).toBe(200)
      expect(digests[target]).toBe(m.digest)
      expect(manifests[target].digest).toBe(m.digest)
      expect(manifests[target].platforms.map((p: any) => p.platform).sort()).toEqual(realPlatforms(m.json))
    }
  })
})

describe('platform-split', () => {
  it('is refused with the docker driver named, which cannot push by digest, before anything is built', async () => {
    const repo = uniqueRepo('splitdocker')
    const run = await runAction({
      context: ctx,
      driver: 'docker',
      tags: `${tb.registry}/${repo}:v1`,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      'platform-split': 'true'
    })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/::error::platform-split: .*docker driver/)
    await expectNothingPushed(repo)
  })

  it('builds each platform on its own, pushes by digest, then tags one merged index with both platforms and their attestations', async () => {
    const repo = uniqueRepo('split')
    // One engine serves both platforms here; the engine's image exporter races when two builds
    // export at once ("image already exists"), so build one platform at a time. (A BuildKit of its
    // own per node, as with docker-container or the two-node builder below, has no such race.)
    const remote = { driver: 'remote', endpoint: tb.buildkitAddr, 'max-parallel': '1' }
    const run = await runAction({
      ...remote,
      context: ctx,
      tags: `${tb.registry}/${repo}:v1`,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      'platform-split': 'true'
    })
    expectSuccess(run)
    expect(await listTags(repo)).toEqual(['v1'])
    const index = await getManifest(repo, 'v1')
    expect(realPlatforms(index.json)).toEqual(['linux/amd64', 'linux/arm64'])
    const attestations = attestationsOf(index.json)
    expect(attestations).toHaveLength(2)
    const imageDigests = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown').map((m: any) => m.digest)
    for (const a of attestations) expect(imageDigests).toContain(a.annotations['vnd.docker.reference.digest'])
    expect(run.mainOutputs['digest']).toBe(index.digest)
  })

  it('on a genuine two-node builder, builds each platform on its own node', async () => {
    if (!tb.node2BuildkitAddr) throw new Error('the testbed has no second node (node2BuildkitAddr)')
    const name = uniqueRepo('mn')
    const create1 = await sh('docker', [
      'buildx',
      'create',
      '--name',
      name,
      '--driver',
      'remote',
      '--platform',
      'linux/amd64',
      '--node',
      `${name}-amd`,
      tb.buildkitAddr
    ])
    expect(create1.code).toBe(0)
    const create2 = await sh('docker', [
      'buildx',
      'create',
      '--name',
      name,
      '--append',
      '--driver',
      'remote',
      '--platform',
      'linux/arm64',
      '--node',
      `${name}-arm`,
      tb.node2BuildkitAddr
    ])
    expect(create2.code).toBe(0)
    try {
      const repo = uniqueRepo('split2')
      // The RUN step writes where its root file system lives: the upper dir is under the data root
      // of the engine whose BuildKit ran it. A fresh salt keeps it from coming out of any cache.
      const placed = writeContext({
        Dockerfile: [
          `FROM ${tb.baseImage}`,
          `RUN echo ${Math.random().toString(36).slice(2)} > /salt && grep -m1 ' / / ' /proc/self/mountinfo | grep -o 'upperdir=[^,]*' > /built-on`,
          ''
        ].join('\n')
      })
      const run = await runAction({
        context: placed,
        builder: name,
        tags: `${tb.registry}/${repo}:v1`,
        platforms: 'linux/amd64,linux/arm64',
        push: 'true',
        'platform-split': 'true'
      })
      expectSuccess(run)
      const index = await getManifest(repo, 'v1')
      expect(realPlatforms(index.json)).toEqual(['linux/amd64', 'linux/arm64'])
      // Each platform's build ran on the node that serves it, read from the image itself: the
      // file the RUN step wrote names the data root of the engine that ran it, asked of each engine.
      const rootOf = async (host: string) => {
        const info = await sh('docker', ['info', '--format', '{{.DockerRootDir}}'], { DOCKER_HOST: host })
        expect(info.code).toBe(0)
        return info.stdout.trim()
      }
      const mainRoot = await rootOf(tb.dockerHost)
      const node2Root = await rootOf(tb.node2DockerHost)
      expect(mainRoot).not.toBe(node2Root)
      const builtOn = await builtOnByPlatform(repo, index.json)
      expect(builtOn['linux/amd64']).toMatch(new RegExp(`^upperdir=${mainRoot}/`))
      expect(builtOn['linux/arm64']).toMatch(new RegExp(`^upperdir=${node2Root}/`))
    } finally {
      await sh('docker', ['buildx', 'rm', name])
    }
  })

  /** The /built-on file of each real platform's image, read from its last layer over the registry. */
  async function builtOnByPlatform(repo: string, index: any): Promise<Record<string, string>> {
    const out: Record<string, string> = {}
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-layer-'))
    for (const m of index.manifests.filter((x: any) => x.platform?.os !== 'unknown')) {
      const manifest = await getManifest(repo, m.digest)
      const file = path.join(dir, `${m.platform.architecture}.tar.gz`)
      writeFileSync(file, await getBlob(repo, manifest.json.layers.at(-1).digest))
      const r = await sh('tar', ['-xzOf', file, 'built-on'])
      expect(r.code).toBe(0)
      out[`${m.platform.os}/${m.platform.architecture}`] = r.stdout.trim()
    }
    return out
  }

  it('a failing platform leaves the tag where it was and names the platform', async () => {
    const repo = uniqueRepo('splitfail')
    const tag = `${tb.registry}/${repo}:v1`
    const good = await runAction({ context: ctx, tags: tag, platforms: 'linux/amd64', push: 'true' })
    expectSuccess(good)
    const before = await getManifest(repo, 'v1')
    const broken = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG TARGETARCH\nRUN test "$TARGETARCH" != arm64\n` })
    const run = await runAction({
      driver: 'remote',
      endpoint: tb.buildkitAddr,
      'max-parallel': '1',
      context: broken,
      tags: tag,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      'platform-split': 'true'
    })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/::error::.*linux\/arm64/)
    const after = await getManifest(repo, 'v1')
    expect(after.digest).toBe(before.digest)
  })
})

describe('merge mode', () => {
  it('merges per-platform digests from two build-mode runs into the same index as platform-split', async () => {
    const repo = uniqueRepo('merge')
    const digests: string[] = []
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const run = await runAction({
        driver: 'remote',
        endpoint: tb.buildkitAddr,
        context: ctx,
        tags: `${tb.registry}/${repo}`,
        platforms: platform,
        'push-by-digest': 'true'
      })
      expectSuccess(run)
      digests.push(run.mainOutputs['digest'] ?? '')
    }
    expect(await listTags(repo)).toEqual([])
    const dir = writeContext({ 'arm64.digest': `${digests[1]}\n` })
    const merged = await runAction({
      mode: 'merge',
      tags: `${tb.registry}/${repo}:v1`,
      digests: digests[0] ?? '',
      'digests-from': path.join(dir, 'arm64.digest'),
      // one without a level: an index annotation, which buildx 0.29's imagetools create refuses unless the level is written out
      annotations: 'index:org.opencontainers.image.description=merged from two jobs\ncom.example.no-level=kept'
    })
    expectSuccess(merged)
    const index = await getManifest(repo, 'v1')
    expect(realPlatforms(index.json)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(attestationsOf(index.json)).toHaveLength(2)
    expect(merged.mainOutputs['digest']).toBe(index.digest)
    expect(index.json.annotations['org.opencontainers.image.description']).toBe('merged from two jobs')
    expect(index.json.annotations['com.example.no-level']).toBe('kept')
  })
})
