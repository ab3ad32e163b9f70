import { describe, it, expect } from '@jest/globals'
import { formatBytes, formatCount, formatDuration, mediaTypeName, shortDigest, sourceName } from '../../../src/report/format.js'

const D = (c: string) => `sha256:${c.repeat(64)}`

describe('formatting', () => {
  it.each<[number, string]>([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [1_048_575, '1.0 MiB'],
    [1_084_452, '1.0 MiB'],
    [1_258_291, '1.2 MiB'],
    [3_145_728, '3.0 MiB'],
    [1_073_741_824, '1.0 GiB'],
    [5_497_558_138_880, '5.0 TiB'],
    [Number.NaN, '0 B']
  ])('formatBytes(%d) = %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected)
  })

  it.each<[number, string]>([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1_084_452, '1,084,452'],
    [1_234_567_890, '1,234,567,890']
  ])('formatCount(%d) = %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected)
  })

  it.each<[number, string]>([
    [0, '0 ms'],
    [850, '850 ms'],
    [1000, '1.0 s'],
    [12_345, '12.3 s'],
    [59_949, '59.9 s'],
    [61_234, '1 min 1 s'],
    [125_000, '2 min 5 s'],
    [3_720_000, '1 h 2 min'],
    [-1, '0 ms']
  ])('formatDuration(%d) = %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected)
  })

  it.each<[string, string]>([
    [D('a'), 'sha256:aaaaaaaaaaaa'],
    ['sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'sha256:0123456789ab'],
    ['sha256:short', 'sha256:short'],
    ['', '']
  ])('shortDigest(%s) = %s', (d, expected) => {
    expect(shortDigest(d)).toBe(expected)
  })

  it.each<[string, string | undefined]>([
    ['application/vnd.oci.image.index.v1+json', 'OCI image index'],
    ['application/vnd.oci.image.manifest.v1+json', 'OCI image manifest'],
    ['application/vnd.docker.distribution.manifest.list.v2+json', 'Docker manifest list'],
    ['application/vnd.docker.distribution.manifest.v2+json', 'Docker image manifest'],
    ['application/vnd.in-toto+json', undefined],
    ['', undefined]
  ])('mediaTypeName(%s) = %s', (mt, expected) => {
    expect(mediaTypeName(mt)).toBe(expected)
  })

  it.each<[string, string | undefined]>([
    ['registry', 'the registry'],
    ['build-record', 'the buildx build record'],
    ['image-store', "the engine's image store"],
    ['oci-layout', 'the OCI layout'],
    ['none', undefined],
    ['elsewhere', undefined]
  ])('sourceName(%s) = %s', (source, expected) => {
    expect(sourceName(source)).toBe(expected)
  })
})
