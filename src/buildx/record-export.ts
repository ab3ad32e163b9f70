// Build records exported through BuildKit's API (the Docker daemon's own builder): each record read once,
// finalized only when its trace is not written yet (what `--finalize` does), every blob read once
// even when targets share it (a bake's targets share one trace), buildx's local state for each ref
// added as buildx adds it, and the `.dockerbuild` files made in memory (record-bundle.ts).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BuildKitApi } from './buildkit-api.js'
import { BundleCache, bundleRecords, decodeHistoryRecord, recordBlobDigests, withTrace, type BundleRecord } from './record-bundle.js'
import type { RecordRef } from './records.js'

type JsonRecord = ReturnType<typeof decodeHistoryRecord>

/** buildx's local state file for a ref (or group), as buildx re-renders it in a record. */
function localStateOf(configDir: string, r: RecordRef): Pick<BundleRecord, 'localState' | 'stateGroup'> {
  const read = (...p: string[]): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(readFileSync(path.join(configDir, 'refs', ...p), 'utf8')) as Record<string, unknown>
    } catch {
      return undefined
    }
  }
  const st = r.node ? read(r.builder, r.node, r.ref) : undefined
  if (!st) return {}
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  // localstate.State's fields, in its order; GroupRef is `omitempty`
  const localState = {
    Target: str(st['Target']),
    LocalPath: str(st['LocalPath']),
    DockerfilePath: str(st['DockerfilePath']),
    ...(str(st['GroupRef']) ? { GroupRef: str(st['GroupRef']) } : {})
  }
  const group = localState.GroupRef ? read('__group__', localState.GroupRef) : undefined
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null)
  const targets = list(group?.['Targets'])
  const stateGroup = group ? { ...(targets?.length ? { Targets: targets } : {}), Refs: list(group['Refs']) } : undefined
  return { localState, ...(stateGroup ? { stateGroup } : {}) }
}

export interface ExportedBundles {
  /** ref -> that record alone */
  each: Map<string, Buffer>
  /** every record in one file (only when there are several) */
  all?: Buffer
  /** how many records BuildKit was asked to finalize, and how long that took (ms) */
  finalized: { count: number; ms: number }
}

/** The `.dockerbuild` bytes of these builds' records, read through BuildKit's API. */
export async function exportRecordBundles(
  api: BuildKitApi,
  refs: readonly RecordRef[],
  opts: { configDir: string; defaultPlatform: string | Promise<string> }
): Promise<ExportedBundles> {
  const finalized = { count: 0, ms: 0 }
  const readRecord = async (ref: string) => {
    const raw = await api.rawRecord(ref)
    if (!raw) throw new Error(`no record found for ref ${ref}`)
    return decodeHistoryRecord(raw)
  }
  const states = refs.map(r => localStateOf(opts.configDir, r))
  // Every blob is read, and its compressed member made, as soon as its digest is known, while
  // BuildKit writes a missing trace: only the trace's read and cleaning wait for the finalizing.
  const cache = new BundleCache()
  const blobs = new Map<string, Promise<Buffer>>()
  const traces = new Set<string>()
  const fetchBlobs = (record: JsonRecord) => {
    const trace = (record['trace'] as { digest?: string } | undefined)?.digest
    if (trace) traces.add(trace)
    return Promise.all(
      recordBlobDigests(record).map(d => {
        let b = blobs.get(d)
        if (!b) {
          b = api.read(d).then(data => {
            if (traces.has(d)) cache.traceMember(d, data)
            else cache.member(d, data)
            return data
          })
          blobs.set(d, b)
        }
        return b
      })
    )
  }
  // BuildKit writes a record's trace up to 3 s after the build; finalizing writes it now (buildx
  // finalizes a record that has no trace). The builds of one bake (one buildx group) share one
  // trace: BuildKit writes the same bytes for each of them (the whole bake's spans), so one is
  // finalized and its trace given to the others, as their own finalizing would give it
  // (records.test.ts compares with buildx's --finalize export). Writing a bake's trace is most of
  // the export's time (a 30-target bake's is 1.5 MB), so the first build of each group is finalized
  // before anything else is asked, without waiting to learn whether it has a trace already:
  // BuildKit answers at once for a record whose trace is written.
  const groupOf = (i: number) => {
    const group = (states[i]?.localState as { GroupRef?: string } | undefined)?.GroupRef
    return group ? `group:${group}` : `ref:${refs[i]?.ref}`
  }
  const leaders = new Map<string, number>()
  refs.forEach((_, i) => {
    if (!leaders.has(groupOf(i))) leaders.set(groupOf(i), i)
  })
  const finalizeCall = (ref: string) => {
    const t = Date.now()
    const call = api.finalize(ref).then(() => Date.now() - t)
    call.catch(() => undefined) // awaited below only where the record had no trace
    return call
  }
  const asked = new Map([...leaders].map(([group, i]) => [group, finalizeCall(refs[i]?.ref ?? '')]))
  const finalize = async (i: number, call = finalizeCall(refs[i]?.ref ?? '')): Promise<JsonRecord> => {
    const ms = await call
    finalized.count++
    finalized.ms = Math.max(finalized.ms, ms)
    const done = await readRecord(refs[i]?.ref ?? '')
    await fetchBlobs(done)
    return done
  }
  const found: JsonRecord[] = new Array<JsonRecord>(refs.length)
  const finalizedBy = new Map<string, JsonRecord>()
  await Promise.all(
    refs.map(async (r, i) => {
      let rec = await readRecord(r.ref)
      const reading = fetchBlobs(rec)
      if (leaders.get(groupOf(i)) === i && !rec['trace']) {
        rec = await finalize(i, asked.get(groupOf(i)))
        finalizedBy.set(groupOf(i), rec)
      }
      await reading
      found[i] = rec
    })
  )
  // The others without a trace take their group's; where BuildKit had written the first one's trace
  // itself (its spans may end sooner), the first of them still without one is finalized instead.
  const rest = new Map<string, number[]>()
  found.forEach((rec, i) => {
    if (rec['trace']) return
    const key = groupOf(i)
    const done = finalizedBy.get(key)
    if (done?.['trace']) found[i] = withTrace(rec, done['trace'])
    else rest.set(key, [...(rest.get(key) ?? []), i])
  })
  await Promise.all(
    [...rest.values()].map(async ([first, ...others]) => {
      const done = await finalize(first as number)
      found[first as number] = done
      if (done['trace']) for (const i of others) found[i] = withTrace(found[i] ?? {}, done['trace'])
    })
  )
  const records = found.map((record, i) => ({ ref: refs[i] as RecordRef, record, state: states[i] ?? {} }))
  const read = new Map<string, Buffer>()
  for (const [d, b] of blobs) read.set(d, await b)
  const blob = (d: string) => {
    const b = read.get(d)
    if (!b) throw new Error(`blob ${d} was not read`)
    return b
  }
  const defaultPlatform = await opts.defaultPlatform
  const bundled: BundleRecord[] = records.map(r => ({ record: r.record, defaultPlatform, ...r.state }))
  const each = new Map(bundled.map((b, i) => [refs[i]?.ref ?? '', bundleRecords([b], blob, cache)]))
  return { each, ...(bundled.length > 1 ? { all: bundleRecords(bundled, blob, cache) } : {}), finalized }
}

/** buildx's DefaultPlatform: the node's first platform, normalized (amd64's v1 and arm64's v8 are implied). */
export function defaultPlatformOf(platforms: readonly string[]): string {
  const fallback = `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`
  const p = (platforms[0] ?? fallback).trim()
  return p.replace(/^([^/]+\/amd64)\/v1$/, '$1').replace(/^([^/]+\/arm64)\/v8$/, '$1')
}
