// Reads manifests from a registry over its HTTP API (manifests only: a few KB, at most 4 MiB).
// Credentials come from the docker config the build used; where a credential helper holds them, or
// anything else stands in the way, the caller falls back to buildx imagetools. Content that is not
// what its digest names, or too large, is an error (RegistryContentRefused), never a fallback.
import http from 'node:http'
import https from 'node:https'
import { RegistryContentRefused, RegistryUnreachable } from '../errors.js'
import { readDockerConfig } from '../docker/config.js'
import { ACCEPT_MANIFESTS } from '../oci/manifests.js'
import { sha256Digest } from '../oci/digest.js'
import { registryOf, repositoryPath } from './reference.js'
import { authFor, parseChallenge, registryBaseUrl, tokenUrl, type Credentials } from './auth.js'

/** Names the action in registry logs. */
export const USER_AGENT = 'build-image-action'

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`
}

interface Answer {
  status: number
  header: (name: string) => string | undefined
  body: Buffer
}

// One pool of kept-alive connections per scheme for every read of the run (node's http is loaded
// with node itself; its fetch would first load and compile undici, a cost paid again in every step).
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 })
}

/**
 * The most a manifest, config or attestation read may be (as the OCI tarball reader allows): a
 * manifest is a few KiB; a registry that sends more is not answered with memory.
 */
export const MAX_MANIFEST_BYTES = 4 << 20

/** GET with a deadline and a size limit, following redirects (blob reads may be sent to storage elsewhere). */
function get(url: string, headers: Record<string, string>, timeoutMs: number, maxBytes: number, redirects = 5): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const client = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined
    if (!client) return reject(new RegistryUnreachable(`unsupported URL ${url}`))
    const req = client.get(
      u,
      { headers: { 'User-Agent': USER_AGENT, ...headers }, agent: agents[u.protocol as 'http:' | 'https:'] },
      res => {
        const location = res.headers.location
        if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
          res.resume()
          if (redirects <= 0) return reject(new Error(`GET ${url}: too many redirects`))
          const next = new URL(location, u)
          // Credentials stay with the registry: a redirect elsewhere is followed without them.
          const forward =
            next.host === u.host
              ? headers
              : Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'))
          return resolve(get(next.toString(), forward, timeoutMs, maxBytes, redirects - 1))
        }
        const tooLarge = () => {
          res.destroy()
          req.destroy()
          reject(new RegistryContentRefused(`GET ${url}: the answer is larger than ${maxBytes} bytes, too large for a manifest`))
        }
        if (Number(res.headers['content-length'] ?? 0) > maxBytes) return tooLarge()
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size > maxBytes) return tooLarge()
          chunks.push(c)
        })
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            header: name => {
              const v = res.headers[name.toLowerCase()]
              return Array.isArray(v) ? v.join(', ') : v
            },
            body: Buffer.concat(chunks)
          })
        )
      }
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
  })
}

/** Reads manifests and (small) blobs of one repository by digest; keeps its token between reads. */
export function registryReader(
  repo: string,
  timeoutMs = 15_000
): {
  manifest: (digest: string) => Promise<string>
  blob: (digest: string) => Promise<string>
  /** the digest of the manifest the registry serves for `ref` (a tag): sha256 of its bytes, never its headers */
  servedDigest: (ref: string) => Promise<string>
} {
  const host = registryOf(repo)
  const base = registryBaseUrl(host)
  const repository = repositoryPath(repo)
  const auth = authFor(readDockerConfig(), host)
  let authorization: string | undefined

  const fetchBytes = async (kind: 'manifests' | 'blobs', digest: string): Promise<Buffer> => {
    const url = `${base}/v2/${repository}/${kind}/${digest}`
    const headers = (): Record<string, string> => ({ Accept: ACCEPT_MANIFESTS, ...(authorization ? { Authorization: authorization } : {}) })
    let r = await get(url, headers(), timeoutMs, MAX_MANIFEST_BYTES)
    if (r.status === 401) {
      const ch = parseChallenge(r.header('www-authenticate') ?? '')
      if (ch?.scheme === 'basic' && auth.credentials) {
        authorization = basic(auth.credentials)
      } else if (ch?.scheme === 'bearer') {
        if (auth.helper) throw new RegistryUnreachable(`credentials for ${host} are in a credential helper`)
        const tu = tokenUrl(ch, repository)
        if (!tu) throw new RegistryUnreachable(`unusable token realm from ${host}`)
        const t = await get(tu, auth.credentials ? { Authorization: basic(auth.credentials) } : {}, timeoutMs, MAX_MANIFEST_BYTES)
        if (t.status < 200 || t.status > 299) throw new RegistryUnreachable(`token request to ${new URL(tu).host} answered ${t.status}`)
        const body = JSON.parse(t.body.toString('utf8')) as { token?: string; access_token?: string }
        const token = body.token ?? body.access_token
        if (!token) throw new RegistryUnreachable(`no token from ${new URL(tu).host}`)
        authorization = `Bearer ${token}`
      } else {
        throw new RegistryUnreachable(`${host} asks for credentials this action cannot supply`)
      }
      r = await get(url, headers(), timeoutMs, MAX_MANIFEST_BYTES)
    }
    if (r.status < 200 || r.status > 299) {
      const err = new Error(`GET ${url} answered ${r.status}`)
      // 5xx and 429 are worth another try; the caller's retry decides.
      ;(err as Error & { status?: number }).status = r.status
      throw err
    }
    return r.body
  }
  const read = (kind: 'manifests' | 'blobs') => async (digest: string) => {
    const body = await fetchBytes(kind, digest)
    // The registry serves bytes; the digest is the proof they are the ones asked for.
    const actual = sha256Digest(body)
    if (digest.startsWith('sha256:') && actual !== digest)
      throw new RegistryContentRefused(
        `${base}/v2/${repository}/${kind}/${digest} served content with digest ${actual}: not what was asked for`
      )
    return body.toString('utf8')
  }
  return { manifest: read('manifests'), blob: read('blobs'), servedDigest: async ref => sha256Digest(await fetchBytes('manifests', ref)) }
}
