// What the job summary and the terminal table both say, in the same words: sizes, durations,
// digests, media types, where metadata came from, and which base images belong to a platform.
// Pure and deterministic; escaping for markdown or a terminal is left to each renderer.
import { validateDigest } from '../oci/digest.js'
import { MEDIA_TYPES } from '../oci/manifests.js'
import { samePlatform } from '../oci/platform.js'
import type { BaseImage, ImageReport, MetadataSource, PlatformImage } from '../oci/types.js'

/** Shown for a value that is not known. */
export const DASH = '—'

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB']

/** Human-readable size in binary units: 512 B, 1.2 MiB. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Number.isFinite(n) ? Math.round(n) : 0} B`
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024
    u++
  }
  let text = v.toFixed(1)
  if (text === '1024.0' && u < UNITS.length - 1) {
    text = '1.0'
    u++
  }
  return `${text} ${UNITS[u]}`
}

/** An integer with thousands separators (1,084,452), independent of the locale. */
export function formatCount(n: number): string {
  const s = String(Math.round(Number.isFinite(n) ? n : 0))
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** 850 ms, 12.3 s, 2 min 5 s, 1 h 2 min. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s} s`
}

/** sha256: and the first 12 hex digits, for tables; anything else is returned unchanged. */
export function shortDigest(digest: string): string {
  return validateDigest(digest) ? digest.slice(0, 'sha256:'.length + 12) : digest
}

const MEDIA_TYPE_NAMES: Record<string, string> = {
  [MEDIA_TYPES.ociIndex]: 'OCI image index',
  [MEDIA_TYPES.ociManifest]: 'OCI image manifest',
  [MEDIA_TYPES.dockerManifestList]: 'Docker manifest list',
  [MEDIA_TYPES.dockerManifest]: 'Docker image manifest'
}

/** 'OCI image index' and the like; undefined for a media type without a name. */
export function mediaTypeName(mediaType: string): string | undefined {
  return MEDIA_TYPE_NAMES[mediaType]
}

const SOURCE_NAMES: Record<Exclude<MetadataSource, 'none'>, string> = {
  registry: 'the registry',
  'build-record': 'the buildx build record',
  'image-store': "the engine's image store",
  'oci-layout': 'the OCI layout'
}

/** Where a report's metadata was read from ('the registry'); undefined for 'none' or an unknown source. */
export function sourceName(source: string): string | undefined {
  return (SOURCE_NAMES as Record<string, string>)[source]
}

/** Whether the platform's manifest was read (a real manifest always has a config). */
export function manifestKnown(p: PlatformImage): boolean {
  return p.configDigest !== ''
}

/** The base images of one platform: those for all platforms, and those for the same platform. */
export function basesFor(report: ImageReport, p: PlatformImage): BaseImage[] {
  return report.baseImages.filter(b => b.platform === '' || p.platform === 'unknown' || samePlatform(b.platform, p.platform))
}
