// Comparing tool versions (buildx's, Depot's), as inputs and planning check them against what a
// feature needs. Pure: the tool folders probe the version and import the comparison from here.
import semver from 'semver'

export function versionAtLeast(version: string, min: string): boolean {
  const v = semver.coerce(version)
  return v !== null && semver.gte(v, min)
}
