// Build records: which build records a run leaves (one per build: a single build, each platform of
// a split, each bake or matrix target), what their exported files are named, and the
// `build-records` output. Pure.
import type { BuildResult } from './results.js'
import { versionAtLeast } from './version.js'

/** One build's record, from its metadata's `buildx.build.ref` (builder/node/ref). */
export interface RecordRef {
  /** the target as the other per-target outputs name it (`default` for a single build) */
  target: string
  builder: string
  /** the builder's node that ran it (empty when unknown) */
  node: string
  ref: string
}

/** The buildx that can export build records (`buildx history export`). */
export const RECORD_EXPORT_MIN_BUILDX = '0.23.0'

/** Whether this buildx exports records, and whether it can wait for them to be final. */
export function recordExport(buildxVersion: string): { supported: boolean; finalize: boolean } {
  return { supported: versionAtLeast(buildxVersion, RECORD_EXPORT_MIN_BUILDX), finalize: versionAtLeast(buildxVersion, '0.24.0') }
}

function refOf(target: string, metadata: Record<string, unknown>): RecordRef[] {
  const full = metadata['buildx.build.ref']
  if (typeof full !== 'string') return []
  const parts = full.split('/')
  if (parts.length !== 3 || !parts[0] || !parts[2]) return []
  return [{ target, builder: parts[0], node: parts[1] ?? '', ref: parts[2] }]
}

/** Every build's record ref, in the results' order; a platform split's are its platforms' builds. */
export function recordRefs(results: readonly BuildResult[]): RecordRef[] {
  const seen = new Set<string>()
  return results
    .flatMap(r => (r.builds ? r.builds.flatMap(b => refOf(b.target, b.metadata)) : refOf(r.target, r.metadata)))
    .filter(r => (seen.has(r.ref) ? false : (seen.add(r.ref), true)))
}

/** A build buildx started, as its local state has it (`<buildx config>/refs/<builder>/<node>/<ref>`). */
export interface LocalRef {
  builder: string
  node: string
  ref: string
  /** when buildx wrote the file: as the build started */
  mtimeMs: number
  /** the state's `Target` (the Dockerfile stage asked for), empty when none */
  target: string
  /** the state's `LocalPath`: the build's context, an absolute path or a remote context's URL */
  localPath: string
}

/** Whether a build's context is one of `roots` or lies under one (a root of `/` would hold anything: none is). */
export function contextUnder(localPath: string, roots: readonly string[]): boolean {
  return roots.some(r => {
    const root = r.replace(/\/+$/, '')
    return root !== '' && (localPath === r || localPath === root || localPath.startsWith(`${root}/`))
  })
}

/**
 * The records of the builds a failed step started: buildx writes its local state for a build as the
 * build starts, failed or not, while the metadata that names a successful build's ref is never
 * written for a failed one. Only this builder's, only those written since the step started, and
 * only those whose context is this step's (`roots`: its context, its working folder): on a machine
 * that several runners share, other jobs' builds go to the same builder's folder at the same time.
 * Oldest first; each keyed by its stage (`default` without one), made unique with the ref's start.
 */
export function refsStartedSince(local: readonly LocalRef[], builder: string, sinceMs: number, roots: readonly string[]): RecordRef[] {
  const keys = new Set<string>()
  return local
    .filter(l => l.builder === builder && l.mtimeMs >= sinceMs && l.ref !== '' && contextUnder(l.localPath, roots))
    .sort((a, b) => a.mtimeMs - b.mtimeMs || a.ref.localeCompare(b.ref))
    .map(l => {
      let target = l.target || 'default'
      if (keys.has(target)) target = `${target}#${l.ref.slice(0, 6)}`
      keys.add(target)
      return { target, builder: l.builder, node: l.node, ref: l.ref }
    })
}

/**
 * The exported file's name, as docker's actions name theirs: `<owner>~<repo>~<first ref's first 6
 * characters, upper case>`, with `+N` when it holds N more records. Without a repository (the CLI
 * outside Actions) the ref alone.
 */
export function recordFileName(repository: string, refs: readonly string[]): string {
  const first = (refs[0] ?? '').slice(0, 6).toUpperCase()
  const [owner, repo] = repository.split('/')
  const prefix = owner && repo ? `${owner}~${repo}~` : ''
  return `${prefix}${first}${refs.length > 1 ? `+${refs.length - 1}` : ''}.dockerbuild`.replace(/[^A-Za-z0-9._~+-]/g, '-')
}

/** The build-records output: target -> exported file. */
export function buildRecordsOutput(files: ReadonlyArray<{ target: string; path: string }>): string {
  return JSON.stringify(Object.fromEntries(files.map(f => [f.target, f.path])))
}
