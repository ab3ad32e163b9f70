// main: the flow of one run. Parse the inputs, plan the run, set up what it runs on, execute the
// plan, report what was built. Each phase is a function of its own; decisions are made by the pure
// modules (inputs/, oci/, report/ rendering), and the file system is touched through workspace.ts.
import * as core from '../runner/commands.js'
import type { BuildResult } from '../buildx/results.js'
import { buildWithDepot, depotReports } from '../depot/build.js'
import { dockerfileBase } from '../report/base-image.js'
import type { EngineChoice } from '../inputs/engine-choice.js'
import { InputError } from '../errors.js'
import { parseInputs, type Settings } from '../inputs/parse.js'
import { buildsOneImage, planRun, type BuildPlan } from '../inputs/plan.js'
import { collectReports, setReportOutputs } from '../report/collect.js'
import type { ImageReport } from '../oci/types.js'
import { executeCall, reportBuildWarnings } from './checks.js'
import { executePlan } from './execute.js'
import { exportBuildRecords, exportFailedBuildRecords } from './records.js'
import { setBuildOutputs } from './outputs.js'
import { maskRawSecretInputs, maskSecrets } from './secrets.js'
import { setUpBuildx, setUpEngine, type BuildxEngine } from './setup.js'
import { prepareSigning, signPushed } from './sign.js'
import type { Cosign } from '../sign/cosign.js'
import { stopOnSignals } from './signals.js'
import { emptyState, saveState, type State } from './state.js'
import { checkWorkspace, makeTempDir, readRunFacts } from './workspace.js'
import { githubEvent } from '../runner/context.js'
import { runReleasePlan } from './release-plan.js'
import { dockerCli } from '../docker/cli.js'
import { gitQueryForm } from '../inputs/run-env.js'
import { withGitQueryForm } from '../inputs/git-context.js'

export async function run(): Promise<void> {
  // plan builds nothing: no state, no builder, no report (the release workflow's first job)
  if (core.getInput('mode').trim() === 'plan') return await runReleasePlan()
  const started = Date.now()
  const state = emptyState()
  stopOnSignals(state)
  // set once buildx is set up and a build may run: a failed build's records are exported too
  let failedBuild: { settings: Settings; engine: BuildxEngine } | undefined
  try {
    maskRawSecretInputs(name => core.getInput(name))
    const settings = parseInputs(name => core.getInput(name), { env: process.env, event: githubEvent() })
    maskSecrets(settings)
    let plan = planRun(settings, readRunFacts(settings))
    checkWorkspace(plan)
    for (const warning of plan.warnings) core.warning(warning)
    state.summary = settings.summary
    state.keepBuilder = settings.keepBuilder
    state.tempDir = makeTempDir()
    // found before anything is built: a build's local output may land in a folder on PATH
    state.dockerCmd = dockerCli() ?? ''
    saveState(state)

    const cosign = plan.settings.call.name === 'build' ? await prepareSigning(plan.settings) : undefined
    const choice = await setUpEngine(plan, state)
    if (choice.engine === 'depot' && (await executeOnDepot(plan, state, choice, cosign))) return
    const engine = await setUpBuildx(plan, state)
    if (gitQueryForm(process.env, engine.caps.buildxVersion)) plan = withGitQueryForm(plan)
    if (plan.settings.call.name !== 'build') return await executeCall(plan, engine, state)
    if (plan.kind !== 'merge') failedBuild = { settings: plan.settings, engine }
    const results = await executePlan(plan, engine, state)
    failedBuild = undefined
    reportBuildWarnings(results, state)
    // a merge builds nothing: it has no record. The export runs while what was built is read back.
    const recording = plan.kind !== 'merge' ? exportBuildRecords(plan.settings, engine, results, state) : undefined
    try {
      await reportResults(plan, engine, results, state, cosign)
    } finally {
      await recording
    }
  } catch (e) {
    recordFailure(state, e)
    if (failedBuild) await exportFailedBuildRecords(failedBuild.settings, failedBuild.engine, state, started)
  } finally {
    state.durationMs = Date.now() - started
    saveState(state)
  }
}

/** The plan run on Depot. false: Depot was unusable before anything was built and falling back is allowed. */
async function executeOnDepot(plan: BuildPlan, state: State, choice: EngineChoice, cosign: Cosign | undefined): Promise<boolean> {
  const results = await buildWithDepot(plan, state, choice)
  if (!results) return false
  setBuildOutputs(results, buildsOneImage(plan))
  const reports = await core.group('Read what was built', () => depotReports(plan.settings, results))
  publishReports(reports, state)
  await signPushed(plan.settings, reports, state, cosign)
  return true
}

async function reportResults(
  plan: BuildPlan,
  engine: BuildxEngine,
  results: BuildResult[],
  state: State,
  cosign: Cosign | undefined
): Promise<void> {
  setBuildOutputs(results, buildsOneImage(plan))
  await engine.settleInspect()
  const { bx, caps, builder } = engine
  const reports = await core.group('Read what was built', () => collectReports(results, { bx, caps, builder: builder.name }))
  const only = reports[0]
  if (plan.reports.dockerfileBase && only) {
    const fromDockerfile = dockerfileBase(plan.settings, only.baseImages)
    if (fromDockerfile) only.baseImages.unshift(fromDockerfile)
  }
  publishReports(reports, state)
  await signPushed(plan.settings, reports, state, cosign)
}

function publishReports(reports: ImageReport[], state: State): void {
  setReportOutputs(reports)
  state.reports = reports
}

function recordFailure(state: State, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e)
  state.error = message
  if (e instanceof InputError) state.errorInput = e.input
  core.setFailed(message)
}
