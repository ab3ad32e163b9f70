import { describe, it, expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { sha256Digest } from '../../../src/oci/digest.js'
import {
  ACCEPT_MANIFESTS,
  MEDIA_TYPES,
  buildReport,
  isIndex,
  isManifest,
  layersOf,
  parseManifestJson,
  platformImage,
  resolvedBase,
  splitIndex
} from '../../../src/oci/manifests.js'
import type { BaseImage, Descriptor, ImageIndex, ImageManifest } from '../../../src/oci/types.js'

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures')
const text = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const json = (name: string): unknown => JSON.parse(text(name))
const index = (name: string) => json(name) as ImageIndex
const manifest = (name: string) => json(name) as ImageManifest

const APP_AMD64 = 'sha256:4e4d56d191ea573f5c4f98872cc86ac29a8f2c37c5e4f86d97c49a72ac570c42'
const APP_ARM64 = 'sha256:9173007e74c066fd936f01afb83252fddb3903f1a4576a05a98fb48318f2018f'
const ATT_AMD64 = 'sha256:609867ff7497d2d41c6c21860db023c0d3659350dc6ae5f3615a98694e8432a2'
const ATT_ARM64 = 'sha256:529090e6b7529ad9ca9d89c698a728c570380ba51a82e9d02d30692a9e240832'
const SINGLE_AMD64 = 'sha256:edd054d28f3334f5b3f7d311b770af4fb8f49455a7b3dc32f9dec89bbe33513c'
const SINGLE_ATT = 'sha256:c2916365c029ba0d7ad283500e4ec8971e5d291ab74f53dd40571bef5be181be'
const D = (c: string) => `sha256:${c.repeat(64)}`

function appManifests(): Map<string, ImageManifest> {
  return new Map([
    [APP_AMD64, manifest('app-manifest-amd64.json')],
    [APP_ARM64, manifest('app-manifest-arm64.json')],
    [ATT_AMD64, manifest('app-attestation-amd64.json')],
    [ATT_ARM64, manifest('app-attestation-arm64.json')]
  ])
}

describe('fixtures are self-consistent (digest and size of every referenced manifest)', () => {
  it.each<[string, string]>([
    ['app-index.json', 'app-manifest-amd64.json'],
    ['app-index.json', 'app-manifest-arm64.json'],
    ['app-index.json', 'app-attestation-amd64.json'],
    ['app-index.json', 'app-attestation-arm64.json'],
    ['single-index.json', 'single-manifest-amd64.json'],
    ['single-index.json', 'single-attestation.json'],
    ['docker-list.json', 'docker-manifest-amd64.json'],
    ['docker-list.json', 'docker-manifest-armv7.json']
  ])('%s lists %s', (idx, file) => {
    const digest = sha256Digest(text(file))
    const d = index(idx).manifests.find(m => m.digest === digest)
    expect(d).toBeDefined()
    expect(d?.size).toBe(Buffer.byteLength(text(file)))
  })
})

describe('media types', () => {
  it('ACCEPT_MANIFESTS names the four index and manifest types, comma-separated', () => {
    expect(ACCEPT_MANIFESTS.split(',').sort()).toEqual(
      [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifestList, MEDIA_TYPES.dockerManifest].sort()
    )
  })
  it.each<[string, string]>([
    [MEDIA_TYPES.ociIndex, 'application/vnd.oci.image.index.v1+json'],
    [MEDIA_TYPES.ociManifest, 'application/vnd.oci.image.manifest.v1+json'],
    [MEDIA_TYPES.dockerManifestList, 'application/vnd.docker.distribution.manifest.list.v2+json'],
    [MEDIA_TYPES.dockerManifest, 'application/vnd.docker.distribution.manifest.v2+json']
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected)
  })
})

const desc = { mediaType: MEDIA_TYPES.ociManifest, digest: D('a'), size: 1 }

describe('isIndex / isManifest', () => {
  it.each<[string, unknown, boolean, boolean]>([
    ['OCI index fixture', json('app-index.json'), true, false],
    ['Docker manifest list fixture', json('docker-list.json'), true, false],
    ['OCI manifest fixture', json('app-manifest-amd64.json'), false, true],
    ['attestation manifest fixture', json('app-attestation-amd64.json'), false, true],
    ['Docker manifest fixture', json('docker-manifest-amd64.json'), false, true],
    ['index without mediaType (shape)', { schemaVersion: 2, manifests: [desc] }, true, false],
    ['empty index without mediaType', { schemaVersion: 2, manifests: [] }, true, false],
    ['manifest without mediaType (shape)', { schemaVersion: 2, config: desc, layers: [] }, false, true],
    ['manifest shape but index mediaType', { mediaType: MEDIA_TYPES.ociIndex, config: desc, layers: [] }, false, false],
    ['index shape but manifest mediaType', { mediaType: MEDIA_TYPES.dockerManifest, manifests: [desc] }, false, false],
    ['manifests is not an array', { manifests: {} }, false, false],
    ['a manifests entry without digest', { manifests: [{ mediaType: 'x', size: 1 }] }, false, false],
    ['layers missing', { config: desc }, false, false],
    ['config is not a descriptor', { config: 'sha256:x', layers: [] }, false, false],
    ['a layer with a string size', { config: desc, layers: [{ ...desc, size: '1' }] }, false, false],
    ['null', null, false, false],
    ['array', [desc], false, false],
    ['string', 'manifests', false, false]
  ])('%s', (_name, doc, asIndex, asManifest) => {
    expect(isIndex(doc)).toBe(asIndex)
    expect(isManifest(doc)).toBe(asManifest)
  })
})

describe('parseManifestJson', () => {
  it.each<[string, 'index' | 'manifest']>([
    ['app-index.json', 'index'],
    ['single-index.json', 'index'],
    ['docker-list.json', 'index'],
    ['app-manifest-arm64.json', 'manifest'],
    ['app-attestation-arm64.json', 'manifest'],
    ['docker-manifest-armv7.json', 'manifest']
  ])('%s parses as an %s', (file, kind) => {
    const doc = parseManifestJson(text(file), file)
    expect(isIndex(doc)).toBe(kind === 'index')
    expect(doc).toEqual(json(file))
  })

  it.each<[string, string, RegExp]>([
    ['not JSON', '<html>502 Bad Gateway</html>', /^app sha256:abc: not JSON/],
    ['truncated JSON', '{"schemaVersion": 2, "manifests": [', /^app sha256:abc: not JSON/],
    ['empty', '', /^app sha256:abc: not JSON/],
    ['JSON of another kind', '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', /^app sha256:abc: neither an image index nor an image manifest$/],
    [
      'config blob',
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
      /neither an image index nor an image manifest/
    ],
    [
      'schema 1 manifest',
      '{"schemaVersion":1,"mediaType":"application/vnd.docker.distribution.manifest.v1+json","fsLayers":[]}',
      /\(mediaType application\/vnd\.docker\.distribution\.manifest\.v1\+json\)$/
    ],
    ['JSON null', 'null', /neither/],
    ['JSON array', '[]', /neither/]
  ])('%s throws naming where', (_name, input, message) => {
    expect(() => parseManifestJson(input, 'app sha256:abc')).toThrow(message)
  })
})

const attAnnotations = (subject: string) => ({
  'vnd.docker.reference.type': 'attestation-manifest',
  'vnd.docker.reference.digest': subject
})

describe('splitIndex', () => {
  it.each<[string, string[], string[]]>([
    ['app-index.json', [APP_AMD64, APP_ARM64], [ATT_AMD64, ATT_ARM64]],
    ['single-index.json', [SINGLE_AMD64], [SINGLE_ATT]],
    [
      'docker-list.json',
      [
        'sha256:1b0c70684e5c15e5c62d27ba61d0be69e961e7e3ee54c156a98725288be94abf',
        'sha256:a23efc9fc459d9428f5d0f290d1b13ee34c213afade513946984e6a0f60c09fe'
      ],
      []
    ]
  ])('%s', (file, images, attestations) => {
    const split = splitIndex(index(file))
    expect(split.images.map(d => d.digest)).toEqual(images)
    expect(split.attestations.map(d => d.digest)).toEqual(attestations)
  })

  it.each<[string, Descriptor, 'image' | 'attestation']>([
    [
      'unknown/unknown with the annotation',
      { ...desc, platform: { os: 'unknown', architecture: 'unknown' }, annotations: attAnnotations(D('b')) },
      'attestation'
    ],
    ['no platform with the annotation', { ...desc, annotations: attAnnotations(D('b')) }, 'attestation'],
    ['unknown/unknown without the annotation', { ...desc, platform: { os: 'unknown', architecture: 'unknown' } }, 'image'],
    [
      'a real platform with the annotation',
      { ...desc, platform: { os: 'linux', architecture: 'amd64' }, annotations: attAnnotations(D('b')) },
      'image'
    ],
    [
      'another reference type',
      { ...desc, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'signature' } },
      'image'
    ],
    ['a plain platform entry', { ...desc, platform: { os: 'linux', architecture: 's390x' } }, 'image']
  ])('%s is an %s', (_name, d, kind) => {
    const split = splitIndex({ schemaVersion: 2, manifests: [d] })
    expect(split.images.length).toBe(kind === 'image' ? 1 : 0)
    expect(split.attestations.length).toBe(kind === 'attestation' ? 1 : 0)
  })
})

describe('layersOf / platformImage', () => {
  it('lists layers with digest, size and media type only', () => {
    const att = manifest('app-attestation-amd64.json')
    expect(layersOf(att)).toEqual(att.layers.map(l => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })))
    expect(layersOf(att)[0]).not.toHaveProperty('annotations')
  })

  it.each<[string, number, number, string]>([
    ['app-manifest-amd64.json', 3, 1084452 + 2871 + 3145728, `sha256:${createHash('sha256').update('app-amd64-2').digest('hex')}`],
    ['app-manifest-arm64.json', 3, 1037506 + 2869 + 3019898, manifest('app-manifest-arm64.json').layers[2]?.digest ?? ''],
    ['docker-manifest-armv7.json', 2, 3623807 + 7 + 32 + 7, manifest('docker-manifest-armv7.json').layers[1]?.digest ?? '']
  ])('%s: %i layers, %i bytes', (file, count, size, last) => {
    const m = manifest(file)
    const p = platformImage('linux/x', D('c'), m)
    expect(p).toEqual({
      platform: 'linux/x',
      digest: D('c'),
      configDigest: m.config.digest,
      size,
      layers: layersOf(m),
      lastLayerDigest: last
    })
  })

  it('an image without layers has size 0 and no last layer', () => {
    const p = platformImage('linux/amd64', D('d'), { schemaVersion: 2, config: desc, layers: [] })
    expect(p.size).toBe(0)
    expect(p.layers).toEqual([])
    expect(p.lastLayerDigest).toBe('')
  })

  it('keeps manifest annotations', () => {
    const p = platformImage('linux/amd64', D('d'), {
      schemaVersion: 2,
      config: desc,
      layers: [],
      annotations: { 'org.opencontainers.image.title': 'app' }
    })
    expect(p.annotations).toEqual({ 'org.opencontainers.image.title': 'app' })
  })
})

const APP_ROOT = sha256Digest(text('app-index.json'))

describe('buildReport: multi-platform index with attestations', () => {
  const report = buildReport({
    target: 'app',
    tags: ['localhost:5000/app:1.0'],
    rootDigest: APP_ROOT,
    root: index('app-index.json'),
    manifests: appManifests(),
    source: 'registry',
    bytesRead: 4003
  })

  it('has the index fields', () => {
    expect(report).toMatchObject({
      target: 'app',
      tags: ['localhost:5000/app:1.0'],
      digest: APP_ROOT,
      mediaType: MEDIA_TYPES.ociIndex,
      source: 'registry',
      bytesRead: 4003,
      notes: [],
      baseImages: []
    })
    expect(report).not.toHaveProperty('annotations')
  })

  it.each<[number, string, string, string]>([
    [0, 'linux/amd64', APP_AMD64, 'app-manifest-amd64.json'],
    [1, 'linux/arm64', APP_ARM64, 'app-manifest-arm64.json']
  ])('platform %i is %s', (i, platform, digest, file) => {
    expect(report.platforms[i]).toEqual(platformImage(platform, digest, manifest(file)))
  })

  it('lists only real platforms as platforms', () => {
    expect(report.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it.each<[number, string, string, string]>([
    [0, ATT_AMD64, APP_AMD64, 'linux/amd64'],
    [1, ATT_ARM64, APP_ARM64, 'linux/arm64']
  ])('attestation %i attests %s', (i, digest, attests, platform) => {
    expect(report.attestations[i]).toEqual({
      digest,
      attests,
      platform,
      predicateTypes: ['https://slsa.dev/provenance/v0.2', 'https://spdx.dev/Document'],
      size: 838
    })
  })
})

describe('buildReport: what could not be read', () => {
  it.each<[string, string[], string[]]>([
    ['nothing', [], [APP_AMD64, APP_ARM64, ATT_AMD64, ATT_ARM64]],
    ['the arm64 image', [APP_AMD64, ATT_AMD64, ATT_ARM64], [APP_ARM64]],
    ['the attestations', [APP_AMD64, APP_ARM64], [ATT_AMD64, ATT_ARM64]],
    ['everything', [APP_AMD64, APP_ARM64, ATT_AMD64, ATT_ARM64], []]
  ])('having read %s', (_name, read, missing) => {
    const all = appManifests()
    const manifests = new Map([...all].filter(([d]) => read.includes(d)))
    const r = buildReport({
      target: 'app',
      tags: [],
      rootDigest: APP_ROOT,
      root: index('app-index.json'),
      manifests,
      source: 'build-record',
      bytesRead: 1
    })
    expect(r.notes.length).toBe(missing.length)
    for (const d of missing) expect(r.notes.some(n => n.includes(d))).toBe(true)
    // Missing platforms are still listed, with what the index says about them.
    expect(r.platforms.map(p => [p.platform, p.digest])).toEqual([
      ['linux/amd64', APP_AMD64],
      ['linux/arm64', APP_ARM64]
    ])
    for (const p of r.platforms) {
      if (missing.includes(p.digest))
        expect(p).toEqual({ platform: p.platform, digest: p.digest, configDigest: '', size: 0, layers: [], lastLayerDigest: '' })
      else expect(p.layers.length).toBe(3)
    }
    for (const a of r.attestations) expect(a.predicateTypes.length).toBe(missing.includes(a.digest) ? 0 : 2)
    expect(r.attestations.map(a => a.platform)).toEqual(['linux/amd64', 'linux/arm64'])
  })
})

describe('buildReport: other roots', () => {
  it('single-platform index with provenance (attestation manifest not read)', () => {
    const r = buildReport({
      target: 'seed-000',
      tags: ['localhost:5000/seed:000'],
      rootDigest: sha256Digest(text('single-index.json')),
      root: index('single-index.json'),
      manifests: new Map([[SINGLE_AMD64, manifest('single-manifest-amd64.json')]]),
      source: 'registry',
      bytesRead: 1524
    })
    expect(r.platforms.map(p => [p.platform, p.digest, p.layers.length, p.size])).toEqual([['linux/amd64', SINGLE_AMD64, 2, 1084452 + 187]])
    expect(r.attestations).toEqual([{ digest: SINGLE_ATT, attests: SINGLE_AMD64, platform: 'linux/amd64', predicateTypes: [], size: 566 }])
    expect(r.notes).toEqual([`the attestation manifest ${SINGLE_ATT} could not be read: its predicate types are not listed`])
  })

  it('Docker manifest list without attestations', () => {
    const list = index('docker-list.json')
    const manifests = new Map(
      list.manifests.map((d, i) => [d.digest, manifest(i === 0 ? 'docker-manifest-amd64.json' : 'docker-manifest-armv7.json')])
    )
    const r = buildReport({ target: 'legacy', tags: [], rootDigest: D('e'), root: list, manifests, source: 'image-store', bytesRead: 2098 })
    expect(r.mediaType).toBe(MEDIA_TYPES.dockerManifestList)
    expect(r.platforms.map(p => p.platform)).toEqual(['linux/amd64', 'linux/arm/v7'])
    expect(r.attestations).toEqual([])
    expect(r.notes).toEqual([])
  })

  it.each<[string, string | undefined, string]>([
    ['with the config platform', 'linux/arm64', 'linux/arm64'],
    ['without a platform', undefined, 'unknown'],
    ['with an empty platform', '', 'unknown']
  ])('single manifest %s', (_name, configPlatform, platform) => {
    const m = manifest('docker-manifest-amd64.json')
    const r = buildReport({
      target: 't',
      tags: ['t:1'],
      rootDigest: D('f'),
      root: m,
      manifests: new Map(),
      source: 'oci-layout',
      bytesRead: 696,
      ...(configPlatform !== undefined ? { configPlatform } : {})
    })
    expect(r.mediaType).toBe(MEDIA_TYPES.dockerManifest)
    expect(r.digest).toBe(D('f'))
    expect(r.platforms).toEqual([platformImage(platform, D('f'), m)])
    expect(r.attestations).toEqual([])
    expect(r.notes).toEqual([])
  })

  it.each<[string, ImageIndex | ImageManifest, string]>([
    ['index', { schemaVersion: 2, manifests: [] }, MEDIA_TYPES.ociIndex],
    ['manifest', { schemaVersion: 2, config: desc, layers: [] }, MEDIA_TYPES.ociManifest]
  ])('an OCI %s without mediaType is reported with the OCI media type', (_name, root, mediaType) => {
    expect(
      buildReport({ target: 't', tags: [], rootDigest: D('1'), root, manifests: new Map(), source: 'oci-layout', bytesRead: 0 }).mediaType
    ).toBe(mediaType)
  })

  it('an entry without platform is listed as unknown; an attestation of a digest not in the index has no platform', () => {
    const root: ImageIndex = {
      schemaVersion: 2,
      manifests: [
        { ...desc, digest: D('2') },
        { ...desc, digest: D('3'), platform: { os: 'unknown', architecture: 'unknown' }, annotations: attAnnotations(D('9')) }
      ]
    }
    const r = buildReport({ target: 't', tags: [], rootDigest: D('1'), root, manifests: new Map(), source: 'registry', bytesRead: 0 })
    expect(r.platforms.map(p => p.platform)).toEqual(['unknown'])
    expect(r.attestations.map(a => [a.attests, a.platform])).toEqual([[D('9'), '']])
  })
})

describe('buildReport: base images from annotations', () => {
  const base = { 'org.opencontainers.image.base.name': 'docker.io/library/alpine:3.20', 'org.opencontainers.image.base.digest': D('b') }
  const m = (annotations?: Record<string, string>): ImageManifest => ({
    ...manifest('app-manifest-amd64.json'),
    ...(annotations ? { annotations } : {})
  })

  it.each<[string, ImageIndex, Map<string, ImageManifest>, BaseImage[]]>([
    [
      'on the index',
      { ...index('app-index.json'), annotations: base },
      new Map(),
      [{ name: 'alpine:3.20', digest: D('b'), platform: '', source: 'annotation' }]
    ],
    [
      'on both manifests, deduplicated per platform',
      index('app-index.json'),
      new Map([
        [APP_AMD64, m(base)],
        [APP_ARM64, m(base)]
      ]),
      [
        { name: 'alpine:3.20', digest: D('b'), platform: 'linux/amd64', source: 'annotation' },
        { name: 'alpine:3.20', digest: D('b'), platform: 'linux/arm64', source: 'annotation' }
      ]
    ],
    [
      'on the index and on its descriptors, the same value listed once per platform',
      {
        ...index('app-index.json'),
        annotations: base,
        manifests: index('app-index.json').manifests.map(d => (d.digest === APP_AMD64 ? { ...d, annotations: base } : d))
      },
      new Map([[APP_AMD64, m(base)]]),
      [
        { name: 'alpine:3.20', digest: D('b'), platform: '', source: 'annotation' },
        { name: 'alpine:3.20', digest: D('b'), platform: 'linux/amd64', source: 'annotation' }
      ]
    ],
    [
      'name with a digest and no base.digest',
      index('app-index.json'),
      new Map([[APP_AMD64, m({ 'org.opencontainers.image.base.name': `ghcr.io/org/base:1@${D('c')}` })]]),
      [{ name: 'ghcr.io/org/base:1', digest: D('c'), platform: 'linux/amd64', source: 'annotation' }]
    ],
    [
      'a digest without a name is not a base image',
      index('app-index.json'),
      new Map([[APP_AMD64, m({ 'org.opencontainers.image.base.digest': D('c') })]]),
      []
    ]
  ])('%s', (_name, root, manifests, expected) => {
    expect(
      buildReport({ target: 't', tags: [], rootDigest: D('1'), root, manifests, source: 'registry', bytesRead: 0 }).baseImages
    ).toEqual(expected)
  })

  it('on a single manifest, for its platform', () => {
    const r = buildReport({
      target: 't',
      tags: [],
      rootDigest: D('1'),
      root: m(base),
      manifests: new Map(),
      source: 'registry',
      bytesRead: 0,
      configPlatform: 'linux/amd64'
    })
    expect(r.baseImages).toEqual([{ name: 'alpine:3.20', digest: D('b'), platform: 'linux/amd64', source: 'annotation' }])
    expect(r.annotations).toEqual(base)
  })
})

describe('resolvedBase', () => {
  it('names the index digest and, per platform, the image manifest (attestations left out)', () => {
    expect(resolvedBase(`localhost:5000/app:1.0@${D('9')}`, text('app-index.json'))).toEqual({
      name: 'localhost:5000/app:1.0',
      digest: APP_ROOT,
      platformDigests: { 'linux/amd64': APP_AMD64, 'linux/arm64': APP_ARM64 }
    })
  })

  it('keys the platforms as the platforms input is compared (linux/arm is linux/arm/v7)', () => {
    const base = resolvedBase('localhost:5000/legacy:2', text('docker-list.json'))
    expect(Object.keys(base.platformDigests).sort()).toEqual(['linux/amd64', 'linux/arm/v7'])
    expect(base.digest).toBe(sha256Digest(text('docker-list.json')))
  })

  it('a single manifest has no per-platform digests', () => {
    const raw = text('single-manifest-amd64.json')
    expect(resolvedBase('alpine:3.20', raw)).toEqual({ name: 'alpine:3.20', digest: sha256Digest(raw), platformDigests: {} })
  })

  it('throws, naming the reference, on anything else', () => {
    expect(() => resolvedBase('alpine:3.20', '{"schemaVersion":2}')).toThrow(/^alpine:3\.20: neither an image index nor an image manifest/)
  })
})
