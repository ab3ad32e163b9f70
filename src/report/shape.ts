// The decisions and data shaping of reading back what was built, apart from the reads themselves
// (collect.ts): where to read from, what a build record and an OCI layout say, and the report of an
// image whose manifests cannot be read. Pure.
import type { BuildResult } from '../buildx/results.js'
import type { Capabilities } from '../inputs/parse.js'
import { parseReference } from '../registry/reference.js'
import type { ImageIndex, ImageReport } from '../oci/types.js'

/** Where one result's manifests are read from: the cheapest source that has them. */
export type ReadSource =
  | { source: 'registry'; repo: string }
  | { source: 'oci-layout'; dest: string }
  | { source: 'build-record'; ref: string }
  | { source: 'none'; note: string }

/** The repository the image was pushed to: its first tag's, else the metadata's image.name. */
function repositoryOfResult(r: BuildResult): string | undefined {
  const imageName = r.metadata['image.name']
  return (
    parseReference(r.tags[0] ?? '')?.name ??
    (typeof imageName === 'string' ? parseReference(imageName.split(',')[0] ?? '')?.name : undefined)
  )
}

/** The build record's ref: metadata `buildx.build.ref` is builder/node/ref. */
export function recordRef(metadata: Record<string, unknown>): string {
  const ref = typeof metadata['buildx.build.ref'] === 'string' ? metadata['buildx.build.ref'] : ''
  return ref.split('/').pop() ?? ''
}

/** The registry when pushed, the OCI layout when exported, else the build record when buildx can read it. */
export function readSource(r: BuildResult, caps: Pick<Capabilities, 'buildxVersion' | 'historyAttachments'>): ReadSource {
  const repo = repositoryOfResult(r)
  const ref = recordRef(r.metadata)
  const oci = r.exports.find(e => e.type === 'oci')
  if (r.pushed && r.digest && repo) return { source: 'registry', repo }
  if (oci) return { source: 'oci-layout', dest: oci.dest }
  if (r.digest && ref && caps.historyAttachments) return { source: 'build-record', ref }
  if (!r.digest) return { source: 'none', note: 'buildx reported no image digest (the exporter wrote files, not an image)' }
  return {
    source: 'none',
    note: `buildx ${caps.buildxVersion} cannot read build records (needs 0.23 or later), and the image was neither pushed nor exported as OCI: only the digest is known. Push, export with outputs: type=oci, or use a newer buildx for layer metadata.`
  }
}

/** The report of an image whose manifests were not read: what buildx said, and why. */
export function unreadReport(r: Pick<BuildResult, 'target' | 'tags' | 'digest'>, note: string): ImageReport {
  return {
    target: r.target,
    tags: r.tags,
    digest: r.digest,
    mediaType: '',
    platforms: [],
    attestations: [],
    baseImages: [],
    source: 'none',
    bytesRead: 0,
    notes: [note]
  }
}

/** Duration and cache use from `buildx history inspect --format json`; {} when it says neither. */
export function parseBuildRecord(json: string): Pick<ImageReport, 'durationMs' | 'steps'> {
  try {
    const rec = JSON.parse(json) as { Duration?: number; NumTotalSteps?: number; NumCachedSteps?: number }
    return {
      ...(typeof rec.Duration === 'number' ? { durationMs: Math.round(rec.Duration / 1e6) } : {}),
      ...(typeof rec.NumTotalSteps === 'number' ? { steps: { total: rec.NumTotalSteps, cached: rec.NumCachedSteps ?? 0 } } : {})
    }
  } catch {
    // an unreadable record only leaves duration and cache use out
    return {}
  }
}

/** The digest of the image an OCI layout holds: its index.json points at the image's own index or manifest. */
export function ociLayoutRoot(indexJson: string | undefined, dest: string): string {
  if (!indexJson) throw new Error(`${dest} has no index.json`)
  const layoutIndex = JSON.parse(indexJson) as ImageIndex
  const top = layoutIndex.manifests[0]
  if (!top) throw new Error(`${dest}: index.json lists no image`)
  return top.digest
}

/** Where an OCI layout keeps the blob `digest`. */
export function ociBlobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`
}
