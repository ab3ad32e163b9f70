// The Depot engine: chooses it from the facts of the run, sets the CLI up, runs the plan on it
// (depot/build.ts runs the CLI and returns facts), sets Depot's outputs, and falls back to buildx
// when Depot could not be used before anything was built.
import * as core from '../runner/commands.js'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BuildResult } from '../buildx/results.js'
import { setupBuildx } from '../buildx/install.js'
import { depotBuildInfo, depotEnv, type DepotContext } from '../depot/args.js'
import { depotBake, depotSingle, type DepotBakeInput } from '../depot/build.js'
import { depotToken, oidcAvailable, setupDepot } from '../depot/depot.js'
import { DepotUnavailable, messageOf } from '../errors.js'
import { remoteBakeSource } from '../inputs/bake-source.js'
import type { EngineChoice, EngineFacts } from '../inputs/engine-choice.js'
import type { Settings } from '../inputs/parse.js'
import type { BakePlan, BuildPlan, MatrixPlan } from '../inputs/plan.js'
import type { ImageReport } from '../oci/types.js'
import { processRunner } from '../process/exec.js'
import { collectReports } from '../report/collect.js'
import { unreadReport } from '../report/shape.js'
import { githubContext } from '../runner/context.js'
import type { Engine } from './engine.js'
import { writeSecretFiles } from './secret-files.js'
import { saveState, type State } from './state.js'
import { removeFiles, writeMatrixBakeFile } from './workspace.js'

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

/**
 * Sets Depot up and runs the plan on it. undefined when Depot could not be used before the build
 * started and falling back is allowed (engine auto, or depot-fallback): the caller then builds
 * with buildx. A build that started and failed is never retried elsewhere.
 */
export async function executeOnDepot(
  plan: BuildPlan,
  state: State,
  choice: EngineChoice
): Promise<{ engine: Engine; results: BuildResult[] } | undefined> {
  const s = plan.settings
  const mayFallBack = s.engine === 'auto' || s.depotFallback
  try {
    const engine = await setUpDepot(plan, choice, state.tempDir)
    return { engine, results: await engine.execute(plan) }
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
  }
}

/** Installs (or finds) the CLI and its credentials; every failure before a build is a DepotUnavailable. */
async function setUpDepot(plan: BuildPlan, choice: EngineChoice, tempDir: string): Promise<Engine> {
  const s = plan.settings
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

  const execute = async (p: BuildPlan): Promise<BuildResult[]> => {
    if (p.kind === 'merge' || p.kind === 'split') throw new Error(`internal: a ${p.kind} plan runs on buildx only`)
    let secretFiles = new Map<string, string>()
    try {
      let results: BuildResult[]
      let metadata: Record<string, unknown>
      secretFiles = writeSecretFiles(p.settings, tempDir)
      if (p.kind === 'single') {
        const result = await core.group('Build on Depot', () => depotSingle(p, depot, ctx, env, tempDir, secretFiles))
        results = [result]
        metadata = result.metadata
      } else {
        const input = bakeInput(p, tempDir)
        const baked = await core.group(`Bake ${input.targets.join(', ') || 'default'} on Depot`, () =>
          depotBake(p, depot, ctx, env, tempDir, input, secretFiles)
        )
        results = baked.results
        metadata = baked.metadata
      }
      setDepotOutputs(depotBuildInfo(metadata), project)
      return results
    } finally {
      // Secret values never outlive the build.
      removeFiles(secretFiles.values())
    }
  }
  return {
    name: 'depot',
    execute,
    readReports: (p, results) => core.group('Read what was built', () => depotReports(p.settings, results))
  }
}

function setDepotOutputs(info: { buildId: string; projectId: string }, project: string): void {
  core.setOutput('depot-build-id', info.buildId)
  core.setOutput('depot-project-id', info.projectId || project)
  // and under the names depot's own actions give them
  core.setOutput('build-id', info.buildId)
  core.setOutput('project-id', info.projectId || project)
  if (info.buildId) core.info(`Depot build ${info.buildId} in project ${info.projectId || project}`)
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

/** Manifests and layers of what Depot built, read the way buildx results are (registry, OCI export). */
async function depotReports(
  s: Pick<Settings, 'buildxVersion' | 'buildxDownloadUrl' | 'buildxSha256'>,
  results: BuildResult[]
): Promise<ImageReport[]> {
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
