// The bake's definition on this machine: its source checked against the file system (a clear
// error naming `source`, `workdir` or `files` before anything runs), and the entitlements granted
// from the printed definition (the action creates no folder for it: buildx makes its outputs).
import { existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import * as core from '../runner/commands.js'
import { InputError } from '../errors.js'
import { versionAtLeast } from './version.js'
import type { Settings } from '../inputs/parse.js'
import {
  bakeEnv,
  bakeFiles,
  chooseBakeSource,
  CWD_PREFIX,
  DEFAULT_BAKE_FILES,
  defaultGitContext,
  localFilePath,
  type BakeSource
} from '../inputs/bake-source.js'
import { gitQueryForm, queryFormOf } from '../inputs/run-env.js'
import { bakeAllow, bakeFsNeeds, targetEntitlements, type DefinitionTarget } from './entitlements.js'

/** What finding a bake's definition reads of the settings. */
type BakeSourceOptions = Pick<Settings, 'files' | 'targets' | 'source' | 'sourceInput' | 'matrix'>

/** Whether this settings object runs a bake from files or a source (a matrix makes its own). */
function bakes(s: BakeSourceOptions): boolean {
  return s.files.length > 0 || s.targets.length > 0 || s.source !== ''
}

/**
 * Where the bake reads its definition, checked: a local source must be a folder, and every file
 * read locally (`cwd://` files, and all files of a local source) must exist.
 */
export function resolveBakeSource(s: BakeSourceOptions, engine: 'buildx' | 'depot', env: NodeJS.ProcessEnv = process.env): BakeSource {
  const defaultContext = defaultGitContext(env)
  const plain = s.files.filter(f => !f.startsWith(CWD_PREFIX))
  const definitionHere =
    plain.length > 0 ? plain.every(f => existsSync(f)) : s.files.length === 0 && DEFAULT_BAKE_FILES.some(f => existsSync(f))
  const source = chooseBakeSource({ source: s.source, matrix: s.matrix.trim() !== '', defaultContext, definitionHere, engine })
  const input = s.sourceInput || 'source'
  if (source.kind === 'local') {
    let dir = false
    try {
      dir = statSync(source.dir).isDirectory()
    } catch {
      dir = false
    }
    if (!dir) throw new InputError(input, `${source.dir} does not exist or is not a directory (resolved from ${process.cwd()})`)
  } else if (engine === 'depot') {
    throw new InputError(input, `depot bake reads a local definition; ${source.ref} is remote (check the repository out and use source: .)`)
  }
  if (!s.matrix.trim()) {
    const base = source.kind === 'local' ? source.dir : '.'
    for (const f of s.files) {
      const local = localFilePath(f, source)
      if (local && !existsSync(path.resolve(base, local))) {
        throw new InputError('files', `${f} does not exist (resolved from ${path.resolve(base)})`)
      }
    }
  }
  return source
}

/** Checks the bake's source before anything is set up (no-op for builds that do not bake). */
export function checkBakeSource(s: BakeSourceOptions, engine: 'buildx' | 'depot'): void {
  if (bakes(s)) resolveBakeSource(s, engine)
}

/** The path buildx checks: symlinks resolved, the nearest folder that exists. */
function existing(p: string): string {
  for (let cur = path.resolve(p); ; cur = path.dirname(cur)) {
    try {
      return realpathSync(cur)
    } catch {
      if (path.dirname(cur) === cur) return p
    }
  }
}

/** Where `depot bake` runs (its local source folder) and its environment (the bake variables). */
export function depotBakeSite(
  s: BakeSourceOptions & Pick<Settings, 'vars'>,
  env: NodeJS.ProcessEnv
): { cwd: string; env: NodeJS.ProcessEnv } {
  const source = resolveBakeSource(s, 'depot', env)
  return { cwd: source.kind === 'local' ? source.dir : '.', env: { ...env, ...Object.fromEntries(s.vars) } }
}

/** How a buildx bake runs: files and positional arguments for its source, its folder and environment. */
export interface BakeSite {
  files(files: string[]): string[]
  /** the remote definition goes first, before the targets (`bake <ref> [targets]`) */
  targets(targets: string[]): string[]
  run: { cwd: string; env: NodeJS.ProcessEnv }
}

export function bakeSite(
  s: BakeSourceOptions & Pick<Settings, 'vars' | 'githubToken'>,
  buildxVersion: string,
  env: NodeJS.ProcessEnv = process.env
): BakeSite {
  const source = inQueryForm(resolveBakeSource(s, 'buildx', env), buildxVersion, env)
  core.info(
    source.kind === 'remote'
      ? `bake definition: ${source.ref} (${source.why})`
      : `bake definition: ${path.resolve(source.dir)} (${source.why})`
  )
  return {
    files: files => bakeFiles(files, source),
    targets: targets => (source.kind === 'remote' ? [source.ref, ...targets] : targets),
    run: {
      cwd: path.resolve(source.kind === 'local' ? source.dir : '.'),
      env: { ...env, ...bakeEnv(s.vars, buildxVersion, source, s.githubToken) }
    }
  }
}

/** A remote definition that is the run's Git context, in the query form when the run asks for it (BUILDX_SEND_GIT_QUERY_AS_INPUT). */
function inQueryForm(source: BakeSource, buildxVersion: string, env: NodeJS.ProcessEnv): BakeSource {
  if (source.kind !== 'remote' || !gitQueryForm(env, buildxVersion)) return source
  return { ...source, ref: queryFormOf(source.ref, defaultGitContext(env) ?? '') }
}

/** Who the bake works for: '' on a trusted run, else the fork (forkOf); and the action's own files it reads. */
export interface BakeTrust {
  fork: string
  own: string[]
}

/**
 * The --allow list (see bakeAllow), said in the log. A run from a fork whose definition needs
 * more than allow grants fails here, before anything is built, whatever the buildx version.
 */
export function grantFromDefinition(
  targets: Record<string, unknown>,
  cwd: string,
  allow: string[],
  buildxVersion: string,
  trust: BakeTrust
): string[] {
  const definition = targets as Record<string, DefinitionTarget>
  const { needs, ssh } = bakeFsNeeds(definition, cwd)
  const asked = targetEntitlements(definition)
  const r = bakeAllow({ needs, ssh, asked, cwd, allow, own: trust.own, fork: trust.fork, real: existing })
  if (r.refused.length > 0)
    throw new InputError(
      'allow',
      `this run was started by a pull request from the fork ${trust.fork}: its bake definition gets only what allow grants, and it needs ${r.refused.join('; ')}; nothing was built (name the entitlement in allow to grant it)`
    )
  if (r.sshNotAsked) core.info('the definition forwards the default ssh agent: not granted (add ssh to allow to grant it)')
  if (!versionAtLeast(buildxVersion, '0.19.0')) return allow
  const why = [...new Set(r.outside.map(n => `${n.access} ${n.path} (${n.why})`))]
  if (trust.fork) core.info(`granted only allow (a run from the fork ${trust.fork}): ${r.allow.join(', ') || 'nothing'}`)
  else
    core.info(`granted fs=* (a trusted run, as docker/bake-action grants it)${why.length > 0 ? `; outside ${cwd}: ${why.join(', ')}` : ''}`)
  return r.allow
}
