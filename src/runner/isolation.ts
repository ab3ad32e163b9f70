// Builder isolation for persistent builders on self-hosted runners, and the fork rule for shared
// caches. Pure: the caller passes the environment and the event payload as data.
import { createHash } from 'node:crypto'
import { InputError } from '../errors.js'

export type BuilderScope = 'none' | 'job' | 'branch' | 'repo' | 'actor'
export const BUILDER_SCOPES: readonly BuilderScope[] = ['none', 'job', 'branch', 'repo', 'actor']

/** What the scope key is made of (GitHub's default environment variables). */
export interface ScopeEnv {
  repository: string
  refName: string
  actor: string
  runId: string
  job: string
}

/** Reads the scope environment from a process.env-like map. */
export function scopeEnvFrom(env: Record<string, string | undefined>): ScopeEnv {
  return {
    repository: env['GITHUB_REPOSITORY'] ?? '',
    refName: env['GITHUB_REF_NAME'] ?? '',
    actor: env['GITHUB_ACTOR'] ?? '',
    runId: env['GITHUB_RUN_ID'] ?? '',
    job: env['GITHUB_JOB'] ?? ''
  }
}

/**
 * The key a scoped builder is named after. It starts with the scope, so a repo-scoped and a
 * branch-scoped builder of the same repository never share a name. Repository and actor names are
 * case-insensitive on GitHub and are lowercased; branch names are not.
 * `fork` (the head repository of a pull request from a fork) gives that fork a builder of its own.
 */
export function scopeKey(scope: Exclude<BuilderScope, 'none'>, env: ScopeEnv, fork = ''): string {
  const need = (value: string, variable: string): string => {
    if (!value) throw new InputError('builder-scope', `${scope} scope needs ${variable}, which is not set`)
    return value
  }
  const parts: string[] = [scope, need(env.repository, 'GITHUB_REPOSITORY').toLowerCase()]
  if (scope === 'branch') parts.push(need(env.refName, 'GITHUB_REF_NAME'))
  if (scope === 'actor') parts.push(need(env.actor, 'GITHUB_ACTOR').toLowerCase())
  if (scope === 'job') parts.push(need(env.runId, 'GITHUB_RUN_ID'), need(env.job, 'GITHUB_JOB'))
  if (fork) parts.push(`fork:${fork.toLowerCase()}`)
  // JSON keeps the parts apart: no value can pose as two of them.
  return JSON.stringify(parts)
}

/** build-image-<scope>-<first 12 hex of sha256(key)>; undefined for scope none (a throwaway builder). */
export function scopedBuilderName(scope: BuilderScope, env: ScopeEnv, fork = ''): string | undefined {
  if (scope === 'none') return undefined
  const hash = createHash('sha256')
    .update(scopeKey(scope, env, fork))
    .digest('hex')
    .slice(0, 12)
  return `build-image-${scope}-${hash}`
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']

function fullName(repo: unknown): string | undefined {
  if (typeof repo !== 'object' || repo === null) return undefined
  const name = (repo as { full_name?: unknown }).full_name
  return typeof name === 'string' && name ? name : undefined
}

/**
 * The head repository of a pull request from a fork, or '' when the run was not started by one.
 * Untrusted code is built by: pull request events (pull_request_target included: its workflows
 * often check the head out), a workflow_run started by a pull request from a fork, and a comment
 * on a pull request (issue_comment; the payload does not say whose code the job checks out, so
 * it counts as a fork). A pull request event whose head repository is unknown (the fork was
 * deleted, or the event file could not be read) counts as a fork: the safe side.
 */
export function forkOf(eventName: string, event: unknown): string {
  const e = (typeof event === 'object' && event !== null ? event : {}) as {
    pull_request?: { head?: { repo?: unknown } }
    repository?: unknown
    workflow_run?: { event?: unknown; head_repository?: unknown }
    issue?: { pull_request?: unknown }
  }
  if (eventName === 'workflow_run') {
    const run = e.workflow_run ?? {}
    if (typeof run.event !== 'string' || !PULL_REQUEST_EVENTS.includes(run.event)) return ''
    return otherRepo(fullName(run.head_repository), fullName(e.repository))
  }
  if (eventName === 'issue_comment') return e.issue?.pull_request ? 'a pull request (issue_comment)' : ''
  if (!PULL_REQUEST_EVENTS.includes(eventName)) return ''
  return otherRepo(fullName(e.pull_request?.head?.repo), fullName(e.repository))
}

function otherRepo(head: string | undefined, base: string | undefined): string {
  if (!head || !base) return head ?? 'unknown fork'
  return head.toLowerCase() === base.toLowerCase() ? '' : head
}

/** The type of a --cache-to value: a bare value is a registry ref, as buildx reads it. */
function cacheType(entry: string): string {
  if (!entry.includes('=')) return 'registry'
  const m = /(?:^|,)\s*"?type=([^,"]*)/.exec(entry)
  return m?.[1]?.trim() ?? ''
}

/**
 * cache-to for a run from a fork: every export that writes to a shared cache is dropped, unless the
 * user opted in. Inline cache is kept: it travels inside the image the run itself exports.
 */
export function cacheToForRun(cacheTo: string[], fork: string, allowForkCacheWrite: boolean): { cacheTo: string[]; warning?: string } {
  if (!fork || allowForkCacheWrite || cacheTo.length === 0) return { cacheTo }
  const kept = cacheTo.filter(c => cacheType(c) === 'inline')
  const dropped = cacheTo.length - kept.length
  if (dropped === 0) return { cacheTo }
  return {
    cacheTo: kept,
    warning: `cache-to: ${dropped} cache export(s) dropped: this run was started by a pull request from the fork ${fork}, which must not write to a shared cache (set allow-fork-cache-write: true to allow it)`
  }
}

/** The key of a bake `--set` override (`target.key=value`, `target.key+=value`): `target.key`. */
function setKey(entry: string): string {
  const eq = entry.indexOf('=')
  return (eq < 0 ? entry : entry.slice(0, eq)).replace(/\+$/, '').trim()
}

/**
 * The `set` input without its cache-to overrides, for a run that must not write shared caches:
 * bake applies a wildcard and a per-target cache-to override both, so the per-target overrides
 * of bakeCacheToOverrides only hold when no other one names cache-to.
 */
export function setWithoutCacheTo(set: string[]): { set: string[]; dropped: number } {
  const kept = set.filter(e => !/(^|\.)cache-to$/.test(setKey(e)))
  return { set: kept, dropped: set.length - kept.length }
}

/** The type of one cache-to entry as `bake --print` shows it: a CSV string (buildx < 0.2x) or an object. */
function printedCacheType(entry: unknown): string {
  if (typeof entry === 'string') return cacheType(entry)
  if (typeof entry === 'object' && entry !== null) {
    const type = (entry as { type?: unknown }).type
    return typeof type === 'string' && type ? type : 'registry'
  }
  return ''
}

/**
 * For a run that must not write shared caches (`fork`, see forkOf; '' when it may): bake
 * `--set` overrides that replace every target's own cache-to (from the HCL, JSON or compose
 * definition, as `bake --print` resolved it) with its inline entries only, or with nothing.
 * An empty `target.cache-to=` clears the target's list (buildx 0.13 and 0.29 alike).
 */
export function bakeCacheToOverrides(
  targets: Record<string, { 'cache-to'?: unknown }>,
  fork: string,
  setDropped = 0
): { set: string[]; warning?: string } {
  if (!fork) return { set: [] }
  const set: string[] = []
  let dropped = 0
  for (const [name, def] of Object.entries(targets)) {
    const entries = Array.isArray(def['cache-to']) ? (def['cache-to'] as unknown[]) : []
    const types = entries.map(printedCacheType)
    const shared = types.filter(t => t !== 'inline').length
    if (shared === 0) continue
    dropped += shared
    set.push(types.includes('inline') ? `${name}.cache-to=type=inline` : `${name}.cache-to=`)
  }
  if (dropped === 0 && setDropped === 0) return { set }
  const what = [
    ...(dropped > 0 ? [`${dropped} cache export(s) of the bake definition`] : []),
    ...(setDropped > 0 ? [`${setDropped} cache-to override(s) of set`] : [])
  ].join(' and ')
  return {
    set,
    warning: `cache-to: ${what} dropped: this run was started by a pull request from the fork ${fork}, which must not write to a shared cache (set allow-fork-cache-write: true to allow it)`
  }
}

/**
 * A printed bake definition made safe for a run that must not write shared caches: the
 * bakeCacheToOverrides of `printed` are added to `set` (which the bake then runs with), and the
 * definition printed again with them (`print`) must export no shared cache, else this throws.
 * The definition unchanged when nothing is to be dropped.
 */
export async function withoutBakeCacheExports<T extends Record<string, { 'cache-to'?: unknown }>>(
  printed: T,
  fork: string,
  setDropped: number,
  set: string[],
  print: () => Promise<T>,
  tool: string
): Promise<{ printed: T; warning?: string }> {
  const guard = bakeCacheToOverrides(printed, fork, setDropped)
  if (guard.set.length === 0) return { printed, ...(guard.warning ? { warning: guard.warning } : {}) }
  set.push(...guard.set)
  const again = await print()
  if (bakeCacheToOverrides(again, fork).set.length > 0)
    throw new Error(`${tool} still exports cache with cache-to cleared: not run, since this run must not write a shared cache`)
  return { printed: again, ...(guard.warning ? { warning: guard.warning } : {}) }
}
