// Reads manifests from a registry over its HTTP API (manifests only: a few KB). Credentials come
// from the docker config the build used; where a credential helper holds them, or anything else
// stands in the way, the caller falls back to buildx imagetools.
import { createHash } from 'node:crypto'
import { RegistryUnreachable } from '../errors.js'
import { readDockerConfig } from '../docker/config.js'
import { ACCEPT_MANIFESTS } from '../oci/manifests.js'
import { registryOf, repositoryPath } from './reference.js'
import { authFor, parseChallenge, registryBaseUrl, tokenUrl, type Credentials } from './auth.js'

/** Names the action in registry logs. */
export const USER_AGENT = 'build-image-action'

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`
}

/** Reads manifests and (small) blobs of one repository by digest; keeps its token between reads. */
export function registryReader(
  repo: string,
  timeoutMs = 15_000
): { manifest: (digest: string) => Promise<string>; blob: (digest: string) => Promise<string> } {
  const host = registryOf(repo)
  const base = registryBaseUrl(host)
  const repository = repositoryPath(repo)
  const auth = authFor(readDockerConfig(), host)
  let authorization: string | undefined
  const get = (url: string, headers: Record<string, string>) =>
    fetch(url, { headers: { 'User-Agent': USER_AGENT, ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' })

  const read = (kind: 'manifests' | 'blobs') => async (digest: string) => {
    const url = `${base}/v2/${repository}/${kind}/${digest}`
    const headers = (): Record<string, string> => ({ Accept: ACCEPT_MANIFESTS, ...(authorization ? { Authorization: authorization } : {}) })
    let r = await get(url, headers())
    if (r.status === 401) {
      const ch = parseChallenge(r.headers.get('www-authenticate') ?? '')
      if (ch?.scheme === 'basic' && auth.credentials) {
        authorization = basic(auth.credentials)
      } else if (ch?.scheme === 'bearer') {
        if (auth.helper) throw new RegistryUnreachable(`credentials for ${host} are in a credential helper`)
        const tu = tokenUrl(ch, repository)
        if (!tu) throw new RegistryUnreachable(`unusable token realm from ${host}`)
        const t = await get(tu, auth.credentials ? { Authorization: basic(auth.credentials) } : {})
        if (!t.ok) throw new RegistryUnreachable(`token request to ${new URL(tu).host} answered ${t.status}`)
        const body = (await t.json()) as { token?: string; access_token?: string }
        const token = body.token ?? body.access_token
        if (!token) throw new RegistryUnreachable(`no token from ${new URL(tu).host}`)
        authorization = `Bearer ${token}`
      } else {
        throw new RegistryUnreachable(`${host} asks for credentials this action cannot supply`)
      }
      r = await get(url, headers())
    }
    if (!r.ok) {
      const err = new Error(`GET ${url} answered ${r.status}`)
      // 5xx and 429 are worth another try; the caller's retry decides.
      ;(err as Error & { status?: number }).status = r.status
      throw err
    }
    const text = await r.text()
    // The registry serves bytes; the digest is the proof they are the ones asked for.
    const actual = `sha256:${createHash('sha256').update(text).digest('hex')}`
    if (digest.startsWith('sha256:') && actual !== digest) throw new RegistryUnreachable(`${url} served content with digest ${actual}`)
    return text
  }
  return { manifest: read('manifests'), blob: read('blobs') }
}
