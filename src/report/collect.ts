// Reads back what was built — manifests only, never layers — from the cheapest source that has it:
// the registry when pushed, the builder's build record when buildx can read it, the OCI layout
// when exported, and the engine's image store when loaded.
import * as core from '../runner/commands.js'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BuildResult } from '../buildx/results.js'
import { isTransientRegistryError, withRetry } from '../registry/retry.js'
import { type Buildx, runBuildx } from '../buildx/buildx.js'
import { historyAttachmentArgs, historyInspectArgs, imagetoolsInspectArgs } from '../buildx/args.js'
import { lastOutputLine } from '../process/exec.js'
import type { Capabilities } from '../inputs/parse.js'
import {
  baseImagesFromImagetools,
  baseImagesFromMetadata,
  baseImagesFromProvenance,
  buildReport,
  isIndex,
  parseManifestJson,
  splitIndex
} from '../oci/manifests.js'
import { parseReference } from '../registry/reference.js'
import { registryReader } from '../registry/client.js'
import { RegistryUnreachable } from '../errors.js'
import { readTarEntries } from '../oci/tar.js'
import type { BaseImage, ImageIndex, ImageManifest, ImageReport, MetadataSource } from '../oci/types.js'

export interface ReportDeps {
  bx: Buildx
  caps: Capabilities
  builder: string
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
        const platform = d.platform
          ? `${d.platform.os}/${d.platform.architecture}${d.platform.variant ? `/${d.platform.variant}` : ''}`
          : undefined
        try {
          const m = parseManifestJson(await get(d.digest, platform), d.digest)
          if (!isIndex(m)) manifests.set(d.digest, m)
        } catch (e) {
          core.warning(`${target}: cannot read manifest ${d.digest}: ${(e as Error).message}`)
        }
      })
    )
  }
  return { report: buildReport({ target, tags, rootDigest, root, manifests, source, bytesRead }), manifests }
}

function registryFetch(deps: ReportDeps, repo: string): Fetch {
  const http = registryReader(repo).manifest
  let viaHttp = true
  // Manifest reads are idempotent: a transient registry failure is retried with bounded backoff.
  const imagetools = (digest: string) =>
    withRetry(
      async () => {
        const r = await runBuildx(deps.bx, imagetoolsInspectArgs(`${repo}@${digest}`, { raw: true }))
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
          e => !(e instanceof RegistryUnreachable) && isTransientRegistryError(e)
        )
      } catch (e) {
        // Credential helpers, proxies, TLS set up for the docker CLI only: buildx knows how to get there.
        viaHttp = false
        core.info(`reading manifests through buildx imagetools (${(e as Error).message})`)
      }
    }
    return imagetools(digest)
  }
}

/** The build record's ref: metadata `buildx.build.ref` is builder/node/ref. */
function recordRef(metadata: Record<string, unknown>): string {
  const ref = typeof metadata['buildx.build.ref'] === 'string' ? metadata['buildx.build.ref'] : ''
  return ref.split('/').pop() ?? ''
}

function historyFetch(deps: ReportDeps, ref: string, rootDigest: string): Fetch {
  return async (digest, platform) => {
    const select = digest === rootDigest ? { index: true as const } : platform && platform !== 'unknown/unknown' ? { platform } : { digest }
    const args = historyAttachmentArgs(deps.builder, ref, select)
    let r = await runBuildx(deps.bx, args)
    if (r.code !== 0 && digest !== rootDigest) {
      // Attestation manifests have no platform of their own: ask for them by digest.
      r = await runBuildx(deps.bx, historyAttachmentArgs(deps.builder, ref, { digest }))
    }
    if (r.code !== 0) throw new Error(lastOutputLine(r))
    return r.stdout
  }
}

function ociFetch(dest: string): { fetch: Fetch; root: string } {
  let read: (p: string) => string | undefined
  if (existsSync(dest) && statSync(dest).isDirectory()) {
    read = p => (existsSync(path.join(dest, p)) ? readFileSync(path.join(dest, p), 'utf8') : undefined)
  } else {
    const entries = readTarEntries(readFileSync(dest), name => name === 'index.json' || name.startsWith('blobs/'))
    read = p => entries.get(p)?.toString('utf8')
  }
  const indexJson = read('index.json')
  if (!indexJson) throw new Error(`${dest} has no index.json`)
  const layoutIndex = JSON.parse(indexJson) as ImageIndex
  // The layout's index.json points at the image's own index or manifest.
  const top = layoutIndex.manifests[0]
  if (!top) throw new Error(`${dest}: index.json lists no image`)
  const blob = (d: string) => {
    const text = read(`blobs/${d.replace(':', '/')}`)
    if (text === undefined) throw new Error(`${dest} lacks blob ${d}`)
    return text
  }
  return { fetch: async d => blob(d), root: top.digest }
}

function none(r: BuildResult, note: string): ImageReport {
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

export async function reportFor(r: BuildResult, deps: ReportDeps): Promise<ImageReport> {
  const repo =
    parseReference(r.tags[0] ?? '')?.name ??
    (typeof r.metadata['image.name'] === 'string' ? parseReference(String(r.metadata['image.name']).split(',')[0] ?? '')?.name : undefined)
  const ref = recordRef(r.metadata)
  const oci = r.exports.find(e => e.type === 'oci')
  const pushed = Boolean(r.pushed && r.digest && repo)
  // Independent reads start together: the build record's figures and the pushed provenance
  // (materials, for base images) while the manifests are read.
  const record = ref && deps.caps.historyAttachments ? readBuildRecord(deps, ref) : undefined
  let bases = baseImagesFromMetadata(r.metadata)

  let report: ImageReport
  if (pushed && repo) {
    const back = await readAll(r.target, r.tags, r.digest, 'registry', registryFetch(deps, repo))
    report = back.report
    if (bases.length === 0 && report.attestations.length > 0) bases = await pushedProvenanceBases(deps, repo, r.digest, back)
  } else if (oci) {
    const { fetch, root } = ociFetch(oci.dest)
    report = (await readAll(r.target, r.tags, root, 'oci-layout', fetch)).report
  } else if (r.digest && ref && deps.caps.historyAttachments) {
    report = (await readAll(r.target, r.tags, r.digest, 'build-record', historyFetch(deps, ref, r.digest))).report
  } else if (!r.digest) {
    report = none(r, 'buildx reported no image digest (the exporter wrote files, not an image)')
  } else {
    report = none(
      r,
      `buildx ${deps.caps.buildxVersion} cannot read build records (needs 0.23 or later), and the image was neither pushed nor exported as OCI: only the digest is known. Push, export with outputs: type=oci, or use a newer buildx for layer metadata.`
    )
  }
  Object.assign(report, (await record) ?? {})
  for (const b of bases) {
    if (!report.baseImages.some(x => x.name === b.name && x.digest === b.digest && x.platform === b.platform)) report.baseImages.push(b)
  }
  return report
}

/**
 * Base images from the pushed provenance attestations: their SLSA statements are small blobs read
 * over HTTP (buildx imagetools where the registry cannot be read directly).
 */
async function pushedProvenanceBases(deps: ReportDeps, repo: string, digest: string, back: ReadBack): Promise<BaseImage[]> {
  const report = back.report
  try {
    const blob = registryReader(repo).blob
    const found: BaseImage[] = []
    await Promise.all(
      report.attestations.flatMap(a =>
        (back.manifests.get(a.digest)?.layers ?? [])
          .filter(l => (l.annotations?.['in-toto.io/predicate-type'] ?? '').startsWith('https://slsa.dev/provenance/'))
          .map(async l => {
            const text = await blob(l.digest)
            report.bytesRead += Buffer.byteLength(text)
            for (const b of baseImagesFromProvenance(JSON.parse(text)))
              found.push(b.platform || !a.platform ? b : { ...b, platform: a.platform })
          })
      )
    )
    return found
  } catch {
    const prov = await runBuildx(deps.bx, imagetoolsInspectArgs(`${repo}@${digest}`, { format: '{{json .Provenance}}' }))
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
async function readBuildRecord(deps: ReportDeps, ref: string): Promise<Pick<ImageReport, 'durationMs' | 'steps'>> {
  const r = await runBuildx(deps.bx, historyInspectArgs(deps.builder, ref))
  if (r.code !== 0) return {}
  try {
    const rec = JSON.parse(r.stdout) as { Duration?: number; NumTotalSteps?: number; NumCachedSteps?: number }
    return {
      ...(typeof rec.Duration === 'number' ? { durationMs: Math.round(rec.Duration / 1e6) } : {}),
      ...(typeof rec.NumTotalSteps === 'number' ? { steps: { total: rec.NumTotalSteps, cached: rec.NumCachedSteps ?? 0 } } : {})
    }
  } catch {
    // an unreadable record only leaves duration and cache use out
    return {}
  }
}

export async function collectReports(results: BuildResult[], deps: ReportDeps): Promise<ImageReport[]> {
  const reports: ImageReport[] = []
  for (const r of results) {
    try {
      const report = await reportFor(r, deps)
      core.info(
        `${r.target}: ${report.platforms.length} platform(s), ${report.attestations.length} attestation(s) from ${report.source} (${report.bytesRead} bytes read)`
      )
      reports.push(report)
    } catch (e) {
      core.warning(`${r.target}: could not read what was built: ${(e as Error).message}`)
      reports.push(none(r, `metadata unavailable: ${(e as Error).message}`))
    }
  }
  return reports
}

/** Output JSON shapes, per target. */
export function reportOutputs(reports: ImageReport[]): Record<string, string> {
  const manifests = Object.fromEntries(
    reports.map(r => [
      r.target,
      {
        digest: r.digest,
        mediaType: r.mediaType,
        tags: r.tags,
        source: r.source,
        platforms: r.platforms.map(p => ({ platform: p.platform, digest: p.digest, configDigest: p.configDigest, size: p.size })),
        attestations: r.attestations,
        ...(r.steps ? { build: { durationMs: r.durationMs ?? 0, steps: r.steps.total, cachedSteps: r.steps.cached } } : {})
      }
    ])
  )
  const layers = Object.fromEntries(
    reports.map(r => [
      r.target,
      Object.fromEntries(r.platforms.map(p => [p.platform, { layers: p.layers, lastLayerDigest: p.lastLayerDigest, size: p.size }]))
    ])
  )
  const baseImages = Object.fromEntries(reports.map(r => [r.target, r.baseImages]))
  const only = reports.length === 1 ? reports[0] : undefined
  const lastLayer = only && only.platforms.length === 1 ? (only.platforms[0]?.lastLayerDigest ?? '') : ''
  return {
    manifests: JSON.stringify(manifests),
    layers: JSON.stringify(layers),
    'base-images': JSON.stringify(baseImages),
    'last-layer-digest': lastLayer,
    platforms: JSON.stringify(Object.fromEntries(reports.map(r => [r.target, r.platforms.map(p => p.platform)])))
  }
}

export function setReportOutputs(reports: ImageReport[]): void {
  for (const [k, v] of Object.entries(reportOutputs(reports))) core.setOutput(k, v)
}
