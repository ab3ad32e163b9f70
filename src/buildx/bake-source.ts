// The bake's definition on this machine: its source checked against the file system (a clear
// error naming `source`, `workdir` or `files` before anything runs), and the file-system
// entitlements granted from the printed definition.
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs'
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
import { bakeFsNeeds, fsGrants, type DefinitionTarget, type Grant } from './entitlements.js'

/** Whether this settings object runs a bake from files or a source (a matrix makes its own). */
function bakes(s: Settings): boolean {
  return s.files.length > 0 || s.targets.length > 0 || s.source !== ''
}

/**
 * Where the bake reads its definition, checked: a local source must be a folder, and every file
 * read locally (`cwd://` files, and all files of a local source) must exist.
 */
export function resolveBakeSource(s: Settings, engine: 'buildx' | 'depot', env: NodeJS.ProcessEnv = process.env): BakeSource {
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
export function checkBakeSource(s: Settings, engine: 'buildx' | 'depot'): void {
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

/**
 * The file-system entitlements the definition needs beyond the bake's working directory. Output
 * folders are created first (as the bake would), so the grant names them and not their parents.
 */
export function definitionGrants(targets: Record<string, DefinitionTarget>, cwd: string): Grant[] {
  const { needs, ssh } = bakeFsNeeds(targets, cwd)
  for (const n of needs) {
    if (n.access !== 'write') continue
    try {
      mkdirSync(n.path, { recursive: true })
    } catch {
      // buildx says what is wrong with a destination it cannot write
    }
  }
  return fsGrants(needs, ssh, cwd, existing)
}

/** Where `depot bake` runs (its local source folder) and its environment (the bake variables). */
export function depotBakeSite(s: Settings, env: NodeJS.ProcessEnv): { cwd: string; env: NodeJS.ProcessEnv } {
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

export function bakeSite(s: Settings, buildxVersion: string, env: NodeJS.ProcessEnv = process.env): BakeSite {
  const source = resolveBakeSource(s, 'buildx', env)
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

/**
 * The --allow list: what the definition needs on the file system (buildx >= 0.19 asks for it),
 * said in the log, then the allow input, which adds to it.
 */
export function grantFromDefinition(targets: Record<string, unknown>, cwd: string, allow: string[], buildxVersion: string): string[] {
  if (!versionAtLeast(buildxVersion, '0.19.0')) return allow
  const grants = definitionGrants(targets as Record<string, DefinitionTarget>, cwd)
  for (const g of grants) core.info(`granted ${g.entitlement}: ${[...new Set(g.why)].join(', ')}`)
  if (grants.length === 0) core.info(`granted no file-system entitlements: the definition stays within ${cwd}`)
  return [...new Set([...grants.map(g => g.entitlement), ...allow])]
}
