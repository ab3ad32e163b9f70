// Image indexes, manifests, attestations, provenance and Dockerfiles, read as data. Pure: no I/O.
// (node:crypto is used only to hash bytes already in memory.)
import { createHash } from 'node:crypto'
import type {
  Attestation,
  BaseImage,
  Descriptor,
  ImageIndex,
  ImageManifest,
  ImageReport,
  LayerInfo,
  MetadataSource,
  PlatformImage
} from './types.js'

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

export const ANNOTATIONS = {
  referenceType: 'vnd.docker.reference.type',
  referenceDigest: 'vnd.docker.reference.digest',
  predicateType: 'in-toto.io/predicate-type',
  baseName: 'org.opencontainers.image.base.name',
  baseDigest: 'org.opencontainers.image.base.digest'
} as const

/** Value of vnd.docker.reference.type on attestation manifests in an index. */
export const ATTESTATION_MANIFEST = 'attestation-manifest'

const INDEX_TYPES: readonly string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]
const MANIFEST_TYPES: readonly string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

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
    throw new Error(`${where}: not JSON (${(e as Error).message})`)
  }
  if (isIndex(doc)) return doc
  if (isManifest(doc)) return doc
  const mt = isRecord(doc) && typeof doc['mediaType'] === 'string' ? ` (mediaType ${doc['mediaType']})` : ''
  throw new Error(`${where}: neither an image index nor an image manifest${mt}`)
}

export type Platform = NonNullable<Descriptor['platform']>

/** os/arch[/variant]; '' when there is no platform. */
export function platformString(p: Pick<Platform, 'os' | 'architecture' | 'variant'> | undefined): string {
  if (!p) return ''
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`
}

const PLATFORM_PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** 'linux/arm64/v8' -> { os: 'linux', architecture: 'arm64', variant: 'v8' }; throws on anything else. */
export function parsePlatform(s: string): Platform {
  const parts = s.trim().split('/')
  if (parts.length < 2 || parts.length > 3 || !parts.every(p => PLATFORM_PART.test(p))) {
    throw new Error(`invalid platform "${s}": expected os/arch[/variant]`)
  }
  const [os = '', architecture = '', variant] = parts
  return variant ? { os, architecture, variant } : { os, architecture }
}

function normalizedPlatform(p: string): string {
  const [os = '', arch = '', variant] = p.toLowerCase().split('/')
  let a = arch
  let v = variant
  if (a === 'aarch64') a = 'arm64'
  if (a === 'x86_64' || a === 'x86-64') a = 'amd64'
  if (a === 'arm64' && v === 'v8') v = undefined
  if (a === 'amd64' && v === 'v1') v = undefined
  return v ? `${os}/${a}/${v}` : `${os}/${a}`
}

/** Whether two platform strings name the same platform (linux/arm64/v8 == linux/arm64). */
export function samePlatform(a: string, b: string): boolean {
  return a === b || (a !== '' && b !== '' && normalizedPlatform(a) === normalizedPlatform(b))
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

function baseKey(b: BaseImage): string {
  return `${b.name}\n${b.digest}\n${b.platform}`
}

function pushBase(list: BaseImage[], b: BaseImage): void {
  if (!list.some(x => baseKey(x) === baseKey(b))) list.push(b)
}

/** Base image recorded by the org.opencontainers.image.base.* annotations, if any. */
function baseFromAnnotations(annotations: Record<string, string> | undefined, platform: string): BaseImage | undefined {
  const raw = annotations?.[ANNOTATIONS.baseName]?.trim()
  if (!raw) return undefined
  let name = raw
  let digest = annotations?.[ANNOTATIONS.baseDigest]?.trim() ?? ''
  const at = raw.indexOf('@')
  if (at >= 0) {
    name = raw.slice(0, at)
    if (!digest) digest = raw.slice(at + 1)
  }
  return { name: familiarName(name), digest, platform, source: 'annotation' }
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
    if (b) pushBase(baseImages, b)
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

// ---------------------------------------------------------------------------------------------
// Provenance

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

function get(v: unknown, ...path: string[]): unknown {
  let cur = v
  for (const k of path) {
    if (!isRecord(cur)) return undefined
    cur = cur[k]
  }
  return cur
}

/** Repository of a reference, without tag or digest, in familiar form. */
function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0] ?? ''
  const slash = noDigest.lastIndexOf('/')
  const colon = noDigest.lastIndexOf(':')
  return familiarName(colon > slash ? noDigest.slice(0, colon) : noDigest)
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
    let name = purl.name
    let digest = typeof sha === 'string' && sha ? `sha256:${sha}` : ''
    const at = name.indexOf('@')
    if (at >= 0) {
      if (!digest) digest = name.slice(at + 1)
      name = name.slice(0, at)
    }
    pushBase(out, { name, digest, platform: purl.platform, source: 'provenance' })
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
    for (const b of baseImagesFromProvenance(value)) pushBase(out, b.platform || !keyPlatform ? b : { ...b, platform: keyPlatform })
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
    for (const b of baseImagesFromProvenance(value)) pushBase(out, b.platform ? b : { ...b, platform })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

interface Instruction {
  keyword: string
  args: string
}

/** Joins continuation lines, drops comments and heredoc bodies; returns the instructions. */
function instructions(dockerfile: string): { escape: string; list: Instruction[] } {
  const lines = dockerfile.replace(/^\uFEFF/, '').split(/\r?\n/)
  let escape = '\\'
  // Parser directives: only at the very top, before any blank line, comment or instruction.
  let i = 0
  for (; i < lines.length; i++) {
    const d = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(\S+)\s*$/.exec(lines[i] ?? '')
    if (!d) break
    if ((d[1] ?? '').toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) escape = d[2]
  }
  const continued = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`)
  const out: Instruction[] = []
  while (i < lines.length) {
    let line = lines[i++] ?? ''
    if (/^\s*(#|$)/.test(line)) continue
    let text = ''
    while (continued.test(line) && i < lines.length) {
      text += line.replace(continued, '')
      // Comment and empty lines inside a continuation are skipped.
      do {
        line = lines[i++] ?? ''
      } while (i < lines.length && /^\s*(#|$)/.test(line))
    }
    text += continued.test(line) ? line.replace(continued, '') : line
    const m = /^\s*(\S+)\s*(.*)$/.exec(text)
    if (!m) continue
    const keyword = (m[1] ?? '').toUpperCase()
    const args = (m[2] ?? '').trim()
    out.push({ keyword, args })
    // Heredocs (RUN <<EOF ... EOF): skip their bodies, which may contain anything.
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const h of args.matchAll(/(?<!<)<<(?!<)(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const word = h[3] ?? ''
        const strip = h[1] === '-'
        while (i < lines.length) {
          const body = lines[i++] ?? ''
          if ((strip ? body.replace(/^\t+/, '') : body) === word) break
        }
      }
    }
  }
  return { escape, list: out }
}

/**
 * Shell-style word expansion as the Dockerfile frontend does it for FROM and ARG values:
 * $VAR, ${VAR}, ${VAR:-word}, ${VAR-word}, ${VAR:+word}, ${VAR+word}; single quotes are literal,
 * double quotes are removed, the escape character protects the next character.
 */
function expand(word: string, env: Map<string, string>, escape: string): string {
  let out = ''
  let quote: '' | '"' | "'" = ''
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? ''
    if (quote === "'") {
      if (c === "'") quote = ''
      else out += c
      continue
    }
    if (c === escape && i + 1 < word.length) {
      out += word[i + 1]
      i++
      continue
    }
    if (c === '"' || (c === "'" && quote === '')) {
      if (quote === c) quote = ''
      else if (quote === '') quote = c
      else out += c
      continue
    }
    if (c !== '$') {
      out += c
      continue
    }
    if (word[i + 1] === '{') {
      // Find the matching brace, allowing nested ${...} in the word after the operator.
      let depth = 0
      let j = i + 1
      for (; j < word.length; j++) {
        if (word[j] === '{') depth++
        else if (word[j] === '}' && --depth === 0) break
      }
      const body = word.slice(i + 2, j)
      i = j
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])(.*))?$/s.exec(body)
      if (!m) continue
      const value = env.get(m[1] ?? '')
      const set = value !== undefined
      const nonEmpty = set && value !== ''
      const alt = expand(m[3] ?? '', env, escape)
      switch (m[2]) {
        case ':-':
          out += nonEmpty ? value : alt
          break
        case '-':
          out += set ? value : alt
          break
        case ':+':
          out += nonEmpty ? alt : ''
          break
        case '+':
          out += set ? alt : ''
          break
        default:
          out += value ?? ''
      }
      continue
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1))
    if (!m) {
      out += '$'
      continue
    }
    out += env.get(m[0]) ?? ''
    i += m[0].length
  }
  return out
}

/** Splits ARG arguments: NAME, NAME=value, NAME="quoted value", several per line (values unexpanded). */
function argDeclarations(args: string): Array<{ name: string; value?: string }> {
  const out: Array<{ name: string; value?: string }> = []
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    out.push(m[2] === undefined ? { name: m[1] ?? '' } : { name: m[1] ?? '', value: m[2] })
  }
  return out
}

/** The platform ARGs BuildKit defines itself; they are usable in FROM without an ARG line. */
const AUTOMATIC_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT'
]

/**
 * The image the final stage (or the stage named `target`) is built FROM, following stages that
 * start from earlier stages down to a real image. Global ARGs (before the first FROM) are expanded
 * with their defaults, overridden by `buildArgs`. undefined for `FROM scratch`, an unknown target,
 * or a FROM that expands to nothing.
 */
export function finalStageBase(dockerfile: string, buildArgs: Record<string, string>, target?: string): string | undefined {
  const env = new Map<string, string>()
  for (const k of AUTOMATIC_ARGS) {
    const v = buildArgs[k]
    if (v !== undefined) env.set(k, v)
  }
  const stages: Array<{ name: string; base: string }> = []
  const { escape, list } = instructions(dockerfile)
  for (const ins of list) {
    if (ins.keyword === 'ARG' && stages.length === 0) {
      for (const d of argDeclarations(ins.args)) {
        const given = Object.prototype.hasOwnProperty.call(buildArgs, d.name) ? buildArgs[d.name] : undefined
        const value = given ?? (d.value !== undefined ? expand(d.value, env, escape) : undefined)
        if (value !== undefined) env.set(d.name, value)
      }
    } else if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter(w => w !== '')
      while (words[0]?.startsWith('--')) words.shift()
      const image = expand(words[0] ?? '', env, escape)
      const name = words.length >= 3 && words[1]?.toLowerCase() === 'as' ? (words[2] ?? '').toLowerCase() : ''
      stages.push({ name, base: image })
    }
  }
  let index = stages.length - 1
  if (target) {
    index = stages.findIndex(s => s.name === target.toLowerCase())
    if (index < 0) return undefined
  }
  // Follow FROM <earlier stage> links down to an image.
  let base = stages[index]?.base
  for (let hops = 0; base !== undefined && hops <= stages.length; hops++) {
    if (base === '') return undefined
    const lower = base.toLowerCase()
    const earlier = stages.slice(0, index).findIndex(s => s.name !== '' && s.name === lower)
    if (earlier < 0) return lower === 'scratch' ? undefined : base
    index = earlier
    base = stages[index]?.base
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Digests

export function sha256Digest(bytes: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** Whether `s` is sha256: followed by 64 lowercase hex digits. */
export function validateDigest(s: unknown): boolean {
  return typeof s === 'string' && /^sha256:[a-f0-9]{64}$/.test(s)
}
