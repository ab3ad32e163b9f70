// A `.dockerbuild` file (the bundle `buildx history export` writes) made from build records read
// through BuildKit's API: a gzip tar of an OCI layout whose manifest has the record as its config
// (application/vnd.buildkit.historyrecord.v0, the record as buildx's Go JSON renders it) and the
// record's trace, logs, attestations and results as its layers. buildx reads the trace through
// BuildKit's content proxy in small chunks (about 0.7 s per record, and a bake's targets share one
// trace it reads again for each); here each blob is read once. Pure: the caller reads the blobs.
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { readFields, type ProtoField } from './protobuf.js'
import { TAR_END, tarMember } from '../oci/tar.js'

export const HISTORY_RECORD_MEDIA_TYPE = 'application/vnd.buildkit.historyrecord.v0'
const REF_DESCRIPTOR_MEDIA_TYPE = 'vnd.export-build.descriptor.mediatype'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type JsonObject = { [k: string]: Json }

/** A descriptor as the record (protobuf) names it: media_type, digest, size, annotations. */
interface RecordDescriptor {
  media_type?: string
  digest?: string
  size?: number
  annotations?: Record<string, string>
}

// Field layouts of BuildKit's control.proto (and google.rpc.Status, google.protobuf.Timestamp), in
// field-number order, which is the order of the Go struct and so of buildx's JSON; every field
// `omitempty`, as the generated Go tags say.
type Kind =
  | 'string'
  | 'int'
  | 'bool'
  | 'bytes'
  | { message: Schema }
  | { repeated: Schema }
  | { map: 'string' | { message: Schema }; intKeys?: boolean }
type Schema = Array<[no: number, name: string, kind: Kind]>

const DESCRIPTOR: Schema = [
  [1, 'media_type', 'string'],
  [2, 'digest', 'string'],
  [3, 'size', 'int'],
  [5, 'annotations', { map: 'string' }]
]
const TIMESTAMP: Schema = [
  [1, 'seconds', 'int'],
  [2, 'nanos', 'int']
]
const STATUS: Schema = [
  [1, 'code', 'int'],
  [2, 'message', 'string'],
  [
    3,
    'details',
    {
      repeated: [
        [1, 'type_url', 'string'],
        [2, 'value', 'bytes']
      ]
    }
  ]
]
const RESULT_INFO: Schema = [
  [1, 'ResultDeprecated', { message: DESCRIPTOR }],
  [2, 'Attestations', { repeated: DESCRIPTOR }],
  [3, 'Results', { map: { message: DESCRIPTOR }, intKeys: true }]
]
const EXPORTER: Schema = [
  [1, 'Type', 'string'],
  [2, 'Attrs', { map: 'string' }]
]
const RECORD: Schema = [
  [1, 'Ref', 'string'],
  [2, 'Frontend', 'string'],
  [3, 'FrontendAttrs', { map: 'string' }],
  [4, 'Exporters', { repeated: EXPORTER }],
  [5, 'error', { message: STATUS }],
  [6, 'CreatedAt', { message: TIMESTAMP }],
  [7, 'CompletedAt', { message: TIMESTAMP }],
  [8, 'logs', { message: DESCRIPTOR }],
  [9, 'ExporterResponse', { map: 'string' }],
  [10, 'Result', { message: RESULT_INFO }],
  [11, 'Results', { map: { message: RESULT_INFO } }],
  [12, 'Generation', 'int'],
  [13, 'trace', { message: DESCRIPTOR }],
  [14, 'pinned', 'bool'],
  [15, 'numCachedSteps', 'int'],
  [16, 'numTotalSteps', 'int'],
  [17, 'numCompletedSteps', 'int'],
  [18, 'externalError', { message: DESCRIPTOR }],
  [19, 'numWarnings', 'int']
]

const utf8 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8')
const bytesOf = (v: ProtoField['value']): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array())

/** Sorted keys, as Go's encoding/json writes a map. */
function sortedObject(entries: Array<[string, Json]>): JsonObject {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

function decodeMap(fields: ProtoField[], value: 'string' | { message: Schema }, intKeys: boolean): JsonObject {
  const entries: Array<[string, Json]> = []
  for (const f of fields) {
    const kv = readFields(bytesOf(f.value))
    const k = kv.find(x => x.no === 1)?.value
    const v = kv.find(x => x.no === 2)?.value
    const key = intKeys ? String(typeof k === 'bigint' ? BigInt.asIntN(64, k) : 0n) : k instanceof Uint8Array ? utf8(k) : ''
    entries.push([
      key,
      value === 'string' ? (v instanceof Uint8Array ? utf8(v) : '') : decodeMessage(v ? bytesOf(v) : new Uint8Array(), value.message)
    ])
  }
  return sortedObject(entries)
}

/** One message as Go's encoding/json renders its generated struct (zero values left out). */
function decodeMessage(buf: Uint8Array, schema: Schema): JsonObject {
  const fields = readFields(buf)
  const out: JsonObject = {}
  for (const [no, name, kind] of schema) {
    const mine = fields.filter(f => f.no === no)
    if (mine.length === 0) continue
    const last = (mine[mine.length - 1] as ProtoField).value
    if (kind === 'string') {
      const s = utf8(bytesOf(last))
      if (s) out[name] = s
    } else if (kind === 'int') {
      const n = Number(BigInt.asIntN(64, typeof last === 'bigint' ? last : 0n))
      if (n) out[name] = n
    } else if (kind === 'bool') {
      if (last) out[name] = true
    } else if (kind === 'bytes') {
      const b = bytesOf(last)
      if (b.length) out[name] = Buffer.from(b).toString('base64')
    } else if ('message' in kind) {
      out[name] = decodeMessage(bytesOf(last), kind.message)
    } else if ('repeated' in kind) {
      out[name] = mine.map(f => decodeMessage(bytesOf(f.value), kind.repeated))
    } else {
      const m = decodeMap(mine, kind.map, kind.intKeys === true)
      if (Object.keys(m).length) out[name] = m
    }
  }
  return out
}

/** A BuildHistoryRecord (protobuf) as buildx's JSON has it. */
export function decodeHistoryRecord(buf: Uint8Array): JsonObject {
  return decodeMessage(buf, RECORD)
}

/**
 * The record as BuildKit has it once its trace is written: the trace set and the generation one up
 * (BuildKit's UpdateRef), its fields kept in the struct's order.
 */
export function withTrace(record: JsonObject, trace: Json): JsonObject {
  const next: JsonObject = { ...record, trace, Generation: Number(record['Generation'] ?? 0) + 1 }
  return Object.fromEntries(RECORD.flatMap(([, name]) => (name in next ? [[name, next[name] as Json]] : [])))
}

/** Go's encoding/json: HTML-safe escapes, which JSON.stringify does not make. */
function goJson(value: unknown, indent: boolean): string {
  return JSON.stringify(value, null, indent ? 2 : undefined).replace(
    /[<>&\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

// buildx's sanitizeCommand: values of these keys, and GitHub tokens, never leave in a trace.
const SENSITIVE_ATTRS = /(ghtoken|token|access_key_id|secret_access_key|session_token)=[^ ,]+/gi
const GH_TOKENS = /(?:ghu|ghs)_[A-Za-z0-9]{36}/g
const GH_PAT = /github_pat_\w{82}/g

export function sanitizeCommand(value: string): string {
  return value.replace(SENSITIVE_ATTRS, '$1=xxxxx').replace(GH_TOKENS, 'xxxxx').replace(GH_PAT, 'xxxxx')
}

/**
 * The JSON values of a stream of concatenated documents (BuildKit's trace: one span after another,
 * as Go's json.Encoder writes them, indented or not). Inside a document a line never starts with a
 * bracket at its first column, so each such line starts a document: parsed apart, they take a
 * fraction of the time of the scan character by character, kept for any other shape.
 */
function jsonDocuments(text: string): unknown[] {
  try {
    return text
      .split(/\n(?=[{[])/)
      .filter(d => d.trim() !== '')
      .map(d => {
        const v = JSON.parse(d) as unknown
        if (typeof v !== 'object' || v === null) throw new Error('not a JSON document')
        return v
      })
  } catch {
    return scanJsonDocuments(text)
  }
}

function scanJsonDocuments(text: string): unknown[] {
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i
    } else if (c === '}' || c === ']') {
      if (--depth === 0) out.push(JSON.parse(text.slice(start, i + 1)))
    }
  }
  if (depth !== 0) throw new Error('the trace ends inside a JSON document')
  return out
}

// The fields of buildx's span (otelutil's spanData), in its order: buildx decodes each span into it
// and encodes it again, dropping the rest (BuildKit's InstrumentationScope among them).
const SPAN_FIELDS = [
  'Name',
  'SpanContext',
  'Parent',
  'SpanKind',
  'StartTime',
  'EndTime',
  'Attributes',
  'Events',
  'Links',
  'Status',
  'DroppedAttributes',
  'DroppedEvents',
  'DroppedLinks',
  'ChildSpanCount',
  'Resource',
  'InstrumentationLibrary'
] as const

/** The trace as buildx writes it into a bundle: each span in buildx's form, its string attributes cleaned. */
export function sanitizeTrace(trace: Buffer): Buffer {
  const spans = jsonDocuments(trace.toString('utf8')) as Array<Record<string, unknown>>
  const out: string[] = []
  for (const span of spans) {
    for (const a of (span['Attributes'] as Array<{ Value?: { Type?: string; Value?: unknown } }> | null | undefined) ?? []) {
      if (a.Value?.Type === 'STRING' && typeof a.Value.Value === 'string') a.Value.Value = sanitizeCommand(a.Value.Value)
    }
    out.push(`${goJson(Object.fromEntries(SPAN_FIELDS.map(k => [k, span[k] ?? null])), true)}\n`)
  }
  return Buffer.from(out.join(''), 'utf8')
}

/** buildx keeps only `scope` and `ref` of each cache import: the rest can hold credentials. */
function sanitizeCacheImports(v: string): string {
  try {
    const list = JSON.parse(v) as Array<{ Type?: string; Attrs?: Record<string, string> }>
    return goJson(
      list.map(c => ({
        Type: c.Type ?? '',
        Attrs: sortedObject(Object.entries(c.Attrs ?? {}).filter(([k]) => k === 'scope' || k === 'ref'))
      })),
      false
    )
  } catch {
    return ''
  }
}

/** One record to put in a bundle, with what buildx adds to it from its own local state. */
export interface BundleRecord {
  /** decodeHistoryRecord's output */
  record: JsonObject
  /** the builder node's first platform, as buildx formats it */
  defaultPlatform: string
  /** buildx's local state for the ref (`refs/<builder>/<node>/<ref>`), parsed, if any */
  localState?: Json
  /** the group it belongs to (`refs/__group__/<id>`), parsed, if any */
  stateGroup?: Json
}

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  annotations?: Record<string, string>
}

const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** The content-store blobs a record's bundle holds (trace, logs, attestations, results, error). */
export function recordBlobDigests(record: JsonObject): string[] {
  const descs: RecordDescriptor[] = []
  const add = (d: Json | undefined) => {
    if (d && typeof d === 'object' && !Array.isArray(d)) descs.push(d as RecordDescriptor)
  }
  const addResult = (r: Json | undefined) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return
    for (const a of (r['Attestations'] as Json[] | undefined) ?? []) add(a)
    for (const v of Object.values((r['Results'] as JsonObject | undefined) ?? {})) add(v)
  }
  add(record['trace'])
  add(record['logs'])
  addResult(record['Result'])
  add(record['externalError'])
  for (const r of Object.values((record['Results'] as JsonObject | undefined) ?? {})) addResult(r)
  return [...new Set(descs.map(d => d.digest ?? '').filter(Boolean))]
}

/**
 * What bundles made together share: the cleaned traces and each blob's compressed tar member (a bake's
 * targets share one trace, in every target's file and in the file of them all). A `.dockerbuild`
 * is a gzip stream; gzip members concatenated are one stream to every gzip reader, so a blob is
 * compressed once however many files hold it.
 */
/** members larger than this are compressed for speed */
const LARGE_MEMBER = 256 << 10

export class BundleCache {
  private readonly traces = new Map<string, Buffer>()
  private readonly members = new Map<string, Buffer>()
  private readonly digests = new WeakMap<Buffer, string>()
  private readonly manifests = new WeakMap<BundleRecord, RecordManifest>()

  cleanTrace(digest: string, raw: Buffer): Buffer {
    let t = this.traces.get(digest)
    if (!t) this.traces.set(digest, (t = sanitizeTrace(raw)))
    return t
  }

  /** The cleaned trace's member, made ahead of the bundles that hold it. */
  traceMember(digest: string, raw: Buffer): void {
    const clean = this.cleanTrace(digest, raw)
    this.member(this.digest(clean), clean)
  }

  digest(b: Buffer): string {
    let d = this.digests.get(b)
    if (!d) this.digests.set(b, (d = digestOf(b)))
    return d
  }

  /** a record's manifest and blobs, made once for every bundle that holds the record */
  recordManifest(r: BundleRecord, make: () => RecordManifest): RecordManifest {
    let m = this.manifests.get(r)
    if (!m) this.manifests.set(r, (m = make()))
    return m
  }

  member(digest: string, data: Buffer): Buffer {
    let m = this.members.get(digest)
    if (!m) {
      const tar = tarMember(`blobs/sha256/${digest.replace(/^sha256:/, '')}`, data, 0o444)
      // a bake's trace (megabytes of indented JSON) at level 3: twice as fast as the default level, a third larger
      this.members.set(digest, (m = gzipSync(tar, data.length > LARGE_MEMBER ? { level: 3 } : {})))
    }
    return m
  }
}

interface RecordManifest {
  manifest: Descriptor
  ref: string
  blobs: Map<string, Buffer>
}

/** One record's manifest in a bundle, and the blobs it takes (its config, trace, log, attestations, results). */
function recordManifest(r: BundleRecord, blob: (digest: string) => Buffer, cache: BundleCache): RecordManifest {
  const blobs = new Map<string, Buffer>()
  const put = (mediaType: string, data: Buffer): Descriptor => {
    const d = cache.digest(data)
    blobs.set(d, data)
    return { mediaType, digest: d, size: data.length }
  }
  const record = structuredClone(r.record)
  const attrs = record['FrontendAttrs'] as Record<string, string> | undefined
  if (attrs && 'cache-imports' in attrs) attrs['cache-imports'] = sanitizeCacheImports(attrs['cache-imports'] ?? '')
  const visited = new Set<string>()
  const layer = (d: Json | undefined): Descriptor | undefined => {
    if (!d || typeof d !== 'object' || Array.isArray(d)) return undefined
    const rd = d as RecordDescriptor
    const digest = rd.digest ?? ''
    if (visited.has(digest)) return undefined
    visited.add(digest)
    blobs.set(digest, blob(digest))
    return { mediaType: rd.media_type ?? '', digest, size: rd.size ?? 0, ...(rd.annotations ? { annotations: rd.annotations } : {}) }
  }
  const resultLayers = (res: Json | undefined): Descriptor[] => {
    if (!res || typeof res !== 'object' || Array.isArray(res)) return []
    const out: Descriptor[] = []
    for (const a of (res['Attestations'] as Json[] | undefined) ?? []) {
      const d = layer(a)
      if (d) out.push(d)
    }
    for (const v of Object.values((res['Results'] as JsonObject | undefined) ?? {})) {
      const d = layer(v)
      // application/json keeps tools from walking the image it describes; its type is kept aside
      if (d)
        out.push({
          ...d,
          mediaType: 'application/json',
          annotations: sortedAnnotations({ ...d.annotations, [REF_DESCRIPTOR_MEDIA_TYPE]: d.mediaType })
        })
    }
    return out
  }
  const layers: Descriptor[] = []
  const trace = record['trace'] as RecordDescriptor | undefined
  if (trace?.digest) {
    visited.add(trace.digest)
    const clean = put(trace.media_type ?? '', cache.cleanTrace(trace.digest, blob(trace.digest)))
    record['trace'] = { ...trace, digest: clean.digest, size: clean.size }
    layers.push(clean)
  }
  const withState: JsonObject = { ...record, DefaultPlatform: r.defaultPlatform }
  if (r.localState) withState['localState'] = r.localState
  if (r.stateGroup) withState['stateGroup'] = r.stateGroup
  const config = put(HISTORY_RECORD_MEDIA_TYPE, Buffer.from(goJson(withState, true)))
  const logs = layer(record['logs'])
  if (logs) layers.push(logs)
  layers.push(...resultLayers(record['Result']))
  const ext = layer(record['externalError'])
  if (ext) layers.push(ext)
  const results = (record['Results'] as JsonObject | undefined) ?? {}
  for (const k of Object.keys(results)) layers.push(...resultLayers(results[k]))
  const manifest = put(OCI_MANIFEST, Buffer.from(goJson({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers }, true)))
  return { manifest, ref: String(record['Ref'] ?? ''), blobs }
}

/**
 * The `.dockerbuild` bytes for these records, made as buildx's bundle.Export makes them: one record's
 * manifest is the layout's root, several are listed by an index (each annotated with its ref).
 * `blob` gives a content-store blob by digest (each is asked for once per record).
 */
export function bundleRecords(records: readonly BundleRecord[], blob: (digest: string) => Buffer, cache = new BundleCache()): Buffer {
  const blobs = new Map<string, Buffer>()
  const put = (mediaType: string, data: Buffer): Descriptor => {
    const d = cache.digest(data)
    blobs.set(d, data)
    return { mediaType, digest: d, size: data.length }
  }
  const manifests = records.map(r => {
    const made = cache.recordManifest(r, () => recordManifest(r, blob, cache))
    for (const [d, b] of made.blobs) blobs.set(d, b)
    return made
  })
  const only = manifests.length === 1 ? manifests[0] : undefined
  const root = only
    ? only.manifest
    : put(
        OCI_INDEX,
        Buffer.from(
          goJson(
            {
              schemaVersion: 2,
              mediaType: OCI_INDEX,
              manifests: manifests.map(m => ({ ...m.manifest, annotations: { 'vnd.buildkit.history.reference': m.ref } }))
            },
            true
          )
        )
      )
  const index = Buffer.from(goJson({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [root] }, false))
  const layout = Buffer.from(goJson({ imageLayoutVersion: '1.0.0' }, false))
  return Buffer.concat([
    gzipSync(Buffer.concat([tarMember('blobs/', undefined, 0o755), tarMember('blobs/sha256/', undefined, 0o755)])),
    ...[...blobs.keys()].sort().map(d => cache.member(d, blobs.get(d) as Buffer)),
    gzipSync(Buffer.concat([tarMember('index.json', index, 0o644), tarMember('oci-layout', layout, 0o444), TAR_END]))
  ])
}

function sortedAnnotations(a: Record<string, string | undefined>): Record<string, string> {
  return sortedObject(Object.entries(a).filter((e): e is [string, string] => e[1] !== undefined)) as Record<string, string>
}
