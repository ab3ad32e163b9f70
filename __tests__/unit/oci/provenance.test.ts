import { describe, it, expect } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { baseImagesFromMetadata, baseImagesFromProvenance, parseDockerPurl } from '../../../src/oci/provenance.js'
import type { BaseImage } from '../../../src/oci/types.js'

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures')
const text = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const json = (name: string): unknown => JSON.parse(text(name))

const BASE_MULTI = 'sha256:90ac739522758f0b0179b553b763da1988f3a43708f93321977ceb4115f4747a'
const D = (c: string) => `sha256:${c.repeat(64)}`

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
