// The file-system edge of a run: the facts planning needs, the checks only the machine can answer,
// and the files the run writes (temporary directory, generated bake file, buildkitd config).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { InputError } from '../errors.js'
import type { BakeDefinition } from '../inputs/matrix.js'
import type { Settings } from '../inputs/parse.js'
import type { BuildPlan, RunFacts } from '../inputs/plan.js'
import { githubEvent } from '../runner/context.js'
import { isRemoteContext } from '../inputs/run-env.js'
import { forkOf, scopeEnvFrom } from '../runner/isolation.js'
import { checkBakeSource } from '../buildx/bake-source.js'

/** What planning needs of the machine: the working directory, the event, the digests-from files. */
export function readRunFacts(s: Settings, env: NodeJS.ProcessEnv = process.env): RunFacts {
  const digestFiles = s.digestsFrom.map(file => {
    if (!existsSync(file)) throw new InputError('digests-from', `${file} does not exist`)
    return { file, text: readFileSync(file, 'utf8') }
  })
  return { cwd: process.cwd(), fork: forkOf(env['GITHUB_EVENT_NAME'] ?? '', githubEvent()), scopeEnv: scopeEnvFrom(env), digestFiles }
}

/** Checks against the file system that planning cannot do; still before anything is set up. */
export function checkWorkspace(plan: BuildPlan, env: NodeJS.ProcessEnv = process.env): void {
  const s = plan.settings
  if ((plan.kind === 'single' || plan.kind === 'split') && !isRemoteContext(s.context)) {
    if (!existsSync(s.context) || !statSync(s.context).isDirectory()) {
      throw new InputError('context', `${s.context} is not a directory (resolved from ${process.cwd()})`)
    }
    if (!existsSync(plan.dockerfile)) {
      // a context given as a path though the run has a Git context: most likely no checkout step ran
      const hint = s.defaultContext ? "; without a checkout step, leave context unset to build the run's Git context" : ''
      throw new InputError('file', `${plan.dockerfile} does not exist${hint}`)
    }
  }
  // the bake's source and the files it reads locally (a remote source's files are read by buildx)
  if (plan.kind === 'bake') checkBakeSource(s, 'buildx')
  for (const sec of s.secrets) {
    if (sec.kind === 'file' && !existsSync(sec.source))
      throw new InputError('secret-files', `secret ${sec.id}: ${sec.source} does not exist`)
    if (sec.kind === 'env' && env[sec.source] === undefined)
      throw new InputError('secret-envs', `secret ${sec.id}: environment variable ${sec.source} is not set`)
  }
}

/** The run's private directory (post removes it). */
export function makeTempDir(): string {
  return mkdtempSync(path.join(process.env['RUNNER_TEMP'] || os.tmpdir(), 'build-image-'))
}

/** Writes a matrix's generated bake definition for bake to read; returns its path. */
export function writeMatrixBakeFile(dir: string, definition: BakeDefinition): string {
  const file = path.join(dir, 'matrix.bake.json')
  writeFileSync(file, JSON.stringify(definition, null, 2))
  return file
}

/** The buildkitd config file for a new builder: the inline input written out, or the file input, which must exist. */
export function buildkitdConfigFile(s: Pick<Settings, 'buildkitdConfig' | 'buildkitdConfigInline'>, dir: string): string {
  let configFile = s.buildkitdConfig
  if (s.buildkitdConfigInline.trim()) {
    configFile = path.join(dir, 'buildkitd.toml')
    writeFileSync(configFile, s.buildkitdConfigInline)
  }
  if (configFile && !existsSync(configFile)) throw new InputError('buildkitd-config', `${configFile} does not exist`)
  return configFile
}

export function removeFiles(files: Iterable<string>): void {
  for (const f of files) rmSync(f, { force: true })
}
