// Base-image references as reports show them: familiar names, the digest kept apart, each image
// listed once. Pure.
import type { BaseImage } from './types.js'

/**
 * A Docker Hub name in its familiar form: docker.io/library/alpine:3 -> alpine:3,
 * docker.io/org/app -> org/app. Names on other registries are returned unchanged.
 */
export function familiarName(name: string): string {
  let n = name
  for (const host of ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']) {
    if (n.startsWith(host)) {
      n = n.slice(host.length)
      break
    }
  }
  const first = n.split('/')[0] ?? ''
  const hasHost = n.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
  if (!hasHost && n.startsWith('library/') && n.split('/').length === 2) n = n.slice('library/'.length)
  return n
}

/** name@digest -> { name, digest }; digest is '' when the reference has none. */
export function splitDigest(ref: string): { name: string; digest: string } {
  const at = ref.indexOf('@')
  return at < 0 ? { name: ref, digest: '' } : { name: ref.slice(0, at), digest: ref.slice(at + 1) }
}

/** Repository of a reference, without tag or digest, in familiar form. */
export function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0] ?? ''
  const slash = noDigest.lastIndexOf('/')
  const colon = noDigest.lastIndexOf(':')
  return familiarName(colon > slash ? noDigest.slice(0, colon) : noDigest)
}

function sameBase(a: BaseImage, b: BaseImage): boolean {
  return a.name === b.name && a.digest === b.digest && a.platform === b.platform
}

/** Adds `b` to `list` unless the same name, digest and platform is already there. */
export function addBaseImage(list: BaseImage[], b: BaseImage): void {
  if (!list.some(x => sameBase(x, b))) list.push(b)
}

/** `b` with `platform` when it names none of its own (and `platform` is known). */
export function withPlatform(b: BaseImage, platform: string): BaseImage {
  return b.platform || !platform ? b : { ...b, platform }
}

/**
 * The final stage's FROM (build args applied) as a base image entry; its digest is the one the
 * reference pins, else the one already found (in provenance) for the same name.
 */
export function dockerfileBaseImage(from: string, known: BaseImage[]): BaseImage {
  const { name, digest: pinned } = splitDigest(from)
  const bare = familiarName(name)
  const match = known.find(b => familiarName(b.name) === bare && b.digest)
  return { name: bare, digest: pinned || match?.digest || '', platform: '', source: 'dockerfile' }
}
