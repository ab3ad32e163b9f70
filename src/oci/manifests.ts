// Image indexes and manifests, read as data: which is which, their platform images and
// attestation manifests, and the report of one built target assembled from them. Pure.
import { ANNOTATIONS, ATTESTATION_MANIFEST, baseFromAnnotations, type ResolvedBase } from './annotations.js'
import { addBaseImage, splitDigest } from './base-images.js'
import { sha256Digest } from './digest.js'
import { normalizePlatform, platformString } from './platform.js'
import {
  type Attestation,
  type BaseImage,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  type ImageReport,
  isRecord,
  type LayerInfo,
  type MetadataSource,
  type PlatformImage
} from './types.js'
import { messageOf } from '../errors.js'

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  inToto: 'application/vnd.in-toto+json'
} as const

/** Accept header value asking a registry for any of the four index/manifest media types. */
export const ACCEPT_MANIFESTS = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest
].join(',')

const INDEX_TYPES: readonly string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]
const MANIFEST_TYPES: readonly string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]

function isDescriptor(v: unknown): v is Descriptor {
  return isRecord(v) && typeof v['mediaType'] === 'string' && typeof v['digest'] === 'string' && typeof v['size'] === 'number'
}

/**
 * An OCI image index or Docker manifest list: a `manifests` array of descriptors, and no media
 * type that says it is a manifest. (OCI allows omitting mediaType, so the shape decides then.)
 */
export function isIndex(doc: unknown): doc is ImageIndex {
  if (!isRecord(doc)) return false
  const mt = doc['mediaType']
  if (typeof mt === 'string' && MANIFEST_TYPES.includes(mt)) return false
  const manifests = doc['manifests']
  return Array.isArray(manifests) && manifests.every(isDescriptor)
}

/** An OCI image manifest or Docker v2 schema 2 manifest: a `config` descriptor and `layers`. */
export function isManifest(doc: unknown): doc is ImageManifest {
  if (!isRecord(doc)) return false
  const mt = doc['mediaType']
  if (typeof mt === 'string' && INDEX_TYPES.includes(mt)) return false
  const layers = doc['layers']
  return isDescriptor(doc['config']) && Array.isArray(layers) && layers.every(isDescriptor)
}

/** Parses manifest JSON; throws an Error naming `where` when it is neither an index nor a manifest. */
export function parseManifestJson(text: string, where: string): ImageIndex | ImageManifest {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new Error(`${where}: not JSON (${messageOf(e)})`)
  }
  if (isIndex(doc)) return doc
  if (isManifest(doc)) return doc
  const mt = isRecord(doc) && typeof doc['mediaType'] === 'string' ? ` (mediaType ${doc['mediaType']})` : ''
  throw new Error(`${where}: neither an image index nor an image manifest${mt}`)
}

function isUnknownPlatform(p: Descriptor['platform']): boolean {
  return !p || (p.os === 'unknown' && p.architecture === 'unknown')
}

/**
 * Separates an index's images from its attestation manifests. An entry is an attestation when
 * annotated vnd.docker.reference.type=attestation-manifest and its platform is unknown/unknown
 * (or absent); an entry with a real platform is always an image.
 */
export function splitIndex(index: ImageIndex): { images: Descriptor[]; attestations: Descriptor[] } {
  const images: Descriptor[] = []
  const attestations: Descriptor[] = []
  for (const d of index.manifests) {
    const attestation = d.annotations?.[ANNOTATIONS.referenceType] === ATTESTATION_MANIFEST && isUnknownPlatform(d.platform)
    ;(attestation ? attestations : images).push(d)
  }
  return { images, attestations }
}

export function layersOf(manifest: ImageManifest): LayerInfo[] {
  return manifest.layers.map(l => ({ digest: l.digest, size: l.size, mediaType: l.mediaType }))
}

export function platformImage(platform: string, digest: string, manifest: ImageManifest): PlatformImage {
  const layers = layersOf(manifest)
  const image: PlatformImage = {
    platform,
    digest,
    configDigest: manifest.config.digest,
    size: layers.reduce((n, l) => n + l.size, 0),
    layers,
    lastLayerDigest: layers[layers.length - 1]?.digest ?? ''
  }
  if (manifest.annotations && Object.keys(manifest.annotations).length > 0) image.annotations = { ...manifest.annotations }
  return image
}

function missingImage(platform: string, digest: string): PlatformImage {
  return { platform, digest, configDigest: '', size: 0, layers: [], lastLayerDigest: '' }
}

export interface BuildReportInput {
  target: string
  tags: string[]
  rootDigest: string
  root: ImageIndex | ImageManifest
  /** platform and attestation manifests by digest (what could be read) */
  manifests: Map<string, ImageManifest>
  source: MetadataSource
  bytesRead: number
  /** platform of a single-manifest image, when known from elsewhere (its config) */
  configPlatform?: string
}

/** Assembles the report of one target from its root document and the manifests that were read. */
export function buildReport(input: BuildReportInput): ImageReport {
  const { root, manifests } = input
  const notes: string[] = []
  const platforms: PlatformImage[] = []
  const attestations: Attestation[] = []
  const baseImages: BaseImage[] = []
  const addBase = (b: BaseImage | undefined) => {
    if (b) addBaseImage(baseImages, b)
  }
  let mediaType: string

  if (isIndex(root)) {
    mediaType = root.mediaType ?? MEDIA_TYPES.ociIndex
    addBase(baseFromAnnotations(root.annotations, ''))
    const { images, attestations: attested } = splitIndex(root)
    for (const d of images) {
      const platform = platformString(d.platform) || 'unknown'
      addBase(baseFromAnnotations(d.annotations, platform))
      const m = manifests.get(d.digest)
      if (m) {
        platforms.push(platformImage(platform, d.digest, m))
        addBase(baseFromAnnotations(m.annotations, platform))
      } else {
        platforms.push(missingImage(platform, d.digest))
        notes.push(`the manifest of ${platform} (${d.digest}) could not be read: its layers are not listed`)
      }
    }
    for (const d of attested) {
      const attests = d.annotations?.[ANNOTATIONS.referenceDigest] ?? ''
      const subject = attests ? images.find(i => i.digest === attests) : undefined
      const m = manifests.get(d.digest)
      const predicateTypes: string[] = []
      if (m) {
        for (const l of m.layers) {
          const t = l.annotations?.[ANNOTATIONS.predicateType]
          if (t && !predicateTypes.includes(t)) predicateTypes.push(t)
        }
      } else {
        notes.push(`the attestation manifest ${d.digest} could not be read: its predicate types are not listed`)
      }
      attestations.push({ digest: d.digest, attests, platform: platformString(subject?.platform), predicateTypes, size: d.size })
    }
  } else {
    mediaType = root.mediaType ?? MEDIA_TYPES.ociManifest
    const platform = input.configPlatform || 'unknown'
    platforms.push(platformImage(platform, input.rootDigest, root))
    addBase(baseFromAnnotations(root.annotations, platform))
  }

  const report: ImageReport = {
    target: input.target,
    tags: [...input.tags],
    digest: input.rootDigest,
    mediaType,
    platforms,
    attestations,
    baseImages,
    source: input.source,
    bytesRead: input.bytesRead,
    notes
  }
  if (root.annotations && Object.keys(root.annotations).length > 0) report.annotations = { ...root.annotations }
  return report
}

/** What the base `reference` resolves to, from the raw index or manifest the registry returned for it. */
export function resolvedBase(reference: string, raw: string): ResolvedBase {
  const doc = parseManifestJson(raw, reference)
  const platformDigests: Record<string, string> = {}
  if (isIndex(doc)) {
    for (const m of doc.manifests) {
      if (m.platform && m.platform.os !== 'unknown') platformDigests[normalizePlatform(platformString(m.platform))] = m.digest
    }
  }
  return { name: splitDigest(reference).name, digest: sha256Digest(raw), platformDigests }
}
