import { describe, it, expect } from '@jest/globals'
import {
  BUILDX_RELEASE,
  COSIGN_RELEASE,
  DEFAULT_BUILDX_RELEASES,
  DEPOT_RELEASE,
  assetUrls,
  depotArch,
  latestReleaseUrl,
  latestChecksumsUrl,
  nodeArch,
  versionFromReleaseUrl
} from '../../../src/install/releases.js'

describe('the buildx release layout', () => {
  it.each<[string, string, string, string, ReturnType<typeof assetUrls>]>([
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
    expect(assetUrls(BUILDX_RELEASE, base, version, os, arch)).toEqual(want)
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
    expect(assetUrls(DEPOT_RELEASE, 'https://github.com/depot/cli/releases/', '2.102.12', 'linux', 'amd64')).toEqual({
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

describe('machines with no release', () => {
  it.each<[string, typeof BUILDX_RELEASE, string, string, string | undefined]>([
    ['buildx: found out by the download', BUILDX_RELEASE, 'win32', 'x64', undefined],
    ['depot on linux/x64', DEPOT_RELEASE, 'linux', 'x64', undefined],
    ['depot on windows', DEPOT_RELEASE, 'win32', 'x64', 'no Depot CLI release for win32'],
    ['depot on s390x', DEPOT_RELEASE, 'linux', 's390x', 'no Depot CLI release for s390x'],
    ['cosign on darwin/arm64', COSIGN_RELEASE, 'darwin', 'arm64', undefined],
    ['cosign on windows', COSIGN_RELEASE, 'win32', 'x64', 'no cosign release for win32/x64'],
    ['cosign on ia32', COSIGN_RELEASE, 'linux', 'ia32', 'no cosign release for linux/ia32']
  ])('%s', (_what, release, os, arch, want) => {
    expect(release.unsupported(os, arch)).toBe(want)
  })
})
