// What was built, made visible: manifests, attestations, layers, last layer digest and base
// images, from the registry or the build record, compared with what the registry serves.
import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  catalog,
  expectSuccess,
  getManifest,
  hasCapability,
  itWhen,
  runAction,
  sh,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed
let ctx: string
const hasHistory = () => hasCapability('build-history', tb)

beforeAll(() => {
  tb = testbed()
  ctx = writeContext({
    Dockerfile: `ARG BASE=${tb.baseImage}\nFROM \${BASE}\nRUN echo "layer from $(uname -m)" > /layer\nCOPY hello.txt /hello.txt\n`,
    'hello.txt': 'hello\n'
  })
})

describe('metadata of a pushed multi-platform image', () => {
  it('matches the registry: index, platform manifests, configs, layers; attestations kept apart', async () => {
    const repo = uniqueRepo('report')
    const run = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:v1`, platforms: 'linux/amd64,linux/arm64', push: 'true' })
    expectSuccess(run)
    const index = await getManifest(repo, 'v1')
    const manifests = JSON.parse(run.mainOutputs['manifests'] ?? '{}').default
    const layers = JSON.parse(run.mainOutputs['layers'] ?? '{}').default
    expect(manifests.digest).toBe(index.digest)
    expect(manifests.source).toBe('registry')
    expect(JSON.parse(run.mainOutputs['platforms'] ?? '{}').default).toEqual(['linux/amd64', 'linux/arm64'])

    const images = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown')
    const attestations = index.json.manifests.filter((m: any) => m.platform.os === 'unknown')
    expect(manifests.attestations).toHaveLength(attestations.length)
    for (const a of attestations) {
      const reported = manifests.attestations.find((x: any) => x.digest === a.digest)
      expect(reported.attests).toBe(a.annotations['vnd.docker.reference.digest'])
      expect(reported.platform).not.toBe('unknown/unknown')
      expect(reported.predicateTypes.join(' ')).toMatch(/slsa\.dev\/provenance/)
    }
    for (const m of images) {
      const platform = `${m.platform.os}/${m.platform.architecture}`
      const manifest = await getManifest(repo, m.digest)
      const p = layers[platform]
      expect(p.layers.map((l: any) => l.digest)).toEqual(manifest.json.layers.map((l: any) => l.digest))
      expect(p.layers.map((l: any) => l.size)).toEqual(manifest.json.layers.map((l: any) => l.size))
      expect(p.lastLayerDigest).toBe(manifest.json.layers.at(-1).digest)
      expect(p.size).toBe(manifest.json.layers.reduce((n: number, l: any) => n + l.size, 0))
    }
    // the job summary names the same index and both platforms
    expect(run.summary).toContain(index.digest.slice(0, 19))
    expect(run.summary).toMatch(/linux\/arm64/)
    expect(run.summary).toMatch(/unknown\/unknown/)
  })

  it('single-platform push with default provenance: one platform, one attestation (the unknown/unknown entry explained)', async () => {
    const repo = uniqueRepo('single')
    const run = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:v1`, platforms: 'linux/amd64', push: 'true' })
    expectSuccess(run)
    const index = await getManifest(repo, 'v1')
    expect(index.json.manifests.map((m: any) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual([
      'linux/amd64',
      'unknown/unknown'
    ])
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}').default
    expect(manifests.platforms.map((p: any) => p.platform)).toEqual(['linux/amd64'])
    expect(manifests.attestations).toHaveLength(1)
    expect(run.outputs['last-layer-digest']).toMatch(/^sha256:[a-f0-9]{64}$/)
  })

  it('provenance: false pushes no attestation entry', async () => {
    const repo = uniqueRepo('noprov')
    const run = await runAction({
      context: ctx,
      tags: `${tb.registry}/${repo}:v1`,
      platforms: 'linux/amd64',
      push: 'true',
      provenance: 'false'
    })
    expectSuccess(run)
    const top = await getManifest(repo, 'v1')
    const entries = top.json.manifests ?? [top.json]
    expect(entries.some((m: any) => m.platform?.os === 'unknown')).toBe(false)
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}').default
    expect(manifests.attestations).toHaveLength(0)
    expect(manifests.platforms).toHaveLength(1)
  })
})

describe('load into an engine with the containerd image store: the digest output is the image ID the engine stores', () => {
  it.each([
    ['default provenance: the image ID is an index (image + attestation manifest)', '', 'application/vnd.oci.image.index.v1+json'],
    ['provenance: false: the image ID is the image manifest itself', 'false', 'application/vnd.docker.distribution.manifest.v2+json']
  ])('%s', async (_name, provenance, mediaType) => {
    const tag = `local/${uniqueRepo('loaded')}:1`
    const run = await runAction({ context: ctx, platforms: 'linux/amd64', load: 'true', tags: tag, provenance })
    expectSuccess(run)
    const inspect = await sh('docker', ['image', 'inspect', tag, '--format', '{{.Id}}'])
    // With the containerd store the engine's image ID is the stored index or manifest digest:
    // the action's digest output. (imageid keeps docker/build-push-action's meaning: the iidfile.)
    expect(inspect.stdout.trim()).toBe(run.outputs['digest'])
    const [major = 0] = tb.dockerVersion.split('.').map(Number)
    if (major >= 28) {
      // Docker 28 reports the stored descriptor; Docker 26 does not have the field.
      const descriptor = await sh('docker', ['image', 'inspect', tag, '--format', '{{json .Descriptor}}'])
      expect(JSON.parse(descriptor.stdout).mediaType).toBe(mediaType)
    }
  })
})

describe('the last layer digest without pushing or loading', () => {
  it('reads layers from the build record, equal to what a push of the same build yields, writing nothing to the registry', async () => {
    const before = await catalog()
    const local = await runAction({ context: ctx, platforms: 'linux/amd64' })
    expectSuccess(local)
    expect(await catalog()).toEqual(before)
    const manifests = JSON.parse(local.outputs['manifests'] ?? '{}').default
    if (!hasHistory()) {
      // buildx < 0.23 cannot read build records: a clear fallback, never a wrong answer.
      expect(manifests.source).toBe('none')
      expect(local.outputs['last-layer-digest']).toBe('')
      expect(local.summary).toMatch(/0\.23/)
      return
    }
    expect(manifests.source).toBe('build-record')
    const lastLocal = local.outputs['last-layer-digest']
    expect(lastLocal).toMatch(/^sha256:[a-f0-9]{64}$/)

    const repo = uniqueRepo('no-push')
    const pushed = await runAction({ context: ctx, platforms: 'linux/amd64', push: 'true', tags: `${tb.registry}/${repo}:v1` })
    expectSuccess(pushed)
    const index = await getManifest(repo, 'v1')
    const image = index.json.manifests.find((m: any) => m.platform.os === 'linux')
    const manifest = await getManifest(repo, image.digest)
    expect(lastLocal).toBe(manifest.json.layers.at(-1).digest)
    expect(pushed.outputs['last-layer-digest']).toBe(lastLocal)
  })

  it('reads every target of a matrix from build records', async () => {
    const run = await runAction({
      context: ctx,
      matrix: 'flavour: [a, b, c]\n',
      'build-args': 'UNUSED=1',
      platforms: 'linux/amd64,linux/arm64'
    })
    expectSuccess(run)
    const layers = JSON.parse(run.outputs['layers'] ?? '{}')
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}')
    expect(Object.keys(layers).sort()).toEqual(['a', 'b', 'c'])
    for (const t of ['a', 'b', 'c']) {
      if (hasHistory()) {
        expect(manifests[t].source).toBe('build-record')
        expect(Object.keys(layers[t]).sort()).toEqual(['linux/amd64', 'linux/arm64'])
      } else {
        // buildx < 0.23, the documented fallback: no source, no layers, nothing guessed
        expect(manifests[t].source).toBe('none')
        expect(layers[t]).toEqual({})
      }
    }
  })
})

describe('base images and their OCI annotations', () => {
  itWhen('provenance-in-metadata', 'reports the base image from the provenance materials, with its digest', async () => {
    const run = await runAction({ context: ctx, platforms: 'linux/amd64', provenance: 'mode=max' })
    expectSuccess(run)
    const bases = JSON.parse(run.outputs['base-images'] ?? '{}').default
    const baseRepo = tb.baseImage.replace(/:multi$/, '')
    const base = await getManifest('base', 'multi')
    const amd64 = base.json.manifests.find((m: any) => m.platform.architecture === 'amd64')
    expect(bases.some((b: any) => b.name.startsWith(baseRepo) && (b.digest === base.digest || b.digest === amd64.digest))).toBe(true)
  })

  it('reads the base image of a pushed image from its provenance attestation and from the Dockerfile', async () => {
    const repo = uniqueRepo('bases')
    const run = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:v1`, platforms: 'linux/amd64,linux/arm64', push: 'true' })
    expectSuccess(run)
    const base = await getManifest('base', 'multi')
    const bases = JSON.parse(run.outputs['base-images'] ?? '{}').default
    const fromDockerfile = bases.find((b: any) => b.source === 'dockerfile')
    expect(fromDockerfile).toEqual({ name: tb.baseImage, digest: base.digest, platform: '', source: 'dockerfile' })
    const fromProvenance = bases.filter((b: any) => b.source === 'provenance')
    expect(fromProvenance.map((b: any) => b.platform).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    for (const b of fromProvenance) expect(b.digest).toBe(base.digest)
    expect(run.summary).toContain(tb.baseImage)
  })

  it('base-annotations: true puts base.name and base.digest on the index and on each platform manifest', async () => {
    const repo = uniqueRepo('annotated')
    const run = await runAction({
      context: ctx,
      tags: `${tb.registry}/${repo}:v1`,
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      'base-annotations': 'true'
    })
    expectSuccess(run)
    const base = await getManifest('base', 'multi')
    const index = await getManifest(repo, 'v1')
    expect(index.json.annotations['org.opencontainers.image.base.name']).toBe(tb.baseImage)
    expect(index.json.annotations['org.opencontainers.image.base.digest']).toBe(base.digest)
    for (const m of index.json.manifests.filter((x: any) => x.platform.os === 'linux')) {
      const manifest = await getManifest(repo, m.digest)
      const baseForPlatform = base.json.manifests.find((b: any) => b.platform.architecture === m.platform.architecture)
      expect(manifest.json.annotations['org.opencontainers.image.base.name']).toBe(tb.baseImage)
      expect(manifest.json.annotations['org.opencontainers.image.base.digest']).toBe(baseForPlatform.digest)
    }
  })
})
