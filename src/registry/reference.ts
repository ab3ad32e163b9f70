// Image references, validated by the grammar the registry and buildx use. Pure.

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
