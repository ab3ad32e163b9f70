// Shared data shapes, and the guard for JSON objects. Pure: no imports from @actions/*, child_process or fs.

/** An OCI/Docker content descriptor as it appears in indexes and manifests. */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os: string; architecture: string; variant?: string; 'os.version'?: string }
  annotations?: Record<string, string>
  artifactType?: string
}

/** An OCI image index or Docker manifest list. */
export interface ImageIndex {
  schemaVersion: number
  mediaType?: string
  manifests: Descriptor[]
  annotations?: Record<string, string>
}

/** An OCI image manifest or Docker v2 schema 2 manifest. */
export interface ImageManifest {
  schemaVersion: number
  mediaType?: string
  artifactType?: string
  config: Descriptor
  layers: Descriptor[]
  annotations?: Record<string, string>
  subject?: Descriptor
}

export interface LayerInfo {
  digest: string
  size: number
  mediaType: string
}

/** One real platform of a built image. */
export interface PlatformImage {
  /** os/arch[/variant] */
  platform: string
  /** digest of the platform's image manifest */
  digest: string
  configDigest: string
  /** sum of the layer sizes (compressed, as stored) */
  size: number
  layers: LayerInfo[]
  /** digest of the last layer, '' when the image has none */
  lastLayerDigest: string
  annotations?: Record<string, string>
}

/** An attestation manifest (provenance, SBOM), linked to the platform manifest it describes. */
export interface Attestation {
  digest: string
  /** digest of the image manifest it attests (vnd.docker.reference.digest) */
  attests: string
  /** platform of the attested manifest, when it is in the same index */
  platform: string
  /** in-toto predicate types found on its layers (e.g. https://slsa.dev/provenance/v0.2) */
  predicateTypes: string[]
  size: number
}

export interface BaseImage {
  /** image reference without digest, e.g. localhost:5000/base:multi */
  name: string
  /** sha256:... or '' when unknown */
  digest: string
  /** platform the material was resolved for, '' when not known */
  platform: string
  source: 'provenance' | 'dockerfile' | 'annotation'
}

/** Where a report's manifests were read from. */
export type MetadataSource = 'registry' | 'build-record' | 'image-store' | 'oci-layout' | 'none'

/** Everything known about one built target. */
export interface ImageReport {
  target: string
  tags: string[]
  /** digest of the index (manifest list); for a single-manifest image, that manifest's digest */
  digest: string
  mediaType: string
  platforms: PlatformImage[]
  attestations: Attestation[]
  baseImages: BaseImage[]
  source: MetadataSource
  /** bytes of manifest JSON read to build this report */
  bytesRead: number
  /** build duration and cache use, when the build record has them */
  durationMs?: number
  steps?: { total: number; cached: number }
  /** why metadata is missing or partial, shown to users */
  notes: string[]
  annotations?: Record<string, string>
}

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
