import { describe, it, expect } from '@jest/globals'
import {
  DEFAULT_BUILDX_RELEASES,
  buildxAssetUrls,
  depotArch,
  depotAssetUrls,
  latestReleaseUrl,
  latestChecksumsUrl,
  nodeArch,
  versionFromReleaseUrl
} from '../../../src/install/releases.js'

describe('buildxAssetUrls', () => {
  it.each<[string, string, string, string, ReturnType<typeof buildxAssetUrls>]>([
    [
      DEFAULT_BUILDX_RELEASES,
      '0.29.1',
      'linux',
      'amd64',
      {
        fileName: 'buildx-v0.29.1.linux-amd64',
        url: 'https://github.com/docker/buildx/releases/download/v0.29.1/buildx-v0.29.1.linux-amd64',
        checksumsUrl: 'https://github.com/docker/buildx/releases/download/v0.29.1/checksums.txt'
      }
    ],
    [
      'https://mirror.example.com/buildx/',
      '0.30.0-rc1',
      'linux',
      'arm-v7',
      {
        fileName: 'buildx-v0.30.0-rc1.linux-arm-v7',
        url: 'https://mirror.example.com/buildx/download/v0.30.0-rc1/buildx-v0.30.0-rc1.linux-arm-v7',
        checksumsUrl: 'https://mirror.example.com/buildx/download/v0.30.0-rc1/checksums.txt'
      }
    ],
    [
      'http://127.0.0.1:8080///',
      '0.9.1',
      'darwin',
      'arm64',
      {
        fileName: 'buildx-v0.9.1.darwin-arm64',
        url: 'http://127.0.0.1:8080/download/v0.9.1/buildx-v0.9.1.darwin-arm64',
        checksumsUrl: 'http://127.0.0.1:8080/download/v0.9.1/checksums.txt'
      }
    ]
  ])('%s %s %s-%s', (base, version, os, arch, want) => {
    expect(buildxAssetUrls(base, version, os, arch)).toEqual(want)
  })
})

describe('latestChecksumsUrl', () => {
  it.each<[string, string]>([
    [DEFAULT_BUILDX_RELEASES, 'https://github.com/docker/buildx/releases/latest/download/checksums.txt'],
    ['https://mirror.example.com/buildx/', 'https://mirror.example.com/buildx/latest/download/checksums.txt'],
    ['http://h//', 'http://h/latest/download/checksums.txt']
  ])('%s', (base, want) => {
    expect(latestChecksumsUrl(base)).toBe(want)
  })
})

describe('nodeArch', () => {
  it.each<[string, string]>([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['arm', 'arm-v7'],
    ['ppc64', 'ppc64le'],
    ['s390x', 's390x'],
    ['riscv64', 'riscv64']
  ])('%s -> %s', (arch, want) => {
    expect(nodeArch(arch)).toBe(want)
  })
})

describe('depot release layout', () => {
  it('names archives and checksums like goreleaser does for depot/cli', () => {
    expect(depotAssetUrls('https://github.com/depot/cli/releases/', '2.102.12', 'linux', 'amd64')).toEqual({
      fileName: 'depot_2.102.12_linux_amd64.tar.gz',
      url: 'https://github.com/depot/cli/releases/download/v2.102.12/depot_2.102.12_linux_amd64.tar.gz',
      checksumsUrl: 'https://github.com/depot/cli/releases/download/v2.102.12/depot_2.102.12_checksums.txt'
    })
    expect(latestReleaseUrl('http://m/x/')).toBe('http://m/x/latest')
  })
  it.each([
    ['https://github.com/depot/cli/releases/tag/v2.102.12', '2.102.12'],
    ['http://127.0.0.1:1/r/tag/v2.0.0-beta.1', '2.0.0-beta.1'],
    ['https://github.com/depot/cli/releases/latest', undefined],
    ['https://github.com/login', undefined]
  ])('version of %s', (url, want) => {
    expect(versionFromReleaseUrl(url)).toBe(want)
  })
  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['s390x', undefined]
  ])('arch %s', (arch, want) => {
    expect(depotArch(arch)).toBe(want)
  })
})
