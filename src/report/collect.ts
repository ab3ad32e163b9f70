// Reads back what was built — manifests only, never layers — from the cheapest source that has it:
// the registry when pushed, the builder's build record when buildx can read it, the OCI layout
// when exported, and the Docker daemon's image store when loaded.
import * as core from '../runner/commands.js'
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BuildResult } from '../buildx/results.js'
import { isTransientRegistryError, withRetry } from '../registry/retry.js'
import { type Buildx, runBuildx } from '../buildx/buildx.js'
import { type BuildKitApi, dialBuilderBuildKit } from '../buildx/buildkit-api.js'
import { recordFigures } from '../buildx/protobuf.js'
import { historyAttachmentArgs, historyInspectArgs, imagetoolsInspectArgs } from '../buildx/args.js'
import { lastOutputLine } from '../process/exec.js'
import type { Capabilities } from '../inputs/parse.js'
import { addBaseImage, withPlatform } from '../oci/base-images.js'
import { buildReport, isIndex, parseManifestJson, splitIndex } from '../oci/manifests.js'
import { platformString } from '../oci/platform.js'
import { baseImagesFromImagetools, baseImagesFromMetadata, baseImagesFromProvenance, provenanceLayers } from '../oci/provenance.js'
import { registryReader } from '../registry/client.js'
import { RegistryContentRefused, RegistryUnreachable, messageOf } from '../errors.js'
import { indexTarEntries, type TarEntry } from '../oci/tar.js'
import type { BaseImage, ImageManifest, ImageReport, MetadataSource } from '../oci/types.js'
import { limiter, mapBounded } from './bounded.js'
import { reportOutputs } from './outputs.js'
import { ociBlobPath, ociLayoutRoot, parseBuildRecord, readSource, recordRef, unreadReport } from './shape.js'

export interface ReportDeps {
  bx: Buildx
  caps: Capabilities
  builder: string
}

/** How many targets are read back at once, and how many buildx processes run at once where buildx must read. */
const TARGETS_AT_ONCE = 8
const PROCESSES_AT_ONCE = 4

/**
 * What every target's read-back shares: one connection to the builder's BuildKit (the daemon's own
 * builder only), one registry client per repository (its token kept), and a bound on buildx
 * processes where buildx must do the reading.
 */
interface Shared {
  buildkit: () => Promise<BuildKitApi | undefined>
  registry: (repo: string) => ReturnType<typeof registryReader>
  process: <R>(fn: () => Promise<R>) => Promise<R>
  close: () => void
}

function sharedReads(deps: ReportDeps): Shared {
  let dialled: Promise<BuildKitApi | undefined> | undefined
  const readers = new Map<string, ReturnType<typeof registryReader>>()
  const buildkit = () =>
    (dialled ??= (async () => {
      try {
        return await dialBuilderBuildKit(deps.caps.driver, deps.builder)
      } catch (e) {
        core.info(`reading build records through buildx (BuildKit's API: ${messageOf(e)})`)
        return undefined
      }
    })())
  return {
    buildkit,
    registry: repo => {
      let r = readers.get(repo)
      if (!r) readers.set(repo, (r = registryReader(repo)))
      return r
    },
    process: limiter(PROCESSES_AT_ONCE),
    close: () => {
      void dialled?.then(api => api?.close())
    }
  }
}

/** Fetches one manifest blob by digest from wherever the image lives. */
type Fetch = (digest: string, platform?: string) => Promise<string>

interface ReadBack {
  report: ImageReport
  /** the manifests read, by digest (attestation manifests included) */
  manifests: Map<string, ImageManifest>
}

async function readAll(
  target: string,
  tags: string[],
  rootDigest: string,
  source: MetadataSource,
  fetch: Fetch,
  rootText?: string
): Promise<ReadBack> {
  let bytesRead = 0
  const get = async (digest: string, platform?: string) => {
    const text = await fetch(digest, platform)
    bytesRead += Buffer.byteLength(text)
    return text
  }
  const root = parseManifestJson(rootText ?? (await get(rootDigest)), `${target} ${rootDigest}`)
  if (rootText) bytesRead += Buffer.byteLength(rootText)
  const manifests = new Map<string, ImageManifest>()
  if (isIndex(root)) {
    const { images, attestations } = splitIndex(root)
    // Independent reads: all at once.
    await Promise.all(
      [...images, ...attestations].map(async d => {
        try {
          const m = parseManifestJson(await get(d.digest, platformString(d.platform) || undefined), d.digest)
          if (!isIndex(m)) manifests.set(d.digest, m)
        } catch (e) {
          if (e instanceof RegistryContentRefused) throw e
          core.warning(`${target}: cannot read manifest ${d.digest}: ${messageOf(e)}`)
        }
      })
    )
  }
  return { report: buildReport({ target, tags, rootDigest, root, manifests, source, bytesRead }), manifests }
}

function registryFetch(deps: ReportDeps, shared: Shared, repo: string): Fetch {
  const http = shared.registry(repo).manifest
  let viaHttp = true
  // Manifest reads are idempotent: a transient registry failure is retried with bounded backoff.
  const imagetools = (digest: string) =>
    withRetry(
      async () => {
        const r = await shared.process(() => runBuildx(deps.bx, imagetoolsInspectArgs(`${repo}@${digest}`, { raw: true })))
        if (r.code !== 0) throw new Error(lastOutputLine(r))
        return r.stdout
      },
      `reading ${repo}@${digest}`,
      4,
      500,
      isTransientRegistryError
    )
  return async digest => {
    if (viaHttp) {
      try {
        return await withRetry(
          () => http(digest),
          `reading ${repo}@${digest}`,
          4,
          500,
          e => !(e instanceof RegistryUnreachable) && !(e instanceof RegistryContentRefused) && isTransientRegistryError(e)
        )
      } catch (e) {
        // other bytes than the digest names, or too many: asking buildx instead would hide it
        if (e instanceof RegistryContentRefused) throw e
        // Credential helpers, proxies, TLS set up for the docker CLI only: buildx knows how to get there.
        viaHttp = false
        core.info(`reading manifests through buildx imagetools (${messageOf(e)})`)
      }
    }
    return imagetools(digest)
  }
}

function historyFetch(deps: ReportDeps, shared: Shared, ref: string, rootDigest: string): Fetch {
  return async (digest, platform) => {
    // The content store holds the build record's manifests by digest: read them straight from it.
    const api = await shared.buildkit()
    if (api) {
      try {
        return (await api.read(digest)).toString('utf8')
      } catch {
        // buildx below reads the same blob its own way
      }
    }
    const select = digest === rootDigest ? { index: true as const } : platform && platform !== 'unknown/unknown' ? { platform } : { digest }
    const args = historyAttachmentArgs(deps.builder, ref, select)
    let r = await shared.process(() => runBuildx(deps.bx, args))
    if (r.code !== 0 && digest !== rootDigest) {
      // Attestation manifests have no platform of their own: ask for them by digest.
      r = await shared.process(() => runBuildx(deps.bx, historyAttachmentArgs(deps.builder, ref, { digest })))
    }
    if (r.code !== 0) throw new Error(lastOutputLine(r))
    return r.stdout
  }
}

/** Largest manifest or index blob read from a tarball (a manifest is a few KiB; layers are not asked for). */
const MAX_MANIFEST_BYTES = 4 << 20

function ociTarReader(dest: string): (p: string) => string | undefined {
  const fd = openSync(dest, 'r')
  const readAt = (offset: number, length: number) => {
    const buf = Buffer.alloc(length)
    let done = 0
    while (done < length) {
      const n = readSync(fd, buf, done, length - done, offset + done)
      if (n === 0) break
      done += n
    }
    return buf.subarray(0, done)
  }
  let entries: Map<string, TarEntry>
  try {
    entries = indexTarEntries(readAt, fstatSync(fd).size, name => name === 'index.json' || name.startsWith('blobs/'))
  } catch (e) {
    closeSync(fd)
    throw e
  }
  // The reads happen while the report is made; the descriptor closes when the process ends.
  return p => {
    const e = entries.get(p)
    if (!e) return undefined
    if (e.size > MAX_MANIFEST_BYTES) throw new Error(`${dest}: ${p} is ${e.size} bytes, too large for a manifest`)
    return readAt(e.offset, e.size).toString('utf8')
  }
}

export function ociFetch(dest: string): { fetch: Fetch; root: string } {
  let read: (p: string) => string | undefined
  if (existsSync(dest) && statSync(dest).isDirectory()) {
    read = p => (existsSync(path.join(dest, p)) ? readFileSync(path.join(dest, p), 'utf8') : undefined)
  } else {
    // An OCI tarball holds the layers too: only headers are read to find index.json and the
    // manifests, then those entries alone, never the whole file.
    read = ociTarReader(dest)
  }
  const root = ociLayoutRoot(read('index.json'), dest)
  const blob = (d: string) => {
    const text = read(ociBlobPath(d))
    if (text === undefined) throw new Error(`${dest} lacks blob ${d}`)
    return text
  }
  return { fetch: async d => blob(d), root }
}

async function reportFor(r: BuildResult, deps: ReportDeps, shared: Shared): Promise<ImageReport> {
  const from = readSource(r, deps.caps)
  const ref = recordRef(r.metadata)
  // Independent reads start together: the build record's figures and the pushed provenance
  // (materials, for base images) while the manifests are read.
  const record = ref && deps.caps.historyAttachments ? readBuildRecord(deps, shared, ref) : undefined
  let bases = baseImagesFromMetadata(r.metadata)

  let report: ImageReport
  if (from.source === 'registry') {
    const back = await readAll(r.target, r.tags, r.digest, 'registry', registryFetch(deps, shared, from.repo))
    report = back.report
    if (bases.length === 0 && report.attestations.length > 0) bases = await pushedProvenanceBases(deps, shared, from.repo, r.digest, back)
  } else if (from.source === 'oci-layout') {
    const { fetch, root } = ociFetch(from.dest)
    report = (await readAll(r.target, r.tags, root, 'oci-layout', fetch)).report
  } else if (from.source === 'build-record') {
    report = (await readAll(r.target, r.tags, r.digest, 'build-record', historyFetch(deps, shared, from.ref, r.digest))).report
  } else {
    report = unreadReport(r, from.note)
  }
  Object.assign(report, (await record) ?? {})
  for (const b of bases) addBaseImage(report.baseImages, b)
  return report
}

/**
 * Base images from the pushed provenance attestations: their SLSA statements are small blobs read
 * over HTTP (buildx imagetools where the registry cannot be read directly).
 */
async function pushedProvenanceBases(deps: ReportDeps, shared: Shared, repo: string, digest: string, back: ReadBack): Promise<BaseImage[]> {
  const report = back.report
  try {
    const blob = shared.registry(repo).blob
    const found: BaseImage[] = []
    await Promise.all(
      report.attestations.flatMap(a =>
        provenanceLayers(back.manifests.get(a.digest)).map(async l => {
          const text = await blob(l.digest)
          report.bytesRead += Buffer.byteLength(text)
          for (const b of baseImagesFromProvenance(JSON.parse(text))) found.push(withPlatform(b, a.platform))
        })
      )
    )
    return found
  } catch (e) {
    if (e instanceof RegistryContentRefused) throw e
    const prov = await shared.process(() =>
      runBuildx(deps.bx, imagetoolsInspectArgs(`${repo}@${digest}`, { format: '{{json .Provenance}}' }))
    )
    if (prov.code !== 0 || !prov.stdout.trim()) return []
    report.bytesRead += Buffer.byteLength(prov.stdout)
    try {
      return baseImagesFromImagetools(JSON.parse(prov.stdout))
    } catch {
      report.notes.push('the provenance attestation could not be read as JSON')
      return []
    }
  }
}

/** Duration and cache use from the builder's build record (buildx >= 0.23). */
async function readBuildRecord(deps: ReportDeps, shared: Shared, ref: string): Promise<Pick<ImageReport, 'durationMs' | 'steps'>> {
  const api = await shared.buildkit()
  if (api) {
    try {
      const rec = await api.record(ref)
      return rec ? recordFigures(rec) : {}
    } catch {
      // buildx below reads the same record
    }
  }
  const r = await shared.process(() => runBuildx(deps.bx, historyInspectArgs(deps.builder, ref)))
  return r.code === 0 ? parseBuildRecord(r.stdout) : {}
}

/**
 * Reads back every result, several targets at once over shared connections; the log names them
 * in the results' order.
 */
export async function collectReports(results: BuildResult[], deps: ReportDeps): Promise<ImageReport[]> {
  const shared = sharedReads(deps)
  try {
    const outcomes = await mapBounded(results, TARGETS_AT_ONCE, async (r): Promise<{ report: ImageReport } | { error: Error }> => {
      try {
        return { report: await reportFor(r, deps, shared) }
      } catch (e) {
        return { error: e as Error }
      }
    })
    // A registry that serves other content than what was pushed (or a manifest too large to be
    // one) fails the step: what it reports, and what would be signed, cannot be trusted.
    const refused = outcomes.find((o): o is { error: RegistryContentRefused } => 'error' in o && o.error instanceof RegistryContentRefused)
    if (refused) throw refused.error
    return outcomes.map((o, i) => {
      const r = results[i] as BuildResult
      if ('report' in o) {
        const report = o.report
        core.info(
          `${r.target}: ${report.platforms.length} platform(s), ${report.attestations.length} attestation(s) from ${report.source} (${report.bytesRead} bytes read)`
        )
        return report
      }
      core.warning(`${r.target}: could not read what was built: ${o.error.message}`)
      return unreadReport(r, `metadata unavailable: ${o.error.message}`)
    })
  } finally {
    shared.close()
  }
}

export function setReportOutputs(reports: ImageReport[]): void {
  for (const [k, v] of Object.entries(reportOutputs(reports))) core.setOutput(k, v)
}
