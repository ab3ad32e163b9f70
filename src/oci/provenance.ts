// Base images from BuildKit provenance: the pkg:docker materials of SLSA v0.2 and v1 predicates,
// however buildx hands them over (metadata file, in-toto statement, imagetools). Pure.
import { ANNOTATIONS } from './annotations.js'
import { addBaseImage, familiarName, repositoryOf, splitDigest, withPlatform } from './base-images.js'
import { type BaseImage, type Descriptor, type ImageManifest, isRecord } from './types.js'

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/**
 * Reads a Docker package URL as written in BuildKit provenance:
 * pkg:docker/localhost:5000/base@multi?platform=linux%2Famd64 -> { name: 'localhost:5000/base:multi', platform: 'linux/amd64' }.
 * A version that is a digest (sha256%3A...) gives name@sha256:...; Docker Hub names are shown in
 * their familiar form (alpine:3.20). undefined for anything that is not a pkg:docker URL.
 */
export function parseDockerPurl(uri: string): { name: string; platform: string } | undefined {
  const m = /^pkg:docker\/([^?#]+)(?:\?([^#]*))?(?:#.*)?$/i.exec(uri.trim())
  if (!m) return undefined
  const path = m[1] ?? ''
  // The version follows the last '@' (the name part cannot contain one).
  const at = path.lastIndexOf('@')
  const rawName = at >= 0 ? path.slice(0, at) : path
  const rawVersion = at >= 0 ? path.slice(at + 1) : ''
  const name = decode(rawName)
  const version = decode(rawVersion)
  if (!name || version === undefined) return undefined
  let platform = ''
  for (const pair of (m[2] ?? '').split('&')) {
    const eq = pair.indexOf('=')
    if (eq < 0) continue
    if (pair.slice(0, eq).toLowerCase() === 'platform') platform = decode(pair.slice(eq + 1)) ?? ''
  }
  const familiar = familiarName(name)
  if (!version) return { name: familiar, platform }
  const ref = /^[a-z0-9]+:[a-f0-9]{32,}$/i.test(version) ? `${familiar}@${version}` : `${familiar}:${version}`
  return { name: ref, platform }
}

/** The value at `path` in nested JSON objects, undefined where the path leaves them. */
function get(v: unknown, ...path: string[]): unknown {
  let cur = v
  for (const k of path) {
    if (!isRecord(cur)) return undefined
    cur = cur[k]
  }
  return cur
}

/**
 * Base images (pkg:docker materials) from BuildKit provenance: an SLSA v0.2 predicate
 * (`materials`), an SLSA v1 predicate (`buildDefinition.resolvedDependencies`), either one wrapped
 * in an in-toto statement (`{ predicate }`), or buildx's metadata-file value (the predicate itself,
 * possibly as a JSON string). The Dockerfile frontend image (`# syntax=`) is left out.
 */
export function baseImagesFromProvenance(provenance: unknown): BaseImage[] {
  let doc = provenance
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc)
    } catch {
      return []
    }
  }
  if (!isRecord(doc)) return []
  // In-toto statement { predicate }, or imagetools' {{json .Provenance}} output { SLSA }.
  const predicate = isRecord(doc['predicate']) ? doc['predicate'] : isRecord(doc['SLSA']) ? doc['SLSA'] : doc
  const v02 = get(predicate, 'materials')
  const v1 = get(predicate, 'buildDefinition', 'resolvedDependencies')
  const materials = Array.isArray(v02) ? v02 : Array.isArray(v1) ? v1 : []
  const frontend =
    get(predicate, 'invocation', 'parameters', 'args', 'source') ??
    get(predicate, 'buildDefinition', 'externalParameters', 'request', 'args', 'source')
  const frontendRepo = typeof frontend === 'string' && frontend ? repositoryOf(frontend) : ''
  const out: BaseImage[] = []
  for (const mat of materials) {
    const uri = get(mat, 'uri')
    if (typeof uri !== 'string') continue
    const purl = parseDockerPurl(uri)
    if (!purl) continue
    if (frontendRepo && repositoryOf(purl.name) === frontendRepo) continue
    const sha = get(mat, 'digest', 'sha256')
    const { name, digest: pinned } = splitDigest(purl.name)
    const digest = typeof sha === 'string' && sha ? `sha256:${sha}` : pinned
    addBaseImage(out, { name, digest, platform: purl.platform, source: 'provenance' })
  }
  return out
}

/**
 * Base images from a whole buildx metadata-file object: `buildx.build.provenance` (single
 * platform) and `buildx.build.provenance/<os>/<arch>[/<variant>]` (one per platform of a
 * multi-platform build; the key's platform is used when the material has none).
 */
export function baseImagesFromMetadata(metadata: Record<string, unknown>): BaseImage[] {
  const out: BaseImage[] = []
  for (const [key, value] of Object.entries(metadata)) {
    if (key !== 'buildx.build.provenance' && !key.startsWith('buildx.build.provenance/')) continue
    const keyPlatform = key.slice('buildx.build.provenance/'.length)
    for (const b of baseImagesFromProvenance(value)) addBaseImage(out, withPlatform(b, keyPlatform))
  }
  return out
}

/**
 * `buildx imagetools inspect --format '{{json .Provenance}}'`: `{ SLSA }` for a single-platform
 * image, or a map of platform -> `{ SLSA }` for an index.
 */
export function baseImagesFromImagetools(doc: unknown): BaseImage[] {
  if (!isRecord(doc)) return []
  if (isRecord(doc['SLSA'])) return baseImagesFromProvenance(doc)
  const out: BaseImage[] = []
  for (const [platform, value] of Object.entries(doc)) {
    for (const b of baseImagesFromProvenance(value)) addBaseImage(out, withPlatform(b, platform))
  }
  return out
}

/** The layers of an attestation manifest that hold SLSA provenance (not SBOMs or others). */
export function provenanceLayers(attestation: ImageManifest | undefined): Descriptor[] {
  return (attestation?.layers ?? []).filter(l =>
    (l.annotations?.[ANNOTATIONS.predicateType] ?? '').startsWith('https://slsa.dev/provenance/')
  )
}
