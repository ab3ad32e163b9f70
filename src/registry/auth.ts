// How to reach a registry's HTTP API: scheme, credentials from the docker config, and the token
// challenge. Pure.

/** Docker treats loopback registries as insecure (plain HTTP) by default; everything else is HTTPS. */
export function registryBaseUrl(host: string): string {
  const bare = host.replace(/:\d+$/, '')
  const loopback = bare === 'localhost' || /^127\./.test(bare) || bare === '[::1]'
  const apiHost = host === 'docker.io' ? 'registry-1.docker.io' : host
  return `${loopback ? 'http' : 'https'}://${apiHost}`
}

export interface Credentials {
  username: string
  password: string
}

export interface DockerConfigAuth {
  /** credentials stored in config.json itself */
  credentials?: Credentials
  /** a credential helper holds them: the caller falls back to a tool that can ask it */
  helper?: string
}

/** Reads `auths` (and notes `credsStore` / `credHelpers`) of a docker config.json for one host. */
export function authFor(configJson: string | undefined, host: string): DockerConfigAuth {
  if (!configJson) return {}
  let cfg: {
    auths?: Record<string, { auth?: string; username?: string; password?: string }>
    credsStore?: string
    credHelpers?: Record<string, string>
  }
  try {
    cfg = JSON.parse(configJson) as typeof cfg
  } catch {
    return {}
  }
  const keys =
    host === 'docker.io'
      ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io']
      : [host, `https://${host}`, `http://${host}`]
  for (const k of keys) {
    const entry = cfg.auths?.[k]
    if (!entry) continue
    if (entry.username && entry.password) return { credentials: { username: entry.username, password: entry.password } }
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) return { credentials: { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) } }
    }
  }
  const helper = cfg.credHelpers?.[host] ?? cfg.credsStore
  return helper ? { helper } : {}
}

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** Parses a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"`. */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header)
  if (!m?.[1]) return undefined
  const params: Record<string, string> = {}
  const re = /(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g
  for (let p = re.exec(m[2] ?? ''); p; p = re.exec(m[2] ?? '')) {
    if (p[1]) params[p[1].toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1')
  }
  return { scheme: m[1].toLowerCase(), params }
}

export function tokenUrl(ch: Challenge, repository: string): string | undefined {
  const realm = ch.params['realm']
  if (!realm || !/^https?:\/\//.test(realm)) return undefined
  const url = new URL(realm)
  if (ch.params['service']) url.searchParams.set('service', ch.params['service'])
  url.searchParams.set('scope', ch.params['scope'] ?? `repository:${repository}:pull`)
  return url.toString()
}
