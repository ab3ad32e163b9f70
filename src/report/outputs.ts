// The action's report outputs (manifests, layers, base-images, last-layer-digest, platforms) as the
// JSON strings they are set to. Pure.
import type { ImageReport } from '../oci/types.js'

/** Output JSON shapes, per target. */
export function reportOutputs(reports: ImageReport[]): Record<string, string> {
  const manifests = Object.fromEntries(
    reports.map(r => [
      r.target,
      {
        digest: r.digest,
        mediaType: r.mediaType,
        tags: r.tags,
        source: r.source,
        platforms: r.platforms.map(p => ({ platform: p.platform, digest: p.digest, configDigest: p.configDigest, size: p.size })),
        attestations: r.attestations,
        ...(r.steps ? { build: { durationMs: r.durationMs ?? 0, steps: r.steps.total, cachedSteps: r.steps.cached } } : {})
      }
    ])
  )
  const layers = Object.fromEntries(
    reports.map(r => [
      r.target,
      Object.fromEntries(r.platforms.map(p => [p.platform, { layers: p.layers, lastLayerDigest: p.lastLayerDigest, size: p.size }]))
    ])
  )
  const baseImages = Object.fromEntries(reports.map(r => [r.target, r.baseImages]))
  const only = reports.length === 1 ? reports[0] : undefined
  const lastLayer = only && only.platforms.length === 1 ? (only.platforms[0]?.lastLayerDigest ?? '') : ''
  return {
    manifests: JSON.stringify(manifests),
    layers: JSON.stringify(layers),
    'base-images': JSON.stringify(baseImages),
    'last-layer-digest': lastLayer,
    platforms: JSON.stringify(Object.fromEntries(reports.map(r => [r.target, r.platforms.map(p => p.platform)])))
  }
}
