// A release site's `latest`, resolved by following its redirect (fetch only: cheap to load).
import { latestReleaseUrl, versionFromReleaseUrl } from './releases.js'

/**
 * The version `latest` names on a release site (`base`, e.g. https://github.com/depot/cli/releases):
 * where its /latest redirects to, a GitHub-style `.../releases/tag/vX.Y.Z`. The error says why
 * not; callers name their input.
 */
export async function resolveLatestRelease(base: string): Promise<string> {
  const url = latestReleaseUrl(base)
  let final: string
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) })
    await res.body?.cancel()
    final = res.url
  } catch (e) {
    throw new Error(`cannot resolve latest from ${url}: ${(e as Error).message}`)
  }
  const v = versionFromReleaseUrl(final)
  if (!v) throw new Error(`cannot resolve latest: ${url} led to ${final}, which names no release tag`)
  return v
}
