// OCI base-image annotations (org.opencontainers.image.base.name / .base.digest). Pure.
import { normalizePlatform } from '../registry/reference.js'

export const BASE_NAME = 'org.opencontainers.image.base.name'
export const BASE_DIGEST = 'org.opencontainers.image.base.digest'

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
