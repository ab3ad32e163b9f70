// What changed between a built image and the image it is compared with (compare-with): per
// platform, sizes and layers from the two manifests, base images from the base-image report, and
// the config fields a reviewer reads. Also the reviewer's one-line summary, the summary section
// and the max-size-increase check. Pure.
import type { BaseImage, ImageReport, LayerInfo, PlatformImage } from '../oci/types.js'
import type { ComparedImage, ConfigFacts } from '../oci/image-config.js'
import { normalizePlatform } from '../oci/platform.js'
import type { SizeLimit } from '../inputs/compare.js'
import { formatBytes, shortDigest } from './format.js'
import { escapeCell, escapeText, inlineCode } from './markdown.js'

export type BaseStatus = 'changed' | 'unchanged' | 'unknown'

export interface ConfigChange {
  field: 'entrypoint' | 'cmd' | 'env' | 'exposedPorts' | 'user' | 'labels'
  /** what was added / removed (env names, ports, label keys) or the value before and after */
  added?: string[]
  removed?: string[]
  changed?: string[]
  before?: unknown
  after?: unknown
}

/** The changes of one built platform. */
export interface PlatformChanges {
  compareWith: string
  /** the compared platform's manifest digest; '' when there is none */
  comparedDigest: string
  /** the built platform's manifest digest */
  digest: string
  /** false: nothing to compare this platform with (see note) */
  compared: boolean
  note?: string
  sizeBefore: number
  sizeAfter: number
  sizeDelta: number
  layers: { added: Array<{ digest: string; size: number }>; removed: Array<{ digest: string; size: number }>; kept: number }
  baseImage: BaseStatus
  /** undefined: a config was not read, so nothing is said about it */
  config?: ConfigChange[]
}

export interface TargetChanges {
  target: string
  compareWith: string
  /** set when the whole target has nothing to compare with */
  note?: string
  platforms: Record<string, PlatformChanges>
  /** platforms the compared image had that this build did not make */
  droppedPlatforms: string[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function setChange(field: ConfigChange['field'], before: string[], after: string[]): ConfigChange | undefined {
  const added = after.filter(x => !before.includes(x))
  const removed = before.filter(x => !after.includes(x))
  return added.length || removed.length ? { field, added, removed } : undefined
}

/** The reviewer's config changes, in a fixed order; [] when none. */
export function configChanges(before: ConfigFacts, after: ConfigFacts): ConfigChange[] {
  const out: ConfigChange[] = []
  for (const field of ['entrypoint', 'cmd'] as const) {
    if (!same(before[field], after[field])) out.push({ field, before: before[field], after: after[field] })
  }
  const env = setChange('env', before.env, after.env)
  if (env) out.push(env)
  const ports = setChange('exposedPorts', before.exposedPorts, after.exposedPorts)
  if (ports) out.push(ports)
  if (before.user !== after.user) out.push({ field: 'user', before: before.user, after: after.user })
  const keysBefore = Object.keys(before.labels).sort()
  const keysAfter = Object.keys(after.labels).sort()
  const labels = setChange('labels', keysBefore, keysAfter) ?? { field: 'labels' as const, added: [], removed: [] }
  const changed = keysAfter.filter(k => keysBefore.includes(k) && before.labels[k] !== after.labels[k])
  if (changed.length) labels.changed = changed
  if (labels.added?.length || labels.removed?.length || changed.length) out.push(labels)
  return out
}

/** Base image digests known for a platform ('' platform: all of them). */
function baseDigests(bases: BaseImage[], platform: string): string[] {
  const p = normalizePlatform(platform)
  const digests = bases.filter(b => b.digest && (b.platform === '' || normalizePlatform(b.platform) === p)).map(b => b.digest)
  return [...new Set(digests)].sort()
}

export function baseStatus(built: BaseImage[], compared: BaseImage[], platform: string): BaseStatus {
  const a = baseDigests(built, platform)
  const b = baseDigests(compared, platform)
  if (a.length === 0 || b.length === 0) return 'unknown'
  return same(a, b) ? 'unchanged' : 'changed'
}

function layerDiff(before: LayerInfo[], after: LayerInfo[]): PlatformChanges['layers'] {
  // Layers are matched by digest, as many times as each occurs (an image may repeat a layer).
  const left = [...before]
  const added: PlatformChanges['layers']['added'] = []
  let kept = 0
  for (const l of after) {
    const i = left.findIndex(b => b.digest === l.digest)
    if (i >= 0) {
      left.splice(i, 1)
      kept++
    } else added.push({ digest: l.digest, size: l.size })
  }
  return { added, removed: left.map(l => ({ digest: l.digest, size: l.size })), kept }
}

function uncompared(compareWith: string, p: PlatformImage, note: string): PlatformChanges {
  return {
    compareWith,
    comparedDigest: '',
    digest: p.digest,
    compared: false,
    note,
    sizeBefore: 0,
    sizeAfter: p.size,
    sizeDelta: 0,
    layers: { added: [], removed: [], kept: 0 },
    baseImage: 'unknown'
  }
}

/**
 * The changes of one built target against the image it is compared with, platform by platform.
 * `builtConfigs` are the built platforms' configs by platform, where they could be read.
 */
export function diffImages(
  built: ImageReport,
  compared: ComparedImage,
  builtConfigs: Record<string, ConfigFacts | undefined>
): TargetChanges {
  const ref = compared.reference
  const out: TargetChanges = { target: built.target, compareWith: ref, platforms: {}, droppedPlatforms: [] }
  if (compared.missing) out.note = compared.missing
  else if (built.platforms.length === 0) out.note = `the built image's manifests were not read: ${built.notes.join('; ') || 'no platforms'}`
  for (const p of built.platforms) {
    if (compared.missing) {
      out.platforms[p.platform] = uncompared(ref, p, compared.missing)
      continue
    }
    const before = compared.platforms.find(c => normalizePlatform(c.platform) === normalizePlatform(p.platform))
    if (!before) {
      out.platforms[p.platform] = uncompared(ref, p, `${ref} has no ${p.platform} image`)
      continue
    }
    if (!p.configDigest) {
      out.platforms[p.platform] = uncompared(ref, p, `the manifest of the built ${p.platform} image was not read`)
      continue
    }
    const changes: PlatformChanges = {
      compareWith: ref,
      comparedDigest: before.digest,
      digest: p.digest,
      compared: true,
      sizeBefore: before.size,
      sizeAfter: p.size,
      sizeDelta: p.size - before.size,
      layers: layerDiff(before.layers, p.layers),
      baseImage: baseStatus(built.baseImages, compared.baseImages, p.platform)
    }
    const after = builtConfigs[p.platform]
    if (before.config && after) changes.config = configChanges(before.config, after)
    out.platforms[p.platform] = changes
  }
  out.droppedPlatforms = compared.platforms
    .map(c => c.platform)
    .filter(c => !built.platforms.some(p => normalizePlatform(p.platform) === normalizePlatform(c)))
  return out
}

/** The `changes` output: target -> platform -> changes. */
export function changesOutput(changes: TargetChanges[]): string {
  return JSON.stringify(Object.fromEntries(changes.map(t => [t.target, t.platforms])))
}

// ---------------------------------------------------------------------------------------------
// Words

/** +212 KiB, -3.0 MiB, no size change */
export function signedBytes(n: number): string {
  if (n === 0) return 'no size change'
  return `${n > 0 ? '+' : '-'}${formatBytes(Math.abs(n))}`
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** "n" when every platform says the same, else "a to b". */
function range(values: number[], word: (n: number) => string): string {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return lo === hi ? word(lo) : `${word(lo)} to ${word(hi)}`
}

/** The line a reviewer reads first: "+212 KiB, 1 layer added, base image unchanged". */
export function summaryLine(t: TargetChanges): string {
  const all = Object.values(t.platforms)
  const done = all.filter(p => p.compared)
  if (done.length === 0) return t.note ?? all[0]?.note ?? `nothing to compare with ${t.compareWith}`
  const parts = [
    range(
      done.map(p => p.sizeDelta),
      signedBytes
    )
  ]
  const added = done.map(p => p.layers.added.length)
  const removed = done.map(p => p.layers.removed.length)
  if (Math.max(...added) > 0) parts.push(`${range(added, n => String(n))} ${Math.max(...added) === 1 ? 'layer' : 'layers'} added`)
  if (Math.max(...removed) > 0) parts.push(`${range(removed, n => String(n))} ${Math.max(...removed) === 1 ? 'layer' : 'layers'} removed`)
  if (Math.max(...added) === 0 && Math.max(...removed) === 0) parts.push('same layers')
  const bases = new Set(done.map(p => p.baseImage))
  parts.push(bases.has('changed') ? 'base image changed' : bases.has('unknown') ? 'base image not known' : 'base image unchanged')
  const fields = [...new Set(done.flatMap(p => (p.config ?? []).map(c => c.field)))]
  if (fields.length) parts.push(`${fields.join(', ')} changed`)
  const missing = all.length - done.length
  if (missing > 0) parts.push(`${plural(missing, 'platform')} not compared`)
  if (t.droppedPlatforms.length) parts.push(`${t.droppedPlatforms.join(', ')} no longer built`)
  return parts.join(', ')
}

function configWords(c: ConfigChange): string {
  const list = (label: string, xs: string[] | undefined) => (xs && xs.length ? `${label} ${xs.join(' ')}` : '')
  if (c.added || c.removed || c.changed) {
    return [list('+', c.added), list('-', c.removed), list('~', c.changed)].filter(Boolean).join(' ')
  }
  return `${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`
}

/** The job summary section: per target, the line, then a table per platform. */
export function renderChangesSummary(changes: TargetChanges[]): string {
  if (changes.length === 0) return ''
  const out = ['### Changes', '']
  for (const t of changes) {
    out.push(
      `**${escapeText(t.target)}** against ${inlineCode(t.compareWith) || escapeText('(nothing)')}: ${escapeText(summaryLine(t))}`,
      ''
    )
    const rows = Object.entries(t.platforms)
    if (rows.length === 0) continue
    out.push('| platform | compared | before | after | change | layers added | removed | kept | base image | config |')
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for (const [platform, p] of rows) {
      if (!p.compared) {
        out.push(`| ${inlineCode(platform, true)} | ${escapeCell(p.note ?? 'not compared')} | | ${formatBytes(p.sizeAfter)} | | | | | | |`)
        continue
      }
      const config =
        p.config === undefined ? 'not read' : p.config.length === 0 ? 'same' : p.config.map(c => `${c.field} ${configWords(c)}`).join('; ')
      out.push(
        `| ${inlineCode(platform, true)} | ${inlineCode(shortDigest(p.comparedDigest), true)} | ${formatBytes(p.sizeBefore)} | ${formatBytes(p.sizeAfter)} | ${escapeCell(signedBytes(p.sizeDelta))} | ${p.layers.added.length} (${formatBytes(p.layers.added.reduce((n, l) => n + l.size, 0))}) | ${p.layers.removed.length} (${formatBytes(p.layers.removed.reduce((n, l) => n + l.size, 0))}) | ${p.layers.kept} | ${p.baseImage} | ${escapeCell(config)} |`
      )
    }
    out.push('')
  }
  return out.join('\n')
}

// ---------------------------------------------------------------------------------------------
// max-size-increase

/** Each platform that grew by more than the limit, in words naming the input; [] when none did. */
export function sizeLimitViolations(changes: TargetChanges[], limit: SizeLimit): string[] {
  const out: string[] = []
  for (const t of changes) {
    for (const [platform, p] of Object.entries(t.platforms)) {
      if (!p.compared || p.sizeDelta <= 0) continue
      const over =
        limit.kind === 'bytes' ? p.sizeDelta > limit.bytes : p.sizeBefore === 0 || (p.sizeDelta * 100) / p.sizeBefore > limit.percent
      if (!over) continue
      const pct = p.sizeBefore > 0 ? ` (${((p.sizeDelta * 100) / p.sizeBefore).toFixed(1)}%)` : ''
      out.push(
        `max-size-increase: ${platform} of ${t.target} grew by ${formatBytes(p.sizeDelta)}${pct}, from ${formatBytes(p.sizeBefore)} (${t.compareWith}) to ${formatBytes(p.sizeAfter)}; the limit is ${limit.text}`
      )
    }
  }
  return out
}
