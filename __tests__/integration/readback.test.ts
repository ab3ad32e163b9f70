// Reading back many targets at once without push or load: the `manifests` and `layers` outputs
// must be exactly what the builder's build records hold, read here the old way, one
// `docker buildx history inspect attachment` per blob, by the test itself.
import { beforeAll, describe, expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { expectSuccess, itWhen, itWithout, runAction, sh, testbed, uniqueRepo, writeContext, type Testbed } from './harness.js'

let tb: Testbed
let ctx: string

beforeAll(() => {
  tb = testbed()
  ctx = writeContext({
    Dockerfile: `FROM ${tb.baseImage}\nARG variant=none\nRUN echo "$variant $(uname -m)" > /variant\n`
  })
})

const sha256 = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`

async function buildx(args: string[], builder?: string): Promise<string> {
  const r = await sh('docker', ['buildx', ...(builder ? ['--builder', builder] : []), ...args])
  if (r.code !== 0) throw new Error(`docker buildx ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

/** One target's `manifests` entry and `layers` entry, computed from the bare CLI's reads of its build record. */
async function fromCli(ref: string, tags: string[], builder?: string) {
  const indexText = await buildx(['history', 'inspect', 'attachment', ref, '--type', 'index'], builder)
  const index = JSON.parse(indexText)
  let bytes = Buffer.byteLength(indexText)
  const read = async (digest: string) => {
    const text = await buildx(['history', 'inspect', 'attachment', ref, digest], builder)
    expect(sha256(text)).toBe(digest)
    bytes += Buffer.byteLength(text)
    return JSON.parse(text)
  }
  const isAttestation = (d: any) => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'
  const images = index.manifests.filter((d: any) => !isAttestation(d))
  const platformOf = (d: any) => [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/')
  const platforms = []
  const layers: Record<string, unknown> = {}
  for (const d of images) {
    const m = await read(d.digest)
    const size = m.layers.reduce((n: number, l: any) => n + l.size, 0)
    platforms.push({ platform: platformOf(d), digest: d.digest, configDigest: m.config.digest, size })
    layers[platformOf(d)] = {
      layers: m.layers.map((l: any) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
      lastLayerDigest: m.layers.at(-1)?.digest ?? '',
      size
    }
  }
  const attestations = []
  for (const d of index.manifests.filter(isAttestation)) {
    const m = await read(d.digest)
    const attests = d.annotations['vnd.docker.reference.digest']
    const subject = images.find((i: any) => i.digest === attests)
    const predicateTypes = [...new Set(m.layers.map((l: any) => l.annotations?.['in-toto.io/predicate-type']).filter(Boolean))]
    attestations.push({ digest: d.digest, attests, platform: subject ? platformOf(subject) : '', predicateTypes, size: d.size })
  }
  const record = JSON.parse(await buildx(['history', 'inspect', ref, '--format', 'json'], builder))
  const manifests = {
    digest: sha256(indexText),
    mediaType: index.mediaType,
    tags,
    source: 'build-record',
    platforms,
    attestations,
    build: { durationMs: Math.round(record.Duration / 1e6), steps: record.NumTotalSteps, cachedSteps: record.NumCachedSteps ?? 0 }
  }
  return { manifests, layers, bytes }
}

describe('read-back of several targets without push or load', () => {
  /** A 3-target, 2-platform matrix with neither push nor load: the run and its parsed outputs. */
  async function matrixRun() {
    const repo = uniqueRepo('readback')
    const run = await runAction({
      context: ctx,
      matrix: 'variant: [one, two, three]\n',
      tags: `${tb.registry}/${repo}:{{variant}}`,
      platforms: 'linux/amd64,linux/arm64'
    })
    expectSuccess(run)
    const manifests = JSON.parse(run.mainOutputs['manifests'] ?? '{}')
    expect(Object.keys(manifests).sort()).toEqual(['one', 'three', 'two'])
    return {
      repo,
      run,
      manifests,
      layers: JSON.parse(run.mainOutputs['layers'] ?? '{}'),
      metadata: JSON.parse(run.mainOutputs['metadata'] ?? '{}')
    }
  }

  itWithout('build-history', '3 targets x 2 platforms: only each digest is known, the source says none', async () => {
    const { manifests } = await matrixRun()
    for (const t of Object.values<any>(manifests)) {
      expect(t.source).toBe('none')
      expect(t.platforms).toEqual([])
      expect(t.digest).toMatch(/^sha256:/)
    }
  })

  itWhen('build-history', '3 targets x 2 platforms: manifests and layers are what the build records hold, byte for byte', async () => {
    const { repo, run, manifests, layers, metadata } = await matrixRun()
    for (const target of Object.keys(manifests)) {
      const ref = String(metadata[target]['buildx.build.ref']).split('/').pop() ?? ''
      const expected = await fromCli(ref, [`${tb.registry}/${repo}:${target}`])
      // the same JSON text, key order included
      expect(JSON.stringify(manifests[target])).toBe(JSON.stringify(expected.manifests))
      expect(JSON.stringify(layers[target])).toBe(JSON.stringify(expected.layers))
      expect(run.main.log).toContain(`${target}: 2 platform(s), 2 attestation(s) from build-record (${expected.bytes} bytes read)`)
    }
  })

  itWhen(
    'build-history',
    'on a builder of its own (remote driver), buildx reads the records, a few processes at once: the same answer',
    async () => {
      const repo = uniqueRepo('readback-remote')
      const run = await runAction({
        context: ctx,
        driver: 'remote',
        endpoint: tb.buildkitAddr,
        'keep-builder': 'true',
        outputs: 'type=image',
        matrix: 'variant: [four, five]\n',
        tags: `${tb.registry}/${repo}:{{variant}}`,
        platforms: 'linux/amd64,linux/arm64'
      })
      const builder = run.mainOutputs['builder-name'] ?? ''
      try {
        expectSuccess(run)
        expect(run.mainOutputs['builder-driver']).toBe('remote')
        const manifests = JSON.parse(run.mainOutputs['manifests'] ?? '{}')
        const layers = JSON.parse(run.mainOutputs['layers'] ?? '{}')
        const metadata = JSON.parse(run.mainOutputs['metadata'] ?? '{}')
        expect(Object.keys(manifests).sort()).toEqual(['five', 'four'])
        for (const target of Object.keys(manifests)) {
          const ref = String(metadata[target]['buildx.build.ref']).split('/').pop() ?? ''
          const expected = await fromCli(ref, [`${tb.registry}/${repo}:${target}`], builder)
          expect(JSON.stringify(manifests[target])).toBe(JSON.stringify(expected.manifests))
          expect(JSON.stringify(layers[target])).toBe(JSON.stringify(expected.layers))
          expect(run.main.log).toContain(`${target}: 2 platform(s), 2 attestation(s) from build-record (${expected.bytes} bytes read)`)
        }
      } finally {
        if (builder) await sh('docker', ['buildx', 'rm', builder])
      }
    }
  )
})
