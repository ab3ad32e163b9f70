// Where a bake reads its definition (docker/bake-action's `source`, depot/bake-action's
// `workdir`), which files it names there, and how bake variables (`vars`) reach buildx. Pure: the
// caller passes what it found on disk and in the environment.
import { defaultGitContext as runGitContext } from './run-env.js'
import { versionAtLeast } from './version.js'

/** The bake's definition: a remote Git or HTTPS context (`bake <ref>`), or a local folder (its cwd). */
export type BakeSource = { kind: 'remote'; ref: string; why: string } | { kind: 'local'; dir: string; why: string }

/** The names buildx looks for when a bake is given no files, in its order. */
export const DEFAULT_BAKE_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-bake.json',
  'docker-bake.hcl',
  'docker-bake.override.json',
  'docker-bake.override.hcl'
]

/** A remote definition, as docker/bake-action tells one from a folder. */
export function isRemoteRef(v: string): boolean {
  return /^(https?|git|ssh):\/\/|^git@|^github\.com\//.test(v)
}

/** `cwd://` files are read by buildx from its working directory, also for a remote definition. */
export const CWD_PREFIX = 'cwd://'

/**
 * The Git context of the run's repository at its commit, as docker's actions form it; undefined
 * outside a GitHub run (no repository or commit to name).
 */
export function defaultGitContext(env: Record<string, string | undefined>): string | undefined {
  // the same context a single build defaults to (run-env.ts), undefined outside a workflow run
  return runGitContext({ env }) || undefined
}

/** `{{defaultContext}}` in a source stands for the run's Git context (docker/bake-action's template). */
export function expandSource(source: string, defaultContext: string | undefined): string {
  if (!/\{\{\s*defaultContext\s*\}\}/.test(source)) return source
  return defaultContext === undefined ? source : source.replace(/\{\{\s*defaultContext\s*\}\}/g, defaultContext)
}

export interface SourceFacts {
  /** the source input (or workdir), trimmed; '' when not given */
  source: string
  /** a matrix: its generated definition is local */
  matrix: boolean
  /** the run's Git context (defaultGitContext) */
  defaultContext: string | undefined
  /** the working directory holds the definition (every local file named, or a default bake file): a checkout */
  definitionHere: boolean
  /** the engine: depot bake reads local definitions only */
  engine: 'buildx' | 'depot'
}

/**
 * Where the definition comes from. Given: a remote ref, or a folder. Not given: the working
 * directory when it holds the definition (a checkout, including files earlier steps wrote), else
 * the run's Git context at its commit (no checkout needed), as docker/bake-action does.
 */
export function chooseBakeSource(f: SourceFacts): BakeSource {
  if (f.matrix) return { kind: 'local', dir: '.', why: "the matrix's generated definition" }
  const source = expandSource(f.source, f.defaultContext)
  if (source) {
    if (isRemoteRef(source)) return { kind: 'remote', ref: source, why: 'source input' }
    return { kind: 'local', dir: source, why: 'source input' }
  }
  if (f.definitionHere || f.engine === 'depot' || f.defaultContext === undefined) {
    return { kind: 'local', dir: '.', why: f.definitionHere ? 'the definition is in the working directory' : 'the working directory' }
  }
  return { kind: 'remote', ref: f.defaultContext, why: "no definition in the working directory: the Git context of the run's commit" }
}

/**
 * The files as buildx is to read them. For a remote definition, a file named by absolute path
 * cannot be in the repository: it is a local file (one an earlier step wrote), read with `cwd://`.
 */
export function bakeFiles(files: string[], source: BakeSource): string[] {
  if (source.kind === 'local') return files
  return files.map(f => (f.startsWith('/') ? `${CWD_PREFIX}${f}` : f))
}

/** The local path of a file a local bake reads ('' for a file in a remote definition). */
export function localFilePath(file: string, source: BakeSource): string {
  if (file.startsWith(CWD_PREFIX)) return file.slice(CWD_PREFIX.length)
  return source.kind === 'local' ? file : ''
}

/** buildx 0.31 takes `--var NAME=VALUE`; older buildx reads bake variables from the environment. */
export function bakeVarArgs(vars: Array<[string, string]>, buildxVersion: string): string[] {
  if (!versionAtLeast(buildxVersion, '0.31.0')) return []
  return vars.flatMap(([k, v]) => ['--var', `${k}=${v}`])
}

export function bakeVarEnv(vars: Array<[string, string]>, buildxVersion: string): Record<string, string> {
  if (versionAtLeast(buildxVersion, '0.31.0')) return {}
  return Object.fromEntries(vars)
}

/**
 * The bake's environment additions: its variables (older buildx) and, for a remote definition,
 * the token buildx uses to fetch it (BUILDX_BAKE_GIT_AUTH_TOKEN, as docker/bake-action sets it).
 */
export function bakeEnv(
  vars: Array<[string, string]>,
  buildxVersion: string,
  source: BakeSource,
  githubToken: string
): Record<string, string> {
  return {
    ...bakeVarEnv(vars, buildxVersion),
    ...(source.kind === 'remote' && githubToken ? { BUILDX_BAKE_GIT_AUTH_TOKEN: githubToken } : {})
  }
}

/** Why a bake needs buildx: a remote definition (depot bake reads local files only). */
export function remoteBakeSource(s: { source: string }, env: Record<string, string | undefined> = {}): string | undefined {
  const source = expandSource(s.source, defaultGitContext(env))
  return source && isRemoteRef(source) ? `the bake definition is remote (source ${source})` : undefined
}
