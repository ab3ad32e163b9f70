import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { ProtoWriter } from '../../../src/buildx/protobuf.js'
import {
  BundleCache,
  bundleRecords,
  decodeHistoryRecord,
  recordBlobDigests,
  sanitizeCommand,
  sanitizeTrace,
  withTrace
} from '../../../src/buildx/record-bundle.js'
import { readTarEntries } from '../../../src/oci/tar.js'

const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`
const msg = (w: ProtoWriter) => w.finish()
const entry = (k: string, v: string) => msg(new ProtoWriter().string(1, k).string(2, v))
const descriptor = (mediaType: string, data: Buffer, annotations: Array<[string, string]> = []) => {
  const w = new ProtoWriter().string(1, mediaType).string(2, sha(data)).int(3, data.length)
  for (const [k, v] of annotations) w.bytesField(5, entry(k, v))
  return msg(w)
}

const TRACE = Buffer.from(
  [
    {
      Name: 'exec',
      SpanContext: { TraceID: 't' },
      Attributes: [{ Key: 'cmd', Value: { Type: 'STRING', Value: 'run token=abc123 <x>' } }],
      InstrumentationScope: { Name: 's' },
      InstrumentationLibrary: { Name: 's' }
    },
    { Name: 'other', Attributes: null }
  ]
    .map(s => JSON.stringify(s, null, 2))
    .join('\n') + '\n'
)
const LOGS = Buffer.from('logs')
const PROVENANCE = Buffer.from('{"predicateType":"slsa"}')
const INDEX = Buffer.from('{"schemaVersion":2}')

/** A BuildHistoryRecord as BuildKit sends it, fields out of order where protobuf allows it. */
function record(ref: string): Buffer {
  const result = msg(
    new ProtoWriter()
      .bytesField(
        2,
        descriptor('application/vnd.in-toto+json', PROVENANCE, [['in-toto.io/predicate-type', 'https://slsa.dev/provenance/v0.2']])
      )
      .bytesField(3, msg(new ProtoWriter().int(1, 0).bytesField(2, descriptor('application/vnd.oci.image.index.v1+json', INDEX))))
  )
  return msg(
    new ProtoWriter()
      .int(16, 6)
      .string(1, ref)
      .bytesField(3, entry('platform', 'linux/amd64'))
      .bytesField(3, entry('cache-imports', '[{"Type":"gha","Attrs":{"token":"secret","scope":"s"}}]'))
      .bytesField(3, entry('build-arg:A', '1'))
      .bytesField(4, msg(new ProtoWriter().string(1, 'image').bytesField(2, entry('push', 'true'))))
      .bytesField(5, msg(new ProtoWriter().int(1, 2).string(2, 'exit code: 3')))
      .bytesField(6, msg(new ProtoWriter().int(1, 1700000000).int(2, 5)))
      .bytesField(8, descriptor('application/vnd.buildkit.status.v0', LOGS))
      .bytesField(10, result)
      .bytesField(13, descriptor('application/vnd.buildkit.otlp.json.v0', TRACE))
      .int(15, 0)
  )
}

describe('decodeHistoryRecord', () => {
  it("renders the record as buildx's Go JSON does: field order, zero values left out, map keys sorted, int map keys as strings", () => {
    const r = decodeHistoryRecord(record('ref1'))
    expect(Object.keys(r)).toEqual(['Ref', 'FrontendAttrs', 'Exporters', 'error', 'CreatedAt', 'logs', 'Result', 'trace', 'numTotalSteps'])
    expect(Object.keys(r['FrontendAttrs'] as object)).toEqual(['build-arg:A', 'cache-imports', 'platform'])
    expect(r['Exporters']).toEqual([{ Type: 'image', Attrs: { push: 'true' } }])
    expect(r['error']).toEqual({ code: 2, message: 'exit code: 3' })
    expect(r['CreatedAt']).toEqual({ seconds: 1700000000, nanos: 5 })
    expect((r['Result'] as Record<string, unknown>)['Results']).toEqual({
      '0': { media_type: 'application/vnd.oci.image.index.v1+json', digest: sha(INDEX), size: INDEX.length }
    })
    expect(r['numTotalSteps']).toBe(6)
    expect(recordBlobDigests(r).sort()).toEqual([sha(TRACE), sha(LOGS), sha(PROVENANCE), sha(INDEX)].sort())
  })
})

describe('sanitizeTrace', () => {
  it("keeps buildx's span fields in its order, cleans string attributes, escapes as Go does", () => {
    const out = sanitizeTrace(TRACE).toString()
    const spans = out
      .trim()
      .split(/\n(?=\{)/)
      .map(s => JSON.parse(s) as Record<string, unknown>)
    expect(spans).toHaveLength(2)
    expect(Object.keys(spans[0] ?? {})).toEqual([
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
    ])
    expect(out).not.toContain('abc123')
    expect(out).toContain('"Value": "run token=xxxxx \\u003cx\\u003e"')
    expect(out).not.toContain('InstrumentationScope')
  })
  it.each([
    ['--secret token=abc,x', '--secret token=xxxxx,x'],
    ['AWS_SECRET_ACCESS_KEY=zz y', 'AWS_SECRET_ACCESS_KEY=xxxxx y'],
    [`ghs_${'a'.repeat(36)}`, 'xxxxx'],
    ['nothing here', 'nothing here']
  ])('sanitizeCommand(%s)', (v, want) => {
    expect(sanitizeCommand(v)).toBe(want)
  })
})

/** The members of a `.dockerbuild` (several gzip members make one stream). */
function members(bundle: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(bundle)
  const out = new Map<string, Buffer>()
  for (const [name, data] of readTarEntries(tar, () => true)) out.set(name, data)
  return out
}

describe('bundleRecords', () => {
  const blobs = new Map([TRACE, LOGS, PROVENANCE, INDEX].map(b => [sha(b), b]))
  const blob = (d: string) => blobs.get(d) ?? Buffer.alloc(0)
  const one = { record: decodeHistoryRecord(record('ref1')), defaultPlatform: 'linux/amd64', localState: { Target: 'app' } }

  it("one record: the layout's root is its manifest, its config the record, its layers the trace, logs, attestation and result", () => {
    const m = members(bundleRecords([one], blob))
    expect(JSON.parse(m.get('oci-layout')?.toString() ?? '')).toEqual({ imageLayoutVersion: '1.0.0' })
    const index = JSON.parse(m.get('index.json')?.toString() ?? '') as { manifests: Array<{ digest: string; mediaType: string }> }
    expect(index.manifests).toHaveLength(1)
    const manifest = JSON.parse(m.get(`blobs/sha256/${index.manifests[0]?.digest.slice(7)}`)?.toString() ?? '') as {
      config: { mediaType: string; digest: string }
      layers: Array<{ mediaType: string; digest: string; annotations?: Record<string, string> }>
    }
    expect(manifest.config.mediaType).toBe('application/vnd.buildkit.historyrecord.v0')
    expect(manifest.layers.map(l => l.mediaType)).toEqual([
      'application/vnd.buildkit.otlp.json.v0',
      'application/vnd.buildkit.status.v0',
      'application/vnd.in-toto+json',
      'application/json'
    ])
    expect(manifest.layers[3]?.annotations).toEqual({ 'vnd.export-build.descriptor.mediatype': 'application/vnd.oci.image.index.v1+json' })
    const config = JSON.parse(m.get(`blobs/sha256/${manifest.config.digest.slice(7)}`)?.toString() ?? '') as Record<string, unknown>
    expect(config['Ref']).toBe('ref1')
    expect(config['DefaultPlatform']).toBe('linux/amd64')
    expect(config['localState']).toEqual({ Target: 'app' })
    // the record names the cleaned trace; credentials in cache imports are dropped
    expect((config['trace'] as { digest: string }).digest).toBe(manifest.layers[0]?.digest)
    expect((config['FrontendAttrs'] as Record<string, string>)['cache-imports']).toBe('[{"Type":"gha","Attrs":{"scope":"s"}}]')
    // every blob is what its name says
    for (const [name, data] of m) if (name.startsWith('blobs/')) expect(sha(data)).toBe(`sha256:${name.split('/').pop()}`)
  })

  it('several records: an index of their manifests, each annotated with its ref; a shared blob compressed once for every file', () => {
    const two = { ...one, record: decodeHistoryRecord(record('ref2')) }
    const cache = new BundleCache()
    const all = bundleRecords([one, two], blob, cache)
    const alone = bundleRecords([two], blob, cache)
    const m = members(all)
    const root = JSON.parse(m.get('index.json')?.toString() ?? '') as { manifests: Array<{ digest: string; mediaType: string }> }
    expect(root.manifests[0]?.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    const index = JSON.parse(m.get(`blobs/sha256/${root.manifests[0]?.digest.slice(7)}`)?.toString() ?? '') as {
      manifests: Array<{ annotations: Record<string, string> }>
    }
    expect(index.manifests.map(x => x.annotations['vnd.buildkit.history.reference'])).toEqual(['ref1', 'ref2'])
    expect(members(alone).size).toBeGreaterThan(5)
    const member = cache.member(sha(LOGS), LOGS)
    expect(all.includes(member) && alone.includes(member)).toBe(true)
  })
})

describe('withTrace', () => {
  it('gives a record the trace of its bake as BuildKit would: the trace in its place, the generation one up', () => {
    const r = decodeHistoryRecord(
      msg(new ProtoWriter().string(1, 'ref3').int(12, 1).int(15, 2).bytesField(8, descriptor('application/vnd.buildkit.status.v0', LOGS)))
    )
    const trace = { media_type: 'application/vnd.buildkit.otlp.json.v0', digest: sha(TRACE), size: TRACE.length }
    const t = withTrace(r, trace)
    expect(Object.keys(t)).toEqual(['Ref', 'logs', 'Generation', 'trace', 'numCachedSteps'])
    expect(t['Generation']).toBe(2)
    expect(t['trace']).toEqual(trace)
    expect(withTrace(decodeHistoryRecord(msg(new ProtoWriter().string(1, 'r'))), trace)['Generation']).toBe(1)
  })
})
