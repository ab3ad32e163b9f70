// Where each tool's releases are published and how their files are named: one description per
// tool (buildx, the Depot CLI, cosign), read by the one installer flow (install/setup.ts). Pure.

/** One tool's releases: what the installer flow needs to find, verify and name its binary. */
export interface Release {
  /** tool-cache name, the word the log uses, and the prefix of its inputs (`<tool>-version`, ...) */
  tool: 'buildx' | 'depot' | 'cosign'
  defaultBase: string
  /** the binary's file name where it runs from */
  binary: string
  /** the release file for a version and machine, as its checksums file lists it */
  fileName(version: string, os: string, arch: string): string
  checksumsName(version: string): string
  /** node's os.arch() as the release file names it; undefined where none is published */
  arch(nodeArch: string): string | undefined
  /** why no release runs on this machine (node's os.platform() and os.arch()); undefined when one does */
  unsupported(os: string, nodeArch: string): string | undefined
  /** the release file is a .tar.gz and this entry of it is the binary */
  archiveEntry?: string
  /** how `latest` is found: from the names in the latest checksums file, or where the site's /latest redirects */
  latest: 'checksums' | 'redirect'
  /** a checksum mismatch against a mirror's checksums file blames the mirror (else the version asked for) */
  mismatchBlamesMirror?: boolean
}

export const DEFAULT_BUILDX_RELEASES = 'https://github.com/docker/buildx/releases'
export const DEFAULT_DEPOT_RELEASES = 'https://github.com/depot/cli/releases'
export const DEFAULT_COSIGN_RELEASES = 'https://github.com/sigstore/cosign/releases'

export function nodeArch(arch: string): string {
  switch (arch) {
    case 'x64':
      return 'amd64'
    case 'arm64':
      return 'arm64'
    case 'arm':
      return 'arm-v7'
    case 'ppc64':
      return 'ppc64le'
    default:
      return arch
  }
}

/** Depot's release archives are named by Go's GOARCH. */
export function depotArch(arch: string): string | undefined {
  return ({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as Record<string, string>)[arch]
}

/** cosign's GOARCH names for node's os.arch(). */
export function cosignArch(arch: string): string | undefined {
  return ({ x64: 'amd64', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x', arm: 'arm' } as Record<string, string>)[arch]
}

const linuxOrDarwin = (os: string) => os === 'linux' || os === 'darwin'

/**
 * Buildx (GitHub's layout, and any mirror of it):
 *   <base>/download/v<version>/buildx-v<version>.<os>-<arch>   and   .../checksums.txt
 *   <base>/latest/download/checksums.txt                      (names the latest version)
 */
export const BUILDX_RELEASE: Release = {
  tool: 'buildx',
  defaultBase: DEFAULT_BUILDX_RELEASES,
  binary: 'docker-buildx',
  fileName: (version, os, arch) => `buildx-v${version}.${os}-${arch}`,
  checksumsName: () => 'checksums.txt',
  arch: nodeArch,
  // a machine with no release is found out by the download
  unsupported: () => undefined,
  latest: 'checksums'
}

/**
 * The Depot CLI (GitHub's layout, as goreleaser publishes it, and any mirror of it):
 *   <base>/download/v<version>/depot_<version>_<os>_<arch>.tar.gz   (holds bin/depot)
 *   <base>/download/v<version>/depot_<version>_checksums.txt
 *   <base>/latest  -> redirects to <base>/tag/v<version>
 */
export const DEPOT_RELEASE: Release = {
  tool: 'depot',
  defaultBase: DEFAULT_DEPOT_RELEASES,
  binary: 'depot',
  fileName: (version, os, arch) => `depot_${version}_${os}_${arch}.tar.gz`,
  checksumsName: version => `depot_${version}_checksums.txt`,
  arch: depotArch,
  unsupported: (os, arch) =>
    !linuxOrDarwin(os) ? `no Depot CLI release for ${os}` : depotArch(arch) ? undefined : `no Depot CLI release for ${arch}`,
  archiveEntry: 'bin/depot',
  latest: 'redirect',
  mismatchBlamesMirror: true
}

/**
 * cosign (GitHub's layout, and any mirror of it):
 *   <base>/download/v<version>/cosign-<os>-<arch>   and   .../cosign_checksums.txt
 *   <base>/latest  -> redirects to <base>/tag/v<version>
 */
export const COSIGN_RELEASE: Release = {
  tool: 'cosign',
  defaultBase: DEFAULT_COSIGN_RELEASES,
  binary: 'cosign',
  fileName: (_version, os, arch) => `cosign-${os}-${arch}`,
  checksumsName: () => 'cosign_checksums.txt',
  arch: cosignArch,
  unsupported: (os, arch) => (cosignArch(arch) && linuxOrDarwin(os) ? undefined : `no cosign release for ${os}/${arch}`),
  latest: 'redirect'
}

/** The release file of a version for a machine (`arch` as the release names it), and its checksums file. */
export function assetUrls(r: Release, base: string, version: string, os: string, arch: string) {
  const b = base.replace(/\/+$/, '')
  const fileName = r.fileName(version, os, arch)
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/${r.checksumsName(version)}`
  }
}

/** Where a checksums-style release site names its latest version (buildx's). */
export function latestChecksumsUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/latest/download/checksums.txt`
}

/** A release site's latest (depot's, cosign's): it redirects to <base>/tag/v<version>. */
export function latestReleaseUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/latest`
}

/** The version a release page URL names: .../tag/v2.102.12 -> 2.102.12 */
export function versionFromReleaseUrl(url: string): string | undefined {
  return /\/tag\/v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\/?$/.exec(url)?.[1]
}
