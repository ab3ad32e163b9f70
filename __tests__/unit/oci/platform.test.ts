import { describe, it, expect } from '@jest/globals'
import { baseAnnotationArgs } from '../../../src/oci/annotations.js'
import { isPlatform, normalizePlatform, platformString, samePlatform } from '../../../src/oci/platform.js'
import type { Descriptor, ImageReport } from '../../../src/oci/types.js'
import { InputError } from '../../../src/errors.js'
import { parseInputs } from '../../../src/inputs/parse.js'
import { renderSummary } from '../../../src/report/summary.js'
import { renderTerminalTable } from '../../../src/report/terminal.js'

describe('isPlatform', () => {
  it.each<[string, boolean]>([
    ['linux/amd64', true],
    ['linux/arm64', true],
    ['linux/arm/v7', true],
    ['linux/arm64/v8', true],
    ['linux/amd64/v2', true],
    ['linux/386', true],
    ['linux/ppc64le', true],
    ['linux/s390x', true],
    ['linux/riscv64', true],
    ['linux/x86_64', true],
    ['windows/amd64', true],
    ['darwin/arm64', true],
    ['linux/arm/v8.1', true],
    ['linux', false],
    ['linux/', false],
    ['/amd64', false],
    ['linux//amd64', false],
    ['linux/amd64/', false],
    ['linux/amd64/v2/x', false],
    ['Linux/AMD64', false],
    ['linux/AMD64', false],
    ['linux/amd64 ', false],
    [' linux/amd64', false],
    ['linux/amd-64', false],
    ['linux/amd64,linux/arm64', false],
    ['', false]
  ])('%j -> %s', (p, want) => {
    expect(isPlatform(p)).toBe(want)
  })
})

describe('normalizePlatform', () => {
  it.each<[string, string]>([
    ['linux/amd64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v2', 'linux/amd64/v2'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/x86-64', 'linux/amd64'],
    ['linux/x86_64/v3', 'linux/amd64/v3'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/aarch64/v8', 'linux/arm64'],
    ['linux/arm64/v9', 'linux/arm64/v9'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/v7', 'linux/arm/v7'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/armel', 'linux/arm/v6'],
    ['linux/i386', 'linux/386'],
    ['linux/riscv64', 'linux/riscv64'],
    ['windows/amd64', 'windows/amd64']
  ])('%s -> %s', (p, want) => {
    expect(normalizePlatform(p)).toBe(want)
  })

  it('makes equivalent spellings compare equal', () => {
    expect(normalizePlatform('linux/arm64/v8')).toBe(normalizePlatform('linux/aarch64'))
    expect(normalizePlatform('linux/arm')).toBe(normalizePlatform('linux/arm/v7'))
    expect(normalizePlatform('linux/arm/v6')).not.toBe(normalizePlatform('linux/arm/v7'))
  })
})

describe('platformString and samePlatform', () => {
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

// The platforms input, the base-image annotations and the reports once had two normalisers that
// disagreed on linux/arm: the input check took it as linux/arm/v7, the summary did not.
describe('one platform normaliser: input checks and reports agree', () => {
  const D = (c: string) => `sha256:${c.repeat(64)}`
  const platformsInput = (value: string) => () => parseInputs(name => (name === 'platforms' ? value : ''))

  it.each<[string, string]>([
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/amd64/v1', 'linux/amd64']
  ])('%s and %s name the same platform everywhere', (a, b) => {
    expect(normalizePlatform(a)).toBe(normalizePlatform(b))
    expect(samePlatform(a, b)).toBe(true)
    expect(samePlatform(b, a)).toBe(true)
    // the input check refuses the pair as one platform listed twice
    expect(platformsInput(`${a}\n${b}`)).toThrow(InputError)
    expect(platformsInput(`${a}\n${b}`)).toThrow(/platforms.*listed twice/)
  })

  it('linux/arm/v6 and linux/arm/v7 stay apart', () => {
    expect(samePlatform('linux/arm/v6', 'linux/arm/v7')).toBe(false)
    expect(samePlatform('linux/arm/v6', 'linux/arm')).toBe(false)
    expect(platformsInput('linux/arm/v6\nlinux/arm/v7')).not.toThrow()
  })

  it('a base image resolved for linux/arm/v7 is annotated on the linux/arm build the input accepted', () => {
    expect(platformsInput('linux/arm')).not.toThrow()
    const args = baseAnnotationArgs(
      { name: 'alpine:3.20', digest: D('i'), platformDigests: { [normalizePlatform('linux/arm/v7')]: D('7') } },
      ['linux/arm']
    )
    expect(args).toContain(`manifest[linux/arm]:org.opencontainers.image.base.digest=${D('7')}`)
  })

  it('a build for linux/arm reports its base image on the platform the registry lists as linux/arm/v7', () => {
    const report: ImageReport = {
      target: 'app',
      tags: ['localhost:5000/app:1'],
      digest: D('0'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms: [{ platform: 'linux/arm/v7', digest: D('1'), configDigest: D('2'), size: 10, layers: [], lastLayerDigest: '' }],
      attestations: [],
      // buildx's metadata keys the provenance by the platform as the input spelled it
      baseImages: [{ name: 'alpine:3.20', digest: D('3'), platform: 'linux/arm', source: 'provenance' }],
      source: 'registry',
      bytesRead: 1,
      notes: []
    }
    const md = renderSummary([report], { engine: 'buildx' })
    expect(md).toMatch(/^\| `linux\/arm\/v7` \|.*\| `alpine:3\.20` \|$/m)
    expect(md).not.toContain('Other images the build used')
    expect(renderTerminalTable([report])).toMatch(/linux\/arm\/v7 .*alpine:3\.20$/m)
  })
})
