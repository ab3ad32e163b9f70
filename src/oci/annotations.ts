// The annotation keys this action reads and writes, and the base-image annotations
// (org.opencontainers.image.base.name / .base.digest) both ways: as buildx --annotation values
// before a build, and read back from what was built. Pure.
import { familiarName, splitDigest } from './base-images.js'
import { normalizePlatform } from './platform.js'
import type { BaseImage } from './types.js'

export const ANNOTATIONS = {
  referenceType: 'vnd.docker.reference.type',
  referenceDigest: 'vnd.docker.reference.digest',
  predicateType: 'in-toto.io/predicate-type',
  baseName: 'org.opencontainers.image.base.name',
  baseDigest: 'org.opencontainers.image.base.digest'
} as const

/** Value of vnd.docker.reference.type on attestation manifests in an index. */
export const ATTESTATION_MANIFEST = 'attestation-manifest'

const { baseName: BASE_NAME, baseDigest: BASE_DIGEST } = ANNOTATIONS

export interface ResolvedBase {
  /** the reference as the Dockerfile names it after build args, e.g. localhost:5000/base:multi */
  name: string
  /** digest of what that reference resolved to (an index for multi-platform bases) */
  digest: string
  /** platform -> digest of the base's manifest for that platform, when the base is an index */
  platformDigests: Record<string, string>
}

/**
 * Annotations for buildx --annotation. The index names the base's own index digest; each
 * platform manifest names the base manifest it was actually built on, when known.
 */
export function baseAnnotationArgs(base: ResolvedBase, platforms: string[]): string[] {
  const out = [`index:${BASE_NAME}=${base.name}`, `index:${BASE_DIGEST}=${base.digest}`]
  if (platforms.length === 0) {
    out.push(`manifest:${BASE_NAME}=${base.name}`, `manifest:${BASE_DIGEST}=${base.digest}`)
    return out
  }
  for (const p of platforms) {
    const digest = base.platformDigests[normalizePlatform(p)] ?? base.digest
    out.push(`manifest[${p}]:${BASE_NAME}=${base.name}`, `manifest[${p}]:${BASE_DIGEST}=${digest}`)
  }
  return out
}

/** Base image recorded by the base-image annotations, if any. */
export function baseFromAnnotations(annotations: Record<string, string> | undefined, platform: string): BaseImage | undefined {
  const raw = annotations?.[BASE_NAME]?.trim()
  if (!raw) return undefined
  const { name, digest: pinned } = splitDigest(raw)
  const digest = annotations?.[BASE_DIGEST]?.trim() || pinned
  return { name: familiarName(name), digest, platform, source: 'annotation' }
}
