// Runs the planned build through the depot CLI and reads back what it built, in the same
// BuildResult shape as build.ts, so outputs, reports and the summary work alike for both engines.
import * as core from '../runner/commands.js'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { bakeSecretSets } from '../buildx/args.js'
import { bakeResults, readJson, singleResult, type BuildResult, type PrintedTarget } from '../buildx/results.js'
import { relayOutput } from '../buildx/log.js'
import { commandLine } from '../process/argv.js'
import { githubContext } from '../runner/context.js'
import { writeSecretFiles } from '../action/secret-files.js'
import {
  BAKE_METADATA_EXTRAS,
  buildStarted,
  depotBakeArgs,
  depotBakePrintArgs,
  depotBuildArgs,
  depotBuildInfo,
  depotEnv,
  explainPreBuildFailure,
  type DepotContext
} from './args.js'
import type { EngineChoice, EngineFacts } from '../inputs/engine-choice.js'
import { setupBuildx } from '../buildx/install.js'
import { depotToken, oidcAvailable, runDepot, setupDepot, type Depot } from './depot.js'
import { lastOutputLine, processRunner } from '../process/exec.js'
import { dockerfilePath, type Settings } from '../inputs/parse.js'
import type { BakePlan, BuildPlan, MatrixPlan } from '../inputs/plan.js'
import { remoteBakeSource } from '../inputs/bake-source.js'
import { depotBakeSite, grantFromDefinition } from '../buildx/bake-source.js'
import { setWithoutCacheTo, withoutBakeCacheExports } from '../runner/isolation.js'
import { DepotUnavailable, InputError, messageOf } from '../errors.js'
import { parseBuildError } from '../buildx/build-error.js'
import { parseReference } from '../registry/reference.js'
import { collectReports } from '../report/collect.js'
import { unreadReport } from '../report/shape.js'
import { saveState, type State } from '../action/state.js'
import { removeFiles, writeMatrixBakeFile } from '../action/workspace.js'
import type { ImageReport } from '../oci/types.js'

/** Facts for chooseEngine, read from the plan, the environment and the context's depot.json. */
export function engineFacts(plan: BuildPlan, env: NodeJS.ProcessEnv = process.env): EngineFacts {
  const s = plan.settings
  const depotJson = path.join(s.context, 'depot.json')
  let text: string | undefined
  try {
    if (existsSync(depotJson) && statSync(depotJson).isFile()) text = readFileSync(depotJson, 'utf8')
  } catch {
    // an unreadable depot.json is the same as none
  }
  const needsBuildx =
    plan.kind === 'merge'
      ? 'mode: merge combines digests with buildx imagetools'
      : plan.kind === 'split'
        ? 'platform-split pushes each platform and merges them with buildx imagetools'
        : s.call.name !== 'build'
          ? `call: ${s.call.name} uses buildx's --call`
          : remoteBakeSource(s, env)
  return {
    engine: s.engine,
    project: s.depotProject,
    envProject: env['DEPOT_PROJECT_ID'] ?? '',
    ...(text !== undefined ? { depotJson: text } : {}),
    hasToken: Boolean(s.depotToken || env['DEPOT_TOKEN']?.trim()),
    oidcAvailable: oidcAvailable(env),
    ci: env['GITHUB_ACTIONS'] === 'true',
    fallback: s.depotFallback,
    ...(needsBuildx ? { needsBuildx } : {}),
    depotInputs: s.depotInputs
  }
}

/** The bake files and targets Depot bakes (bake files and targets, or a generated matrix). */
interface DepotBakeInput {
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
function failure(r: Streamed, s: Settings, what: string): never {
  const apiUrl = process.env['DEPOT_API_URL'] || 'https://api.depot.dev'
  if (!r.started) throw new DepotUnavailable(explainPreBuildFailure(r.log, apiUrl).message)
  const loc = parseBuildError(r.log, dockerfilePath(s))
  if (loc) core.error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: 'Build failed' })
  const lines = r.log.split('\n').reverse()
  const last =
    lines.find(l => /^(ERROR: |error: |failed to solve: )/.test(l)) ??
    lines.find(l => l.trim() && !/^(#\d+ |-{3,}| > |Build Summary)/.test(l))
  throw new Error(
    `depot ${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : last ? `: ${last.replace(/^ERROR: /, '').trim()}` : ` with exit code ${r.code}`}`
  )
}

async function depotSingle(
  s: Settings,
  d: Depot,
  ctx: DepotContext,
  env: NodeJS.ProcessEnv,
  dir: string,
  secretFiles: Map<string, string>
): Promise<BuildResult> {
  const metadataFile = path.join(dir, 'depot-metadata.json')
  const iidFile = path.join(dir, 'depot-iid.txt')
  const r = await streamed(d, depotBuildArgs(s, ctx, { metadataFile, iidFile, secretFiles }), env)
  if (r.code !== 0) failure(r, s, 'build')
  return singleResult(s, metadataFile, iidFile, Boolean(s.pushByDigest && parseReference(s.tags[0] ?? '')))
}

async function depotBake(
  s: Settings,
  d: Depot,
  ctx: DepotContext,
  env: NodeJS.ProcessEnv,
  dir: string,
  input: DepotBakeInput,
  secretFiles: Map<string, string>
): Promise<{ results: BuildResult[]; metadata: Record<string, unknown> }> {
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
  if (r.code !== 0) failure(r, s, 'bake')
  const all = readJson(metadataFile)
  const results = bakeResults(s, all, printed, BAKE_METADATA_EXTRAS)
  return { results, metadata: all }
}

/** What Depot bakes for a bake or matrix plan; a matrix's generated definition is written out first. */
function bakeInput(plan: BakePlan | MatrixPlan, dir: string): DepotBakeInput {
  const trust = { allow: plan.allow, fork: plan.fork }
  if (plan.kind === 'bake')
    return { files: plan.files, targets: plan.targets, set: plan.set, denyCacheExports: plan.denyCacheExports, ...trust }
  const file = writeMatrixBakeFile(dir, plan.definition)
  core.info(`matrix: ${plan.combinations.length} combination(s) -> targets ${plan.targets.join(', ')}`)
  return { files: [file], targets: plan.targets, set: plan.set, denyCacheExports: plan.denyCacheExports, ...trust }
}

/**
 * Sets Depot up and runs the build. Returns undefined when Depot could not be used before the
 * build started and falling back is allowed (engine auto, or depot-fallback): the caller then
 * builds with buildx. A build that started and failed is never retried elsewhere.
 */
export async function buildWithDepot(plan: BuildPlan, state: State, choice: EngineChoice): Promise<BuildResult[] | undefined> {
  const s = plan.settings
  const mayFallBack = s.engine === 'auto' || s.depotFallback
  let secretFiles = new Map<string, string>()
  try {
    if (plan.kind === 'merge' || plan.kind === 'split') throw new Error(`internal: a ${plan.kind} plan runs on buildx only`)
    const depot = await core.group('Set up Depot', async () => {
      const d = await setupDepot(s, processRunner)
      core.info(`depot ${d.version} (${d.cmd})`)
      return d
    })
    const token = await depotToken(s)
    const project = choice.project ?? ''
    core.info(`Depot project ${project} (from ${choice.projectSource ?? 'the inputs'}); credentials from ${token.source}`)
    if (s.baseAnnotations) core.warning('base-annotations needs buildx to resolve the base image; not applied to Depot builds')
    const env = depotEnv(process.env, { token: token.token, project })
    const ctx: DepotContext = { project, ...githubContext() }
    let results: BuildResult[]
    let metadata: Record<string, unknown>
    secretFiles = writeSecretFiles(s, state.tempDir)
    if (plan.kind === 'single') {
      const result = await core.group('Build on Depot', () => depotSingle(s, depot, ctx, env, state.tempDir, secretFiles))
      results = [result]
      metadata = result.metadata
    } else {
      const input = bakeInput(plan, state.tempDir)
      const baked = await core.group(`Bake ${input.targets.join(', ') || 'default'} on Depot`, () =>
        depotBake(s, depot, ctx, env, state.tempDir, input, secretFiles)
      )
      results = baked.results
      metadata = baked.metadata
    }
    const info = depotBuildInfo(metadata)
    core.setOutput('depot-build-id', info.buildId)
    core.setOutput('depot-project-id', info.projectId || project)
    // and under the names depot's own actions give them
    core.setOutput('build-id', info.buildId)
    core.setOutput('project-id', info.projectId || project)
    if (info.buildId) core.info(`Depot build ${info.buildId} in project ${info.projectId || project}`)
    return results
  } catch (e) {
    if (e instanceof DepotUnavailable && mayFallBack) {
      core.warning(`Depot is unavailable, building with buildx instead: ${e.message}`)
      state.engine = 'buildx'
      state.engineReason = `fell back from Depot before the build started: ${e.message}`
      saveState(state)
      return undefined
    }
    if (e instanceof DepotUnavailable)
      throw new Error(`${e.message}${s.engine === 'depot' ? ' (set depot-fallback: true to build with buildx instead)' : ''}`)
    throw e
  } finally {
    // Secret values never outlive the build.
    removeFiles(secretFiles.values())
  }
}

/** Manifests and layers of what Depot built, read the way buildx results are (registry, OCI export). */
export async function depotReports(s: Settings, results: BuildResult[]): Promise<ImageReport[]> {
  let bx
  try {
    bx = await setupBuildx(s.buildxVersion, s.buildxDownloadUrl, processRunner, s.buildxSha256)
  } catch (e) {
    core.warning(`cannot read what Depot built: reading manifests uses buildx (${messageOf(e)})`)
    return results.map(r => unreadReport(r, 'manifests unavailable: buildx, which reads them from the registry, could not be set up'))
  }
  const reports = await collectReports(results, {
    bx,
    caps: { buildxVersion: bx.version, containerdStore: true, historyAttachments: false, driver: 'remote' },
    builder: ''
  })
  for (const r of reports) {
    if (r.source === 'none' && r.digest)
      r.notes = [
        'Depot built the image on its own builders: its manifests can be read only from a registry it pushed to (push) or an OCI export (outputs: type=oci)'
      ]
  }
  return reports
}
