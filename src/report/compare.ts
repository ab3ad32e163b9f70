// compare-with: reads what each built image is compared with and its own configs, and diffs them
// (report/changes.ts decides). Before a push, the tags' current digests are read so that the
// default compares with what the tags were, not with what this step made them.
import * as core from '../runner/commands.js'
import type { BuildResult } from '../buildx/results.js'
import { runBuildx } from '../buildx/buildx.js'
import { dialBuilderBuildKit, type BuildKitApi } from '../buildx/buildkit-api.js'
import { historyAttachmentArgs } from '../buildx/args.js'
import { compareReference, type CompareSettings } from '../inputs/compare.js'
import type { Combination } from '../inputs/matrix.js'
import { configFacts, type ComparedImage, type ConfigFacts } from '../oci/image-config.js'
import type { ImageReport } from '../oci/types.js'
import { currentDigest, readComparedImage } from '../registry/compare.js'
import { registryReader } from '../registry/client.js'
import { parseReference } from '../registry/reference.js'
import { diffImages, type TargetChanges } from './changes.js'
import { ociFetch, type ReportDeps } from './collect.js'
import { readSource } from './shape.js'
import { messageOf } from '../errors.js'

/** What each tag was before the push: a digest, '' (no such tag), or why it could not be read. */
export type PreviousTags = Map<string, { digest: string } | { why: string }>

/** Reads the current digest of every tag (before the push moves them); all at once. */
export async function readPreviousTags(tags: string[]): Promise<PreviousTags> {
  const unique = [...new Set(tags)]
  const found = await Promise.all(unique.map(t => currentDigest(t)))
  return new Map(unique.map((t, i) => [t, found[i] ?? { why: 'not read' }]))
}

/** Where one built target is compared: a reference, or why there is none. */
function compareTarget(
  s: CompareSettings,
  r: ImageReport,
  axes: Record<string, Combination>,
  previous: PreviousTags | undefined
): { reference: string } | { reference: string; missing: string } {
  if (s.compareWith) return { reference: compareReference(s.compareWith, r.target, axes[r.target] ?? {}) }
  const tags = r.tags.filter(t => t.trim())
  if (!previous || tags.length === 0) return { reference: '', missing: 'no tag was read before the push: give compare-with' }
  const unread = tags.filter(t => !previous.has(t))
  if (unread.length === tags.length)
    return {
      reference: tags[0] ?? '',
      missing: `its tags were not read before the push (a bake's tags are known after it): give compare-with`
    }
  for (const t of tags) {
    const before = previous.get(t)
    if (before && 'digest' in before && before.digest) {
      const name = parseReference(t)?.name ?? t
      return { reference: `${name}@${before.digest}` }
    }
  }
  const why = tags.map(t => previous.get(t)).find((b): b is { why: string } => b !== undefined && 'why' in b)
  if (why) return { reference: tags[0] ?? '', missing: `${tags[0]} could not be read before the push: ${why.why}` }
  return {
    reference: tags[0] ?? '',
    missing: `${tags.join(', ')} did not exist before this push: nothing to compare with (a first release?)`
  }
}

/** Reads configs of one built image from where its manifests were read (never its layers). */
function configReader(
  r: ImageReport,
  result: BuildResult | undefined,
  deps: ReportDeps | undefined,
  buildkit: () => Promise<BuildKitApi | undefined>
) {
  if (!result) return undefined
  const from = readSource(result, deps?.caps ?? { buildxVersion: '', historyAttachments: false })
  if (r.source === 'registry' && from.source === 'registry') {
    const reader = registryReader(from.repo)
    return (digest: string) => reader.blob(digest)
  }
  if (r.source === 'oci-layout') {
    const oci = result.exports.find(e => e.type === 'oci')
    if (!oci) return undefined
    const { fetch } = ociFetch(oci.dest)
    return (digest: string) => fetch(digest)
  }
  if (r.source === 'build-record' && deps) {
    return async (digest: string) => {
      const api = await buildkit()
      if (api) return (await api.read(digest)).toString('utf8')
      if (from.source !== 'build-record') throw new Error('no build record')
      const out = await runBuildx(deps.bx, historyAttachmentArgs(deps.builder, from.ref, { digest }))
      if (out.code !== 0) throw new Error(out.stderr.trim() || 'buildx could not read the config')
      return out.stdout
    }
  }
  return undefined
}

/**
 * Every built target compared with its image. `axes`: a matrix's combinations by target name;
 * `previous`: the tags as they were before the push (the default without compare-with).
 */
export async function compareReports(
  s: CompareSettings,
  reports: ImageReport[],
  results: BuildResult[],
  axes: Record<string, Combination>,
  previous: PreviousTags | undefined,
  deps: ReportDeps | undefined
): Promise<TargetChanges[]> {
  const images = new Map<string, Promise<ComparedImage>>()
  let dialled: Promise<BuildKitApi | undefined> | undefined
  const buildkit = () =>
    (dialled ??= deps ? dialBuilderBuildKit(deps.caps.driver, deps.builder).catch(() => undefined) : Promise.resolve(undefined))
  try {
    return await Promise.all(
      reports.map(async r => {
        const at = compareTarget(s, r, axes, previous)
        let compared: ComparedImage
        if ('missing' in at) {
          compared = { reference: at.reference, digest: '', platforms: [], baseImages: [], missing: at.missing }
        } else {
          let read = images.get(at.reference)
          if (!read) images.set(at.reference, (read = readComparedImage(at.reference)))
          compared = await read
        }
        const configs: Record<string, ConfigFacts | undefined> = {}
        const read = compared.missing
          ? undefined
          : configReader(
              r,
              results.find(x => x.target === r.target),
              deps,
              buildkit
            )
        if (read) {
          await Promise.all(
            r.platforms.map(async p => {
              if (!p.configDigest) return
              try {
                configs[p.platform] = configFacts(await read(p.configDigest))
              } catch (e) {
                core.info(`${r.target}: the config of ${p.platform} could not be read (${messageOf(e)}): its config changes are not said`)
              }
            })
          )
        }
        return diffImages(r, compared, configs)
      })
    )
  } finally {
    void dialled?.then(api => api?.close())
  }
}
