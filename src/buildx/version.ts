// What buildx says of its version, and comparing versions. Pure.
// the comparison is pure and lives below the tool folders, where inputs/ reads it too
export { versionAtLeast } from '../inputs/version.js'

/** `buildx version` -> "0.29.1" ('' when it cannot be read). Debian's builds add +ds suffixes. */
export function parseBuildxVersion(out: string): string {
  const m = /buildx\s+v?(\d+\.\d+\.\d+)/.exec(out) ?? /\bv?(\d+\.\d+\.\d+)/.exec(out)
  return m?.[1] ?? ''
}

/**
 * The oldest buildx this action takes from the machine by default (buildx-version empty): the
 * oldest its tests run against (Debian trixie's 0.13.1). An older one is replaced by a download.
 */
export const MIN_INSTALLED_BUILDX = '0.13.0'
