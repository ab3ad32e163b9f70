// The index a merge creates, known from its own bytes: `imagetools create --dry-run` prints exactly
// the bytes the create then pushes (measured on buildx 0.29 and 0.13), plus one newline. Its
// digest is what the step signs; the registry is only asked to confirm it, never to name it. Pure.
import { sha256Digest } from './digest.js'
import { isIndex, parseManifestJson } from './manifests.js'
import type { ImageIndex, ImageManifest } from './types.js'

export interface CreatedIndex {
  /** sha256 of the exact bytes the create pushes */
  digest: string
  mediaType: string
  doc: ImageIndex | ImageManifest
}

/** The document a dry run printed: its bytes are stdout without the newline buildx adds. */
export function createdIndex(dryRunStdout: string): CreatedIndex {
  const bytes = dryRunStdout.endsWith('\n') ? dryRunStdout.slice(0, -1) : dryRunStdout
  const doc = parseManifestJson(bytes, 'imagetools create --dry-run')
  return { digest: sha256Digest(bytes), mediaType: doc.mediaType ?? '', doc }
}

/**
 * Why the created document is not exactly the merge of `sources` (each source's digest and its
 * document as the registry holds it by that digest); '' when it is. A source index contributes its
 * entries, a source manifest itself. A single source without annotations is copied as it is.
 */
export function mergeMismatch(created: CreatedIndex, sources: ReadonlyArray<{ digest: string; doc: ImageIndex | ImageManifest }>): string {
  const only = sources[0]
  if (sources.length === 1 && only && created.digest === only.digest) return ''
  if (!isIndex(created.doc)) return `imagetools create made a manifest (${created.digest}), not an index of the ${sources.length} source(s)`
  const expected = new Set(sources.flatMap(s => (isIndex(s.doc) ? s.doc.manifests.map(d => d.digest) : [s.digest])))
  const listed = created.doc.manifests.map(d => d.digest)
  const extra = listed.filter(d => !expected.has(d))
  const missing = [...expected].filter(d => !listed.includes(d))
  if (extra.length === 0 && missing.length === 0 && new Set(listed).size === listed.length) return ''
  const parts = [
    ...(extra.length ? [`lists ${extra.join(', ')}, which no source holds`] : []),
    ...(missing.length ? [`misses ${missing.join(', ')}`] : []),
    ...(new Set(listed).size !== listed.length ? ['lists an entry twice'] : [])
  ]
  return `the index imagetools create made (${created.digest}) ${parts.join('; ')}`
}
