import { describe, expect, it } from '@jest/globals'
import {
  baseStatus,
  changesOutput,
  configChanges,
  diffImages,
  renderChangesSummary,
  signedBytes,
  sizeLimitViolations,
  summaryLine,
  type TargetChanges
} from '../../../src/report/changes.js'
import { configFacts, configPlatform, type ComparedImage, type ConfigFacts } from '../../../src/oci/image-config.js'
import { parseSizeLimit } from '../../../src/inputs/compare.js'
import type { BaseImage, ImageReport, PlatformImage } from '../../../src/oci/types.js'

const d = (c: string) => `sha256:${c.repeat(64)}`
const layer = (c: string, size: number) => ({ digest: d(c), size, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' })

function platform(p: string, digest: string, layers: ReturnType<typeof layer>[]): PlatformImage {
  return {
    platform: p,
    digest,
    configDigest: d('c'),
    size: layers.reduce((n, l) => n + l.size, 0),
    layers,
    lastLayerDigest: layers.at(-1)?.digest ?? ''
  }
}

function report(platforms: PlatformImage[], baseImages: BaseImage[] = []): ImageReport {
  return {
    target: 'app',
    tags: [],
    digest: d('9'),
    mediaType: '',
    platforms,
    attestations: [],
    baseImages,
    source: 'build-record',
    bytesRead: 0,
    notes: []
  }
}

const facts = (over: Partial<ConfigFacts> = {}): ConfigFacts => ({
  entrypoint: null,
  cmd: ['sh'],
  env: ['PATH'],
  exposedPorts: [],
  user: '',
  labels: {},
  ...over
})

const base = (digest: string, p = ''): BaseImage => ({ name: 'base', digest, platform: p, source: 'provenance' })

describe('configFacts', () => {
  it('keeps the reviewer fields: env names only, ports and labels', () => {
    const text = JSON.stringify({
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      config: {
        Env: ['PATH=/bin', 'TOKEN=s3cret', 'PATH=/usr/bin'],
        Entrypoint: ['/app'],
        Cmd: null,
        ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
        User: '1000',
        Labels: { a: '1' }
      }
    })
    expect(configFacts(text)).toEqual({
      entrypoint: ['/app'],
      cmd: null,
      env: ['PATH', 'TOKEN'],
      exposedPorts: ['53/udp', '8080/tcp'],
      user: '1000',
      labels: { a: '1' }
    })
    expect(JSON.stringify(configFacts(text))).not.toContain('s3cret')
    expect(configPlatform(text)).toBe('linux/arm64/v8')
  })

  it.each(['not json', '[]', 'null'])('%j is no config', text => {
    expect(configFacts(text)).toBeUndefined()
    expect(configPlatform(text)).toBe('')
  })

  it('a config without a config section has empty fields', () => {
    expect(configFacts('{}')).toEqual({ entrypoint: null, cmd: null, env: [], exposedPorts: [], user: '', labels: {} })
  })
})

describe('configChanges', () => {
  it.each<[string, Partial<ConfigFacts>, Partial<ConfigFacts>, object[]]>([
    ['nothing', {}, {}, []],
    ['cmd', { cmd: ['sh'] }, { cmd: ['app'] }, [{ field: 'cmd', before: ['sh'], after: ['app'] }]],
    ['entrypoint set', {}, { entrypoint: ['/e'] }, [{ field: 'entrypoint', before: null, after: ['/e'] }]],
    ['env names', { env: ['A', 'B'] }, { env: ['B', 'C'] }, [{ field: 'env', added: ['C'], removed: ['A'] }]],
    ['ports', {}, { exposedPorts: ['80/tcp'] }, [{ field: 'exposedPorts', added: ['80/tcp'], removed: [] }]],
    ['user', {}, { user: 'nobody' }, [{ field: 'user', before: '', after: 'nobody' }]],
    [
      'labels added, removed and changed',
      { labels: { a: '1', b: '1' } },
      { labels: { b: '2', c: '1' } },
      [{ field: 'labels', added: ['c'], removed: ['a'], changed: ['b'] }]
    ],
    ['a label value only', { labels: { v: '1' } }, { labels: { v: '2' } }, [{ field: 'labels', added: [], removed: [], changed: ['v'] }]]
  ])('%s', (_name, before, after, expected) => {
    expect(configChanges(facts(before), facts(after))).toEqual(expected)
  })
})

describe('baseStatus', () => {
  it.each<[string, BaseImage[], BaseImage[], string]>([
    ['same digest', [base(d('1'))], [base(d('1'), 'linux/amd64')], 'unchanged'],
    ['another digest', [base(d('1'))], [base(d('2'))], 'changed'],
    ['not known on one side', [base(d('1'))], [], 'unknown'],
    ['known without a digest', [base('')], [base(d('1'))], 'unknown'],
    ['another platform only', [base(d('1'), 'linux/arm64')], [base(d('1'), 'linux/arm64')], 'unknown']
  ])('%s', (_name, built, compared, expected) => {
    expect(baseStatus(built, compared, 'linux/amd64')).toBe(expected)
  })
})

describe('diffImages', () => {
  const before: ComparedImage = {
    reference: 'reg/app:1',
    digest: d('8'),
    platforms: [
      { platform: 'linux/amd64', digest: d('a'), size: 1100, layers: [layer('1', 1000), layer('2', 100)], config: facts() },
      { platform: 'linux/arm/v7', digest: d('b'), size: 900, layers: [layer('3', 900)] }
    ],
    baseImages: [base(d('7'))]
  }

  it('per platform: sizes, layers added, removed and kept, base image, config; a platform not built any more', () => {
    const built = report(
      [platform('linux/amd64', d('d'), [layer('1', 1000), layer('4', 5000)]), platform('linux/arm64', d('e'), [layer('5', 10)])],
      [base(d('7'))]
    )
    const t = diffImages(built, before, { 'linux/amd64': facts({ env: ['PATH', 'NEW'] }) })
    expect(t.platforms['linux/amd64']).toEqual({
      compareWith: 'reg/app:1',
      comparedDigest: d('a'),
      digest: d('d'),
      compared: true,
      sizeBefore: 1100,
      sizeAfter: 6000,
      sizeDelta: 4900,
      layers: { added: [{ digest: d('4'), size: 5000 }], removed: [{ digest: d('2'), size: 100 }], kept: 1 },
      baseImage: 'unchanged',
      config: [{ field: 'env', added: ['NEW'], removed: [] }]
    })
    expect(t.platforms['linux/arm64']).toMatchObject({ compared: false, note: 'reg/app:1 has no linux/arm64 image', sizeAfter: 10 })
    expect(t.droppedPlatforms).toEqual(['linux/arm/v7'])
    expect(JSON.parse(changesOutput([t]))).toEqual({ app: t.platforms })
  })

  it('a repeated layer is matched as many times as it occurs', () => {
    const twice: ComparedImage = { ...before, platforms: [{ platform: 'linux/amd64', digest: d('a'), size: 2, layers: [layer('1', 1)] }] }
    const t = diffImages(report([platform('linux/amd64', d('d'), [layer('1', 1), layer('1', 1)])]), twice, {})
    expect(t.platforms['linux/amd64']?.layers).toEqual({ added: [{ digest: d('1'), size: 1 }], removed: [], kept: 1 })
    // no config on either side: nothing is said about it
    expect(t.platforms['linux/amd64']?.config).toBeUndefined()
  })

  it('a compared image that does not exist: every platform says so, not compared', () => {
    const missing: ComparedImage = {
      reference: 'reg/app:1',
      digest: '',
      platforms: [],
      baseImages: [],
      missing: 'reg/app:1 does not exist'
    }
    const t = diffImages(report([platform('linux/amd64', d('d'), [layer('1', 5)])]), missing, {})
    expect(t.note).toBe('reg/app:1 does not exist')
    expect(t.platforms['linux/amd64']).toMatchObject({ compared: false, note: 'reg/app:1 does not exist', sizeDelta: 0, sizeAfter: 5 })
    expect(summaryLine(t)).toBe('reg/app:1 does not exist')
  })

  it('a built image whose manifests were not read says so', () => {
    const t = diffImages({ ...report([]), notes: ['buildx 0.13 cannot read build records'] }, before, {})
    expect(t.note).toMatch(/not read: buildx 0.13 cannot read build records/)
    expect(summaryLine(t)).toMatch(/not read/)
  })
})

function changes(deltas: Array<[string, number, number, number]>, extra: Partial<TargetChanges> = {}): TargetChanges {
  const platforms: TargetChanges['platforms'] = {}
  for (const [p, before, after, added] of deltas) {
    platforms[p] = {
      compareWith: 'reg/app:1',
      comparedDigest: d('a'),
      digest: d('b'),
      compared: true,
      sizeBefore: before,
      sizeAfter: after,
      sizeDelta: after - before,
      layers: { added: Array.from({ length: added }, () => ({ digest: d('1'), size: 1 })), removed: [], kept: 1 },
      baseImage: 'unchanged',
      config: []
    }
  }
  return { target: 'app', compareWith: 'reg/app:1', platforms, droppedPlatforms: [], ...extra }
}

describe('summaryLine', () => {
  it.each<[string, TargetChanges, string]>([
    ["the issue's line", changes([['linux/amd64', 1000, 1000 + 212 * 1024, 1]]), '+212.0 KiB, 1 layer added, base image unchanged'],
    ['nothing changed', changes([['linux/amd64', 1000, 1000, 0]]), 'no size change, same layers, base image unchanged'],
    ['smaller', changes([['linux/amd64', 5 << 20, 2 << 20, 0]]), '-3.0 MiB, same layers, base image unchanged'],
    [
      'platforms differ',
      changes([
        ['linux/amd64', 0, 2048, 1],
        ['linux/arm64', 0, 4096, 2]
      ]),
      '+2.0 KiB to +4.0 KiB, 1 to 2 layers added, base image unchanged'
    ],
    [
      'dropped platform',
      changes([['linux/amd64', 0, 10, 0]], { droppedPlatforms: ['linux/s390x'] }),
      '+10 B, same layers, base image unchanged, linux/s390x no longer built'
    ]
  ])('%s', (_name, t, line) => {
    expect(summaryLine(t)).toBe(line)
  })

  it('says a changed base, config fields and platforms not compared', () => {
    const t = changes([
      ['linux/amd64', 0, 10, 0],
      ['linux/arm64', 0, 10, 0]
    ])
    const amd = t.platforms['linux/amd64']!
    amd.baseImage = 'changed'
    amd.config = [{ field: 'user', before: '', after: 'x' }]
    amd.layers.removed = [{ digest: d('2'), size: 3 }]
    t.platforms['linux/arm/v7'] = { ...amd, compared: false, note: 'no such platform' }
    expect(summaryLine(t)).toBe('+10 B, 0 to 1 layer removed, base image changed, user changed, 1 platform not compared')
  })

  it.each<[number, string]>([
    [0, 'no size change'],
    [1, '+1 B'],
    [-2048, '-2.0 KiB']
  ])('signedBytes(%d)', (n, text) => {
    expect(signedBytes(n)).toBe(text)
  })
})

describe('renderChangesSummary', () => {
  it('a heading, the line per target, a row per platform; values escaped', () => {
    const t = changes([['linux/amd64', 1024, 3072, 1]], { target: 'a|b<script>' })
    t.platforms['linux/amd64']!.config = [{ field: 'labels', added: ['x|y'], removed: [] }]
    const md = renderChangesSummary([t])
    expect(md.split('\n').slice(0, 3)).toEqual([
      '### Changes',
      '',
      '**a\\|b&lt;script&gt;** against `reg/app:1`: \\+2.0 KiB, 1 layer added, base image unchanged, labels changed'
    ])
    expect(md).toContain(
      '| `linux/amd64` | `sha256:aaaaaaaaaaaa` | 1.0 KiB | 3.0 KiB | \\+2.0 KiB | 1 (1 B) | 0 (0 B) | 1 | unchanged | labels + x\\|y |'
    )
    expect(md).not.toContain('<script>')
    expect(renderChangesSummary([])).toBe('')
  })

  it('a platform not compared gives its reason', () => {
    const t = changes([])
    t.platforms['linux/amd64'] = {
      ...changes([['linux/amd64', 0, 2048, 0]]).platforms['linux/amd64']!,
      compared: false,
      note: 'reg/app:1 does not exist'
    }
    expect(renderChangesSummary([t])).toContain('| `linux/amd64` | reg/app:1 does not exist | | 2.0 KiB | | | | | | |')
  })
})

describe('sizeLimitViolations', () => {
  const t = changes([
    ['linux/amd64', 1000, 1000 + 200 * 1024, 1],
    ['linux/arm64', 1000, 1500, 1],
    ['linux/s390x', 1000, 900, 0]
  ])
  it.each<[string, string[]]>([
    ['100KiB', ['linux/amd64']],
    ['300KiB', []],
    ['400B', ['linux/amd64', 'linux/arm64']],
    ['60%', ['linux/amd64']],
    ['50%', ['linux/amd64']],
    ['0B', ['linux/amd64', 'linux/arm64']]
  ])('%s', (limit, over) => {
    const found = sizeLimitViolations([t], parseSizeLimit(limit)!)
    expect(found.map(m => m.split(' ')[1])).toEqual(over)
    for (const m of found)
      expect(m).toMatch(new RegExp(`^max-size-increase: \\S+ of app grew by .* \\(reg/app:1\\) .*; the limit is ${limit}$`))
  })

  it('the words: platform, growth, both sizes and the limit', () => {
    expect(sizeLimitViolations([t], parseSizeLimit('100KiB')!)).toEqual([
      'max-size-increase: linux/amd64 of app grew by 200.0 KiB (20480.0%), from 1000 B (reg/app:1) to 201.0 KiB; the limit is 100KiB'
    ])
  })

  it('a platform not compared is never over the limit', () => {
    const missing = changes([['linux/amd64', 0, 1 << 30, 1]])
    missing.platforms['linux/amd64']!.compared = false
    expect(sizeLimitViolations([missing], parseSizeLimit('0B')!)).toEqual([])
  })
})
