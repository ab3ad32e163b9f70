// What the run's environment says to the inputs, as docker's actions read it: the default Git
// context of the run's repository (`{{defaultContext}}`), its GIT_AUTH_TOKEN secret, and docker's
// environment switches. Pure: the caller passes the environment and the event payload as data.
import { InputError } from '../errors.js'
import { clip } from './lists.js'
import { versionAtLeast } from './version.js'

export type RunEnv = Readonly<Record<string, string | undefined>>

/** The run as parseInputs sees it; empty outside GitHub Actions (the CLI on a laptop). */
export interface WorkflowRun {
  env?: RunEnv
  /** the webhook payload (GITHUB_EVENT_PATH), for a pull request's head commit */
  event?: unknown
}

/**
 * The Git context docker/build-push-action builds when no context is given:
 * `<GITHUB_SERVER_URL>/<GITHUB_REPOSITORY>.git#<commit>`, the commit being GITHUB_SHA (else the
 * ref). With DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF, a pull request's merge ref becomes its head
 * ref, pinned to the head commit from the event. '' when the environment names no repository and
 * commit (not a GitHub Actions run): then the default context is the working directory.
 */
export function defaultGitContext(run: WorkflowRun): string {
  const env = run.env ?? {}
  const repository = env['GITHUB_REPOSITORY'] ?? ''
  const sha = env['GITHUB_SHA'] ?? ''
  let ref = env['GITHUB_REF'] ?? ''
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository) || (!sha && !ref)) return ''
  if (ref && !ref.startsWith('refs/')) ref = `refs/heads/${ref}`
  else if (ref.startsWith('refs/pull/') && envBool(env, 'DOCKER_DEFAULT_GIT_CONTEXT_PR_HEAD_REF', false, true)) {
    ref = ref.replace(/\/merge$/, '/head')
  }
  let pinned = sha || ref
  if (ref.startsWith('refs/pull/') && ref.endsWith('/head')) {
    const head = (run.event as { pull_request?: { head?: { sha?: unknown } } } | undefined)?.pull_request?.head?.sha
    pinned = typeof head === 'string' ? head : ref
  }
  return `${serverUrl(env)}/${repository}.git#${pinned}`
}

/** The buildx whose Git contexts may be sent in the query form (docker/actions-toolkit's gate). */
export const GIT_QUERY_MIN_BUILDX = '0.29.0'

/**
 * Whether the run's Git context is written in the query form (`<repo>.git?ref=<commit>`), as
 * docker/actions-toolkit writes it: BUILDX_SEND_GIT_QUERY_AS_INPUT (read leniently, as the toolkit
 * does) and a buildx of 0.29 or later; else the fragment form, which every buildx reads.
 */
export function gitQueryForm(env: RunEnv, buildxVersion: string): boolean {
  return envBool(env, 'BUILDX_SEND_GIT_QUERY_AS_INPUT', false, true) && versionAtLeast(buildxVersion, GIT_QUERY_MIN_BUILDX)
}

/**
 * `value` in the query form when it is the run's Git context (`defaultContext`, the fragment form
 * defaultGitContext writes) or a folder of it (`{{defaultContext}}:subdir`):
 * `<repo>.git#<commit>[:<subdir>]` -> `<repo>.git?ref=<commit>[&subdir=<subdir>]`. Any other value
 * (a local path, a Git context the user wrote, in either form) is left as it is.
 */
export function queryFormOf(value: string, defaultContext: string): string {
  const hash = defaultContext.indexOf('#')
  if (!defaultContext || hash < 0) return value
  let subdir: string
  if (value === defaultContext) subdir = ''
  else if (value.startsWith(`${defaultContext}:`)) subdir = value.slice(defaultContext.length + 1)
  else return value
  const query = [`ref=${queryValue(defaultContext.slice(hash + 1))}`]
  // the toolkit leaves out the root folder; a subdir's `&` or `#` must not end the query
  if (subdir && subdir !== '.') query.push(`subdir=${queryValue(subdir)}`)
  return `${defaultContext.slice(0, hash)}?${query.join('&')}`
}

function queryValue(v: string): string {
  return encodeURIComponent(v).replace(/%2F/gi, '/')
}

function serverUrl(env: RunEnv): string {
  return (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '')
}

/** The host (and port) of the server the default Git context is fetched from, as in GIT_AUTH_TOKEN.<host>. */
export function gitServerHost(run: WorkflowRun): string {
  try {
    return new URL(serverUrl(run.env ?? {})).host
  } catch {
    throw new InputError('github-token', `GITHUB_SERVER_URL ${JSON.stringify(clip(run.env?.['GITHUB_SERVER_URL'] ?? ''))} is not a URL`)
  }
}

const DEFAULT_CONTEXT = /\{\{\s*defaultContext\s*\}\}/

/** `{{defaultContext}}` in an input (context, build-contexts), expanded as docker's actions expand it. */
export function expandDefaultContext(value: string, defaultContext: string, input: string): string {
  if (!DEFAULT_CONTEXT.test(value)) return value
  if (!defaultContext) {
    throw new InputError(
      input,
      '{{defaultContext}} is the Git context of the run (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA), and this environment names none'
    )
  }
  return value.replace(new RegExp(DEFAULT_CONTEXT.source, 'g'), () => defaultContext)
}

/**
 * Where a Dockerfile of a remote context is, as a path in its repository (for an error's
 * annotation): `file` (default Dockerfile) in the context's folder, the fragment's `:subdir` or
 * the query's `subdir=`. Never the URL itself, whose `?` and `#` would make a path of nothing.
 */
export function remoteDockerfile(context: string, file: string): string {
  let subdir = ''
  const hash = context.indexOf('#')
  if (hash >= 0) {
    const colon = context.indexOf(':', hash)
    subdir = colon >= 0 ? context.slice(colon + 1) : ''
  } else if (context.includes('?')) {
    subdir = new URLSearchParams(context.slice(context.indexOf('?') + 1)).get('subdir') ?? ''
  }
  const joined = [...subdir.split('/'), ...(file || 'Dockerfile').split('/')].filter(p => p !== '' && p !== '.')
  return joined.join('/')
}

/** A context buildx fetches itself (a Git or HTTP URL), not a local directory. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//.test(context)
}

/**
 * A boolean environment switch, read as docker's actions read theirs (Go's strconv.ParseBool: 1, t,
 * T, true, True, TRUE, 0, f, F, false, False, FALSE). Unset or empty: the default. Another value is
 * an error naming the variable, unless `lenient` (docker's actions ignore a bad value of that one).
 */
export function envBool(env: RunEnv, name: string, dflt: boolean, lenient = false): boolean {
  const v = env[name] ?? ''
  if (v === '') return dflt
  if (['1', 't', 'T', 'true', 'True', 'TRUE'].includes(v)) return true
  if (['0', 'f', 'F', 'false', 'False', 'FALSE'].includes(v)) return false
  if (lenient) return dflt
  throw new InputError(name, `environment variable: expected true or false (1, t, true, 0, f, false), got ${JSON.stringify(clip(v))}`)
}

/** docker's environment switches this action honours, read once. */
export interface EnvSwitches {
  /** DOCKER_BUILD_SUMMARY (default true): write the job summary */
  buildSummary: boolean
  /** BUILDX_NO_DEFAULT_ATTESTATIONS (default false): no provenance unless asked for */
  noDefaultAttestations: boolean
  /** DOCKER_BUILD_RECORD_UPLOAD (default true): upload the exported build records as an artifact */
  buildRecordUpload: boolean
}

export function envSwitches(env: RunEnv): EnvSwitches {
  return {
    buildSummary: envBool(env, 'DOCKER_BUILD_SUMMARY', true),
    noDefaultAttestations: envBool(env, 'BUILDX_NO_DEFAULT_ATTESTATIONS', false),
    buildRecordUpload: envBool(env, 'DOCKER_BUILD_RECORD_UPLOAD', true)
  }
}

/**
 * DOCKER_BUILD_RECORD_RETENTION_DAYS: how many days the build record artifact is kept. A whole
 * number of days up to 90, GitHub's range; 0 (or unset) is the repository's default, as docker's
 * action reads it (its own CI sets 0).
 */
export function recordRetentionDays(env: RunEnv): number {
  const v = (env['DOCKER_BUILD_RECORD_RETENTION_DAYS'] ?? '').trim()
  if (v === '') return 0
  const days = Number(v)
  if (!/^\d+$/.test(v) || days > 90) {
    throw new InputError(
      'DOCKER_BUILD_RECORD_RETENTION_DAYS',
      `environment variable: expected a number of days from 1 to 90 (0: the repository's default), got ${JSON.stringify(clip(v))}`
    )
  }
  return days
}
