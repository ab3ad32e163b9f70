// Types for scripts/licenses.mjs (the bundle script runs on plain node, so it stays JavaScript).
export interface BundledPackage {
  name: string
  version: string
  license: string
  text: string
}
export function bundledPackageDirs(inputPaths: Iterable<string>): string[]
export function readPackage(dir: string): BundledPackage
export function renderLicenses(packages: BundledPackage[]): string
