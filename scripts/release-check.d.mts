// Types for scripts/release-check.mjs (it runs on plain node in the release workflow).
export function releaseProblems(release: { tag: string; version: string; changelog: string }): {
  problems: string[]
  major: string | undefined
}
export function newestOfMajor(tag: string, tags: string[]): boolean
export function changelogSection(changelog: string, release: string): { date: string; body: string } | undefined
