// A release site's `latest`: named by its latest checksums file (buildx), or found by following
// its /latest redirect (depot, cosign). The error says why not; callers name their input.
import { readFileSync } from 'node:fs'
import { parseChecksums, versionFromChecksums } from './checksums.js'
import { latestChecksumsUrl, latestReleaseUrl, versionFromReleaseUrl, type Release } from './releases.js'
import { messageOf } from '../errors.js'

/** The version `latest` names on the release site `base` (e.g. https://github.com/depot/cli/releases). */
export function resolveLatest(r: Release, base: string): Promise<string> {
  return r.latest === 'checksums' ? latestFromChecksums(base, r.tool) : resolveLatestRelease(base)
}

/** The version the site's latest checksums file names in its `<tool>-vX.Y.Z.*` file names. */
async function latestFromChecksums(base: string, tool: string): Promise<string> {
  const url = latestChecksumsUrl(base)
  let path: string
  try {
    // Downloads load the tool cache (and its HTTP client) only when they happen.
    const tc = await import('@actions/tool-cache')
    path = await tc.downloadTool(url)
  } catch (e) {
    throw new Error(`cannot resolve latest: ${url}: ${messageOf(e)}`)
  }
  const v = versionFromChecksums(parseChecksums(readFileSync(path, 'utf8')), tool)
  if (!v) throw new Error(`cannot resolve latest: ${url} names no ${tool} release`)
  return v
}

/** Where the site's /latest redirects to, a GitHub-style `.../releases/tag/vX.Y.Z`. */
async function resolveLatestRelease(base: string): Promise<string> {
  const url = latestReleaseUrl(base)
  let final: string
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) })
    await res.body?.cancel()
    final = res.url
  } catch (e) {
    throw new Error(`cannot resolve latest from ${url}: ${messageOf(e)}`)
  }
  const v = versionFromReleaseUrl(final)
  if (!v) throw new Error(`cannot resolve latest: ${url} led to ${final}, which names no release tag`)
  return v
}
