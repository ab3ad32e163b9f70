// mode: plan, the first job of the reusable release workflow: which build job runs for which
// platform and target on which runner, and which merge job tags which index. Pure: the inputs are
// read through a reader, and a bake definition (as `bake --print` resolved it) is passed in.
import { InputError, messageOf } from '../errors.js'
import { parseReference } from '../registry/reference.js'
import { isPlatform, normalizePlatform } from '../oci/platform.js'
import { clip, parseList } from './lists.js'
import type { InputReader } from './settings.js'

/** A runner label, or a list of labels (a self-hosted runner's). */
export type RunnerLabel = string | string[]

export interface ReleaseInputs {
  /** the repository to push to, lowercased ('' with bake: each target's first tag names it) */
  image: string
  /** bare tags (1.2.3) or full references */
  tags: string[]
  platforms: string[]
  runners: Record<string, RunnerLabel>
  defaultRunner: string
  /** bake files and targets: build with bake, one index per target */
  files: string[]
  targets: string[]
  /** the folder bake runs in ('' for the working directory) */
  source: string
}

/** One build job of the matrix. */
export interface BuildJob {
  target: string
  platform: string
  runner: RunnerLabel
  repository: string
  /** the artifact that carries this job's digest to its merge job */
  artifact: string
}

/** One merge job: the digests of one target merged into one index, tagged. */
export interface MergeJob {
  target: string
  /** one per line, as the action's tags input */
  tags: string
  /** the artifact pattern of this target's build jobs */
  digests: string
  artifact: string
}

export interface ReleasePlan {
  matrix: { include: BuildJob[] }
  merges: { include: MergeJob[] }
  bake: boolean
}

/** The targets of a bake definition, as `bake --print` shows them (only their tags are read). */
export type BakeTargets = Record<string, { tags?: string[] }>

/** What `bake --print` writes: the targets asked for in group default, and every target it resolved. */
export interface BakePrint {
  group?: Record<string, { targets?: string[] }>
  target?: BakeTargets
}

/**
 * The targets to release: those asked for (bake --print lists them in its group default, groups
 * resolved), not the targets they only link as a `target:` context, which bake builds with them.
 */
export function requestedBakeTargets(printed: BakePrint): BakeTargets {
  const all = printed.target ?? {}
  const asked = printed.group?.['default']?.targets
  if (!asked) return all
  return Object.fromEntries(Object.entries(all).filter(([name]) => asked.includes(name)))
}

/** The plan mode's inputs: the names the reusable workflow gives, checked before anything runs. */
export function parseReleaseInputs(read: InputReader): ReleaseInputs {
  const files = parseList(read('files'), 'files')
  const targets = parseList(read('targets'), 'targets', { comma: true })
  for (const t of targets) {
    if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new InputError('targets', `${JSON.stringify(clip(t))} is not a bake target name`)
  }
  const bake = files.length > 0 || targets.length > 0
  const image = read('image').trim()
  if (bake && image) throw new InputError('image', "is not used with bake: each target's first tag names its repository")
  const tags = parseList(read('tags'), 'tags', { comma: true })
  const platforms = parsePlatformList(read('platforms'))
  const defaultRunner = read('default-runner').trim()
  if (!defaultRunner) throw new InputError('default-runner', 'the runner for platforms not in runners is required')
  return { image, tags, platforms, runners: parseRunners(read('runners')), defaultRunner, files, targets, source: read('source').trim() }
}

/** A JSON list (["linux/amd64"]) or a comma or newline separated list. */
export function parsePlatformList(text: string): string[] {
  const v = text.trim()
  let items: string[]
  if (v.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(v)
    } catch (e) {
      throw new InputError('platforms', `not a JSON list: ${messageOf(e)}`)
    }
    if (!Array.isArray(parsed) || !parsed.every(p => typeof p === 'string')) throw new InputError('platforms', 'not a JSON list of strings')
    items = parsed.map(p => p.trim()).filter(Boolean)
  } else {
    items = v
      .split(/[,\n]/)
      .map(p => p.trim())
      .filter(Boolean)
  }
  if (items.length === 0) throw new InputError('platforms', 'no platform given')
  for (const p of items) {
    if (!isPlatform(p))
      throw new InputError('platforms', `${JSON.stringify(clip(p))} is not a platform; expected os/arch[/variant], e.g. linux/amd64`)
  }
  if (new Set(items.map(normalizePlatform)).size !== items.length) throw new InputError('platforms', 'a platform is listed twice')
  return items
}

/** A JSON map of platform to a runner label or a list of labels; '' is no map. */
export function parseRunners(text: string): Record<string, RunnerLabel> {
  if (!text.trim()) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    throw new InputError('runners', `not a JSON map: ${messageOf(e)}`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InputError('runners', 'not a JSON map of platform to runner label')
  for (const [platform, label] of Object.entries(parsed)) {
    const ok =
      typeof label === 'string'
        ? label.trim() !== ''
        : Array.isArray(label) && label.length > 0 && label.every(l => typeof l === 'string' && l.trim())
    if (!ok) throw new InputError('runners', `${JSON.stringify(clip(platform))}: a runner label or a list of labels is expected`)
  }
  return parsed as Record<string, RunnerLabel>
}

/** ghcr.io/org/app:1.2 and ghcr.io/org/app@sha256:... -> ghcr.io/org/app */
function repositoryOf(ref: string, input: string): string {
  const parsed = parseReference(ref)
  if (!parsed) throw new InputError(input, `${JSON.stringify(clip(ref))} is not an image reference`)
  return parsed.name
}

const BARE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

/** The build and merge jobs; bake targets come from the definition `bake --print` resolved. */
export function planRelease(r: ReleaseInputs, bakeTargets?: BakeTargets): ReleasePlan {
  const bake = r.files.length > 0 || r.targets.length > 0
  let targets: Array<{ target: string; repository: string; tags: string[] }>
  if (bake) {
    if (!bakeTargets) throw new Error('internal: a bake plan needs the definition bake printed')
    targets = Object.entries(bakeTargets).map(([target, t]) => {
      const first = t.tags?.[0]
      if (!first)
        throw new InputError(
          r.files.length > 0 ? 'files' : 'targets',
          `bake target ${target} has no tags: its first tag names the repository to push to`
        )
      return { target, repository: repositoryOf(first, 'files'), tags: t.tags ?? [] }
    })
    if (targets.length === 0) throw new InputError('targets', 'bake: no target to build')
  } else {
    if (!r.image) throw new InputError('image', 'the repository to push to is required (or give bake files or targets)')
    const repository = repositoryOf(r.image.toLowerCase(), 'image')
    const tags = r.tags.map(t => {
      if (t.includes('/')) {
        repositoryOf(t, 'tags')
        return t
      }
      if (!BARE_TAG.test(t)) throw new InputError('tags', `${JSON.stringify(clip(t))} is not a tag`)
      return `${repository}:${t}`
    })
    if (tags.length === 0) throw new InputError('tags', 'at least one tag is needed for the merged index')
    targets = [{ target: 'default', repository, tags }]
  }
  const include = targets.flatMap((t, ti) =>
    r.platforms.map((platform, pi) => ({
      target: t.target,
      platform,
      runner: r.runners[platform] ?? r.defaultRunner,
      repository: t.repository,
      artifact: `digest-t${ti}-p${pi}`
    }))
  )
  const merges = targets.map((t, ti) => ({
    target: t.target,
    tags: t.tags.join('\n'),
    digests: `digest-t${ti}-*`,
    artifact: `index-t${ti}`
  }))
  return { matrix: { include }, merges: { include: merges }, bake }
}
