import { describe, it, expect } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  ACCEPT_MANIFESTS,
  MEDIA_TYPES,
  baseImagesFromMetadata,
  baseImagesFromProvenance,
  buildReport,
  familiarName,
  finalStageBase,
  isIndex,
  isManifest,
  layersOf,
  parseDockerPurl,
  parseManifestJson,
  parsePlatform,
  platformImage,
  platformString,
  samePlatform,
  sha256Digest,
  splitIndex,
  validateDigest
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
const BASE_MULTI = 'sha256:90ac739522758f0b0179b553b763da1988f3a43708f93321977ceb4115f4747a'
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

describe('platforms', () => {
  it.each<[Descriptor['platform'], string]>([
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8'],
    [{ os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7'],
    [{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2582' }, 'windows/amd64'],
    [{ os: 'unknown', architecture: 'unknown' }, 'unknown/unknown'],
    [{ os: 'linux', architecture: 'amd64', variant: '' }, 'linux/amd64'],
    [undefined, '']
  ])('platformString(%j) = %s', (p, expected) => {
    expect(platformString(p)).toBe(expected)
  })

  it.each<[string, { os: string; architecture: string; variant?: string }]>([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/riscv64', { os: 'linux', architecture: 'riscv64' }],
    ['unknown/unknown', { os: 'unknown', architecture: 'unknown' }],
    [' linux/ppc64le ', { os: 'linux', architecture: 'ppc64le' }]
  ])('parsePlatform(%j)', (s, expected) => {
    expect(parsePlatform(s)).toEqual(expected)
    expect(platformString(parsePlatform(s))).toBe(s.trim())
  })

  it.each<[string]>([
    [''],
    ['linux'],
    ['linux/'],
    ['/amd64'],
    ['linux//v7'],
    ['linux/arm/v7/x'],
    ['linux/amd 64'],
    ['linux/amd64,linux/arm64'],
    ['linux/$ARCH']
  ])('parsePlatform(%j) throws', s => {
    expect(() => parsePlatform(s)).toThrow(/invalid platform/)
  })

  it.each<[string, string, boolean]>([
    ['linux/amd64', 'linux/amd64', true],
    ['linux/arm64/v8', 'linux/arm64', true],
    ['linux/aarch64', 'linux/arm64', true],
    ['linux/arm/v7', 'linux/arm/v6', false],
    ['linux/amd64', 'linux/arm64', false],
    ['', 'linux/amd64', false],
    ['', '', true]
  ])('samePlatform(%s, %s) = %s', (a, b, expected) => {
    expect(samePlatform(a, b)).toBe(expected)
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

describe('parseDockerPurl', () => {
  it.each<[string, { name: string; platform: string } | undefined]>([
    ['pkg:docker/localhost:5000/base@multi?platform=linux%2Famd64', { name: 'localhost:5000/base:multi', platform: 'linux/amd64' }],
    ['pkg:docker/alpine@3.20?platform=linux%2Farm64', { name: 'alpine:3.20', platform: 'linux/arm64' }],
    ['pkg:docker/library/alpine@3.20', { name: 'alpine:3.20', platform: '' }],
    ['pkg:docker/docker.io/library/alpine@3.20', { name: 'alpine:3.20', platform: '' }],
    ['pkg:docker/docker.io/bitnami/redis@7.2', { name: 'bitnami/redis:7.2', platform: '' }],
    ['pkg:docker/docker/dockerfile@1', { name: 'docker/dockerfile:1', platform: '' }],
    ['pkg:docker/ghcr.io/org/team/app@v1.2.3?platform=linux%2Farm%2Fv7', { name: 'ghcr.io/org/team/app:v1.2.3', platform: 'linux/arm/v7' }],
    ['pkg:docker/localhost:5000/library/base@1', { name: 'localhost:5000/library/base:1', platform: '' }],
    [
      `pkg:docker/alpine@sha256%3A${'a'.repeat(64)}?platform=linux%2Famd64`,
      { name: `alpine@sha256:${'a'.repeat(64)}`, platform: 'linux/amd64' }
    ],
    [`pkg:docker/localhost:5000/base@sha256:${'b'.repeat(64)}`, { name: `localhost:5000/base@sha256:${'b'.repeat(64)}`, platform: '' }],
    ['pkg:docker/alpine', { name: 'alpine', platform: '' }],
    ['pkg:docker/alpine@3.20?arch=amd64&platform=linux%2Famd64#sub', { name: 'alpine:3.20', platform: 'linux/amd64' }],
    ['PKG:DOCKER/alpine@3', { name: 'alpine:3', platform: '' }],
    ['pkg:docker/alpine@3%ZZ', undefined],
    ['pkg:docker/', undefined],
    ['pkg:oci/alpine@sha256%3Aabc', undefined],
    ['pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64', undefined],
    ['https://github.com/example/app.git#main', undefined],
    ['', undefined]
  ])('%s', (uri, expected) => {
    expect(parseDockerPurl(uri)).toEqual(expected)
  })
})

describe('familiarName', () => {
  it.each<[string, string]>([
    ['docker.io/library/alpine:3', 'alpine:3'],
    ['index.docker.io/library/alpine', 'alpine'],
    ['library/alpine', 'alpine'],
    ['docker.io/org/app', 'org/app'],
    ['library/team/app', 'library/team/app'],
    ['ghcr.io/library/x', 'ghcr.io/library/x'],
    ['localhost/library/x', 'localhost/library/x']
  ])('%s -> %s', (name, expected) => {
    expect(familiarName(name)).toBe(expected)
  })
})

const V02_BASE: BaseImage = { name: 'localhost:5000/base:multi', digest: BASE_MULTI, platform: 'linux/amd64', source: 'provenance' }
const V1_BASES: BaseImage[] = [
  {
    name: 'golang:1.23-alpine',
    digest: 'sha256:9a31ef0803e6afdf564edc8ba4b4e17caed22a0b1ecd2c55e3c8fdd8d8f68f98',
    platform: 'linux/amd64',
    source: 'provenance'
  },
  {
    name: 'alpine:3.20',
    digest: 'sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d',
    platform: 'linux/arm64',
    source: 'provenance'
  }
]

describe('baseImagesFromProvenance', () => {
  const v02 = json('provenance-v02.json')
  const v1 = json('provenance-v1.json') as { predicate: unknown }
  it.each<[string, unknown, BaseImage[]]>([
    ['SLSA v0.2, buildx metadata-file value (the predicate)', v02, [V02_BASE]],
    [
      'SLSA v0.2 in an in-toto statement',
      { _type: 'https://in-toto.io/Statement/v0.1', predicateType: 'https://slsa.dev/provenance/v0.2', predicate: v02 },
      [V02_BASE]
    ],
    ['SLSA v0.2 as imagetools {{json .Provenance}}', { SLSA: v02 }, [V02_BASE]],
    ['SLSA v0.2 as a JSON string', text('provenance-v02.json'), [V02_BASE]],
    ['SLSA v1 in-toto statement', v1, V1_BASES],
    ['SLSA v1 predicate', v1.predicate, V1_BASES],
    [
      'without a frontend, docker/dockerfile is an image like any other',
      { materials: [{ uri: 'pkg:docker/docker/dockerfile@1', digest: { sha256: 'a'.repeat(64) } }] },
      [{ name: 'docker/dockerfile:1', digest: D('a'), platform: '', source: 'provenance' }]
    ],
    [
      'material without digest, with a digest reference',
      { materials: [{ uri: `pkg:docker/alpine@sha256%3A${'c'.repeat(64)}` }, { uri: 'pkg:docker/busybox@1' }] },
      [
        { name: 'alpine', digest: D('c'), platform: '', source: 'provenance' },
        { name: 'busybox:1', digest: '', platform: '', source: 'provenance' }
      ]
    ],
    [
      'duplicates once',
      {
        materials: [
          { uri: 'pkg:docker/busybox@1', digest: { sha256: 'd'.repeat(64) } },
          { uri: 'pkg:docker/library/busybox@1', digest: { sha256: 'd'.repeat(64) } }
        ]
      },
      [{ name: 'busybox:1', digest: D('d'), platform: '', source: 'provenance' }]
    ],
    [
      'non-docker materials only',
      { materials: [{ uri: 'https://example.com/a.tar.gz', digest: { sha256: 'e'.repeat(64) } }, { uri: 42 }, null] },
      []
    ],
    ['no materials', { buildType: 'https://mobyproject.org/buildkit@v1' }, []],
    ['materials not an array', { materials: { uri: 'pkg:docker/alpine@3' } }, []],
    ['not JSON text', 'provenance', []],
    ['null', null, []],
    ['a number', 7, []]
  ])('%s', (_name, provenance, expected) => {
    expect(baseImagesFromProvenance(provenance)).toEqual(expected)
  })
})

describe('baseImagesFromMetadata', () => {
  it.each<[string, Record<string, unknown>, BaseImage[]]>([
    [
      'multi-platform metadata file (per-platform keys)',
      json('metadata-multi.json') as Record<string, unknown>,
      [
        V02_BASE,
        {
          name: 'busybox:1.37',
          digest: 'sha256:37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f',
          platform: 'linux/amd64',
          source: 'provenance'
        },
        { ...V02_BASE, platform: 'linux/arm64' }
      ]
    ],
    [
      'single-platform metadata file',
      { 'buildx.build.provenance': json('provenance-v02.json'), 'containerimage.digest': D('1') },
      [V02_BASE]
    ],
    ['no provenance', { 'containerimage.digest': D('1'), 'buildx.build.provenanceX': json('provenance-v02.json') }, []]
  ])('%s', (_name, metadata, expected) => {
    expect(baseImagesFromMetadata(metadata)).toEqual(expected)
  })
})

describe('finalStageBase', () => {
  it.each<[string, string, Record<string, string>, string | undefined, string | undefined]>([
    ['single FROM', 'FROM alpine:3.20\nRUN true\n', {}, undefined, 'alpine:3.20'],
    ['lowercase instruction', 'from alpine:3.20 as base\n', {}, undefined, 'alpine:3.20'],
    [
      'last stage wins',
      'FROM golang:1.23 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      {},
      undefined,
      'alpine:3.20'
    ],
    ['target stage, case-insensitive', 'FROM golang:1.23 AS Build\nFROM alpine:3.20\n', {}, 'BUILD', 'golang:1.23'],
    ['unknown target', 'FROM alpine\n', {}, 'nope', undefined],
    ['scratch', 'FROM golang AS build\nFROM scratch\nCOPY --from=build /x /x\n', {}, undefined, undefined],
    [
      'chain of stages to an image',
      'FROM alpine:3.20 AS base\nFROM base AS deps\nRUN apk add curl\nFROM deps\n',
      {},
      undefined,
      'alpine:3.20'
    ],
    ['chain of stages to scratch', 'FROM scratch AS base\nFROM base\n', {}, undefined, undefined],
    ['stage reference is case-insensitive', 'FROM alpine AS Base\nFROM BASE\n', {}, undefined, 'alpine'],
    ['a later stage is not a reference', 'FROM app\nFROM alpine AS app\n', {}, 'app', 'alpine'],
    [
      'platform flag',
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=$TARGETPLATFORM gcr.io/distroless/static:nonroot\n',
      {},
      undefined,
      'gcr.io/distroless/static:nonroot'
    ],
    [
      'syntax directive and comments',
      '# syntax=docker/dockerfile:1\n# a comment\nFROM alpine:3 # not a comment, but ignored\n',
      {},
      undefined,
      'alpine:3'
    ],
    ['ARG default', 'ARG BASE=alpine:3\nFROM ${BASE}\n', {}, undefined, 'alpine:3'],
    [
      'ARG overridden by build arg',
      'ARG BASE=alpine:3\nFROM $BASE\n',
      { BASE: 'localhost:5000/base:multi' },
      undefined,
      'localhost:5000/base:multi'
    ],
    ['ARG without default given as build arg', 'ARG BASE\nFROM ${BASE}\n', { BASE: 'debian:12' }, undefined, 'debian:12'],
    ['ARG without default, not given', 'ARG BASE\nFROM ${BASE}\n', {}, undefined, undefined],
    ['undeclared build arg is not used', 'FROM ${BASE:-alpine}\n', { BASE: 'debian' }, undefined, 'alpine'],
    ['${VAR:-default} unset', 'ARG TAG\nFROM alpine:${TAG:-3.20}\n', {}, undefined, 'alpine:3.20'],
    ['${VAR:-default} set', 'ARG TAG\nFROM alpine:${TAG:-3.20}\n', { TAG: '3.19' }, undefined, 'alpine:3.19'],
    ['${VAR:-default} empty', 'ARG TAG=\nFROM alpine:${TAG:-3.20}\n', {}, undefined, 'alpine:3.20'],
    ['${VAR-default} empty keeps empty', 'ARG SUFFIX=\nFROM alpine:3${SUFFIX-.20}\n', {}, undefined, 'alpine:3'],
    ['${VAR:+alt}', 'ARG SLIM=1\nFROM python:3.12${SLIM:+-slim}\n', {}, undefined, 'python:3.12-slim'],
    ['$VAR followed by text', 'ARG REG=ghcr.io\nARG VERSION=1.2\nFROM $REG/org/app:v$VERSION\n', {}, undefined, 'ghcr.io/org/app:v1.2'],
    [
      'ARG default using an earlier ARG',
      'ARG VERSION=3.20\nARG BASE=alpine:${VERSION}\nFROM ${BASE}\n',
      { VERSION: '3.19' },
      undefined,
      'alpine:3.19'
    ],
    ['several ARGs on one line, quoted', 'ARG REPO="alpine" TAG=\'3.20\'\nFROM ${REPO}:${TAG}\n', {}, undefined, 'alpine:3.20'],
    ['ARG after the first FROM is stage-scoped', 'FROM alpine AS a\nARG BASE=debian\nFROM ${BASE:-busybox}\n', {}, undefined, 'busybox'],
    ['line continuation', 'FROM \\\n  --platform=linux/amd64 \\\n  alpine:3.20 \\\n  AS final\n', {}, undefined, 'alpine:3.20'],
    [
      'comment and blank line inside a continuation',
      'RUN echo a \\\n# comment\n\n  && echo b\nFROM alpine:3.20\n',
      {},
      undefined,
      'alpine:3.20'
    ],
    ['CRLF line endings', 'ARG BASE=alpine:3\r\nFROM ${BASE} AS x\r\nRUN true\r\n', {}, undefined, 'alpine:3'],
    [
      'escape directive',
      '# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022\n',
      {},
      undefined,
      'mcr.microsoft.com/windows/servercore:ltsc2022'
    ],
    ['heredoc body is not an instruction', 'FROM alpine:3.20\nRUN <<EOF\nFROM evil\nEOF\n', {}, undefined, 'alpine:3.20'],
    ['a here-string is not a heredoc', 'FROM golang AS b\nRUN cat <<<"EOF"\nFROM alpine:3.20\n', {}, undefined, 'alpine:3.20'],
    ['two heredocs on one line', 'FROM alpine:3.20\nCOPY <<A <<B /dir/\nFROM x\nA\nFROM y\nB\n', {}, undefined, 'alpine:3.20'],
    ['heredoc with dash and quotes', 'FROM alpine:3.20\nCOPY <<-"END" /etc/x\n\tFROM evil\n\tEND\n', {}, undefined, 'alpine:3.20'],
    [
      'automatic platform ARGs come from build args when given',
      'FROM --platform=$BUILDPLATFORM alpine AS b\nFROM base-${TARGETARCH}\n',
      { TARGETARCH: 'arm64' },
      undefined,
      'base-arm64'
    ],
    ['no FROM', '# nothing\n', {}, undefined, undefined],
    ['empty', '', {}, undefined, undefined]
  ])('%s', (_name, dockerfile, args, target, expected) => {
    expect(finalStageBase(dockerfile, args, target)).toBe(expected)
  })
})

describe('digests', () => {
  it.each<[string | Uint8Array, string]>([
    ['', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [new Uint8Array([0x61, 0x62, 0x63]), 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad']
  ])('sha256Digest(%j)', (input, expected) => {
    expect(sha256Digest(input)).toBe(expected)
  })

  it.each<[unknown, boolean]>([
    [APP_AMD64, true],
    [D('0'), true],
    [`sha256:${'A'.repeat(64)}`, false],
    [`sha256:${'a'.repeat(63)}`, false],
    [`sha256:${'a'.repeat(65)}`, false],
    [`sha512:${'a'.repeat(64)}`, false],
    [` ${D('a')}`, false],
    [`${D('a')}\n`, false],
    ['a'.repeat(64), false],
    ['', false],
    [undefined, false],
    [42, false]
  ])('validateDigest(%j) = %s', (s, expected) => {
    expect(validateDigest(s)).toBe(expected)
  })
})
