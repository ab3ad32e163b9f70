// Runs a build or bake through the depot CLI and reads what it reports, in the same BuildResult
// shape as buildx/build.ts, so outputs, reports and the summary work alike for both engines.
// Returns facts only: set-up, state, outputs and fallback are action/depot.ts's.
import * as core from '../runner/commands.js'
import path from 'node:path'
import { bakeSecretSets } from '../buildx/args.js'
import { bakeResults, readJson, singleResult, type BuildResult, type PrintedTarget } from '../buildx/results.js'
import { relayOutput } from '../buildx/log.js'
import { commandLine } from '../process/argv.js'
import {
  BAKE_METADATA_EXTRAS,
  buildStarted,
  depotBakeArgs,
  depotBakePrintArgs,
  depotBuildArgs,
  explainPreBuildFailure,
  type DepotContext
} from './args.js'
import { runDepot, type Depot } from './depot.js'
import { lastOutputLine } from '../process/exec.js'
import type { BakePlan, MatrixPlan, SinglePlan } from '../inputs/plan.js'
import { depotBakeSite, grantFromDefinition } from '../buildx/bake-source.js'
import { setWithoutCacheTo, withoutBakeCacheExports } from '../runner/isolation.js'
import { DepotUnavailable, InputError } from '../errors.js'
import { parseBuildError } from '../buildx/build-error.js'

/** The bake files and targets Depot bakes (bake files and targets, or a generated matrix). */
export interface DepotBakeInput {
  files: string[]
  targets: string[]
  set: string[]
  /** the run must not write shared caches (BuildPlan.denyCacheExports) */
  denyCacheExports: string
  /** what the workflow grants the definition, and the fork an untrusted run came from (BuildPlan.fork) */
  allow: string[]
  fork: string
}

interface Streamed {
  code: number
  log: string
  started: boolean
}

async function streamed(d: Depot, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Streamed> {
  core.info(`depot ${commandLine(args)}`)
  const seen: string[] = []
  let started = false
  // The same relay as buildx output: no line of the build's output is read as a workflow command.
  const r = await relayOutput(
    '',
    onLine => runDepot(d, args, { env, onLine, ...(cwd ? { cwd } : {}) }),
    line => {
      if (started) return
      seen.push(line)
      if (/^#\d+ /.test(line)) started = buildStarted(seen.join('\n'))
    }
  )
  return { code: r.code, log: r.log, started }
}

/** A failed run: before any build step it is DepotUnavailable (fallback may apply); after, a build failure. */
function failure(r: Streamed, dockerfile: string, what: string): never {
  const apiUrl = process.env['DEPOT_API_URL'] || 'https://api.depot.dev'
  if (!r.started) throw new DepotUnavailable(explainPreBuildFailure(r.log, apiUrl).message)
  const loc = parseBuildError(r.log, dockerfile)
  if (loc) core.error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: 'Build failed' })
  const lines = r.log.split('\n').reverse()
  const last =
    lines.find(l => /^(ERROR: |error: |failed to solve: )/.test(l)) ??
    lines.find(l => l.trim() && !/^(#\d+ |-{3,}| > |Build Summary)/.test(l))
  throw new Error(
    `depot ${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : last ? `: ${last.replace(/^ERROR: /, '').trim()}` : ` with exit code ${r.code}`}`
  )
}

export async function depotSingle(
  plan: SinglePlan,
  d: Depot,
  ctx: DepotContext,
  env: NodeJS.ProcessEnv,
  dir: string,
  secretFiles: Map<string, string>
): Promise<BuildResult> {
  const metadataFile = path.join(dir, 'depot-metadata.json')
  const iidFile = path.join(dir, 'depot-iid.txt')
  const s = plan.settings
  const r = await streamed(d, depotBuildArgs(s, ctx, { metadataFile, iidFile, secretFiles }, plan.repository), env)
  if (r.code !== 0) failure(r, plan.dockerfile, 'build')
  return singleResult(s, plan.dockerfile, metadataFile, iidFile, Boolean(s.pushByDigest && plan.repository))
}

export async function depotBake(
  plan: BakePlan | MatrixPlan,
  d: Depot,
  ctx: DepotContext,
  env: NodeJS.ProcessEnv,
  dir: string,
  input: DepotBakeInput,
  secretFiles: Map<string, string>
): Promise<{ results: BuildResult[]; metadata: Record<string, unknown> }> {
  const s = plan.settings
  const { files, targets } = input
  const userSet = input.denyCacheExports ? setWithoutCacheTo(input.set) : { set: input.set, dropped: 0 }
  const set = [...bakeSecretSets(s, { secretFiles }), ...userSet.set]
  // the bake runs in its source folder, with its variables in its environment
  const { cwd, env: bakeEnvironment } = depotBakeSite(s, env)
  const printDefinition = async () => {
    const print = await runDepot(d, depotBakePrintArgs({ files, targets, set }), { env: bakeEnvironment, cwd })
    if (print.code !== 0) {
      throw new InputError(files.length > 0 ? 'files' : 'targets', `depot bake cannot read the definition: ${lastOutputLine(print)}`)
    }
    return (JSON.parse(print.stdout) as { target?: Record<string, PrintedTarget> }).target ?? {}
  }
  // the definition's own cache exports, replaced for a run that must not write shared caches
  const { printed, warning } = await withoutBakeCacheExports(
    await printDefinition(),
    input.denyCacheExports,
    userSet.dropped,
    set,
    printDefinition,
    'depot bake'
  )
  if (warning) core.warning(warning)
  // depot takes no --allow: what counts is that a run from a fork is refused what allow does not grant
  grantFromDefinition(printed, path.resolve(cwd), input.allow, '', { fork: input.fork, own: [...secretFiles.values()] })
  const metadataFile = path.join(dir, 'depot-bake-metadata.json')
  const r = await streamed(d, depotBakeArgs(s, ctx, { files, targets, set, metadataFile }), bakeEnvironment, cwd)
  if (r.code !== 0) failure(r, plan.dockerfile, 'bake')
  const all = readJson(metadataFile)
  const results = bakeResults(s, all, printed, BAKE_METADATA_EXTRAS)
  return { results, metadata: all }
}
