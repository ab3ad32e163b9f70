// Where releases are published, and the machine names their file names use. Pure.

export const DEFAULT_BUILDX_RELEASES = 'https://github.com/docker/buildx/releases'

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

/**
 * Buildx release layout (GitHub's, and any mirror of it):
 *   <base>/download/v<version>/buildx-v<version>.<os>-<arch>   and   .../checksums.txt
 *   <base>/latest/download/checksums.txt                      (names the latest version)
 */
export function buildxAssetUrls(base: string, version: string, os: string, arch: string) {
  const b = base.replace(/\/+$/, '')
  const fileName = `buildx-v${version}.${os}-${arch}`
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/checksums.txt`
  }
}

export function latestChecksumsUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/latest/download/checksums.txt`
}

export const DEFAULT_DEPOT_RELEASES = 'https://github.com/depot/cli/releases'

/** Depot's release archives are named by Go's GOARCH. */
export function depotArch(arch: string): string | undefined {
  return ({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as Record<string, string>)[arch]
}

/**
 * Depot CLI release layout (GitHub's, as goreleaser publishes it, and any mirror of it):
 *   <base>/download/v<version>/depot_<version>_<os>_<arch>.tar.gz   (holds bin/depot)
 *   <base>/download/v<version>/depot_<version>_checksums.txt
 *   <base>/latest  -> redirects to <base>/tag/v<version>
 */
export function depotAssetUrls(base: string, version: string, os: string, arch: string) {
  const b = base.replace(/\/+$/, '')
  const fileName = `depot_${version}_${os}_${arch}.tar.gz`
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/depot_${version}_checksums.txt`
  }
}

/** A release site's latest (depot's, cosign's): it redirects to <base>/tag/v<version>. */
export function latestReleaseUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/latest`
}

/** The version a release page URL names: .../tag/v2.102.12 -> 2.102.12 */
export function versionFromReleaseUrl(url: string): string | undefined {
  return /\/tag\/v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\/?$/.exec(url)?.[1]
}

/** cosign's release layout (GitHub's, and any mirror of it). */
export const DEFAULT_COSIGN_RELEASES = 'https://github.com/sigstore/cosign/releases'

/**
 *   <base>/download/v<version>/cosign-<os>-<arch>   and   .../cosign_checksums.txt
 *   <base>/latest  -> redirects to <base>/tag/v<version>
 */
export function cosignAssetUrls(base: string, version: string, os: string, arch: string) {
  const b = base.replace(/\/+$/, '')
  const fileName = `cosign-${os}-${arch}`
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/cosign_checksums.txt`
  }
}

/** cosign's GOARCH names for node's os.arch(). */
export function cosignArch(arch: string): string | undefined {
  return ({ x64: 'amd64', arm64: 'arm64', ppc64: 'ppc64le', s390x: 's390x', arm: 'arm' } as Record<string, string>)[arch]
}
