// Image references and platforms, validated by the grammar the registry and buildx use. Pure.

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = 'sha256:[a-f0-9]{64}'

const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`)
export const DIGEST_RE = new RegExp(`^${DIGEST}$`)

export interface Reference {
  /** repository including registry host, as written (no defaults added) */
  name: string
  tag: string
  digest: string
}

/** Parses an image reference; undefined when it is not valid. */
export function parseReference(ref: string): Reference | undefined {
  if (ref.length > 512) return undefined
  const m = REFERENCE_RE.exec(ref)
  if (!m) return undefined
  const name = m[1] ?? ''
  if (name.length > 255) return undefined
  // "host:5000" alone parses as name "host" + tag "5000"; that's what docker does too.
  return { name, tag: m[2] ?? '', digest: m[3] ?? '' }
}

/** Splits a repository name into registry host and path, as docker's splitDockerDomain does. */
function splitDomain(name: string): [string, string] {
  const slash = name.indexOf('/')
  const first = slash < 0 ? '' : name.slice(0, slash)
  // docker reads the first component as a host when it has '.' or ':', is localhost, or has uppercase
  if (!first || !(first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    return ['docker.io', name]
  }
  return [first === 'index.docker.io' ? 'docker.io' : first, name.slice(slash + 1)]
}

/** Registry host of a repository name, as docker resolves it. */
export function registryOf(name: string): string {
  return splitDomain(name)[0]
}

/** Path of a repository in its registry (docker.io adds library/ for official images). */
export function repositoryPath(name: string): string {
  const [host, rest] = splitDomain(name)
  return host === 'docker.io' && !rest.includes('/') ? `library/${rest}` : rest
}

const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9.]+)?$/

export function isPlatform(p: string): boolean {
  return PLATFORM_RE.test(p)
}

/** Normalizes what buildx normalizes, so comparisons of platforms work (arm64/v8 == arm64, arm == arm/v7). */
export function normalizePlatform(p: string): string {
  const [os = '', arch = '', variant] = p.split('/')
  let a = arch
  let v = variant
  if (a === 'aarch64') a = 'arm64'
  if (a === 'x86_64' || a === 'x86-64') a = 'amd64'
  if (a === 'i386') a = '386'
  if (a === 'armhf') [a, v] = ['arm', 'v7']
  if (a === 'armel') [a, v] = ['arm', 'v6']
  if (a === 'arm64' && (v === 'v8' || v === '8')) v = undefined
  if (a === 'amd64' && v === 'v1') v = undefined
  if (a === 'arm' && (v === undefined || v === '' || v === '7')) v = 'v7'
  if (a === 'arm' && v && /^[568]$/.test(v)) v = `v${v}`
  return v ? `${os}/${a}/${v}` : `${os}/${a}`
}
