// main: the flow of one run. Parse the inputs, plan the run, set up what it runs on, execute the
// plan, report what was built. Each phase is a function of its own; decisions are made by the pure
// modules (inputs/, oci/, report/ rendering), and the file system is touched through workspace.ts.
import * as core from '../runner/commands.js'
import type { BuildResult } from '../buildx/results.js'
import { InputError } from '../errors.js'
import { parseInputs, type Settings } from '../inputs/parse.js'
import { buildsOneImage, planRun, type BuildPlan } from '../inputs/plan.js'
import { setReportOutputs } from '../report/collect.js'
import type { ImageReport } from '../oci/types.js'
import { executeCall } from './checks.js'
import { executeOnDepot } from './depot.js'
import type { Engine } from './engine.js'
import { buildxEngine } from './execute.js'
import { exportBuildRecords, exportFailedBuildRecords } from './records.js'
import { setBuildOutputs } from './outputs.js'
import { maskRawSecretInputs, maskSecrets } from './secrets.js'
import { chooseEngineAndLogIn, setUpBuildx, type BuildxSetup } from './setup.js'
import { prepareSigning, signPushed } from './sign.js'
import type { Cosign } from '../sign/cosign.js'
import { stopOnSignals } from './signals.js'
import { emptyState, saveState, type State } from './state.js'
import { checkWorkspace, makeTempDir, readRunFacts } from './workspace.js'
import { githubEvent } from '../runner/context.js'
import { runReleasePlan } from './release-plan.js'
import { dockerCli } from '../docker/cli.js'
import { checkCompare, compareAfter, compareBefore } from './compare.js'
import type { PreviousTags } from '../report/compare.js'
import { gitQueryForm } from '../inputs/run-env.js'
import { withGitQueryForm } from '../inputs/git-context.js'

export async function run(): Promise<void> {
  // plan builds nothing: no state, no builder, no report (the release workflow's first job)
  if (core.getInput('mode').trim() === 'plan') return await runReleasePlan()
  const started = Date.now()
  const state = emptyState()
  stopOnSignals(state)
  // set once buildx is set up and a build may run: a failed build's records are exported too
  let failedBuild: { settings: Settings; buildx: BuildxSetup } | undefined
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

    checkCompare(plan)
    const cosign = plan.settings.call.name === 'build' ? await prepareSigning(plan.settings) : undefined
    const choice = await chooseEngineAndLogIn(plan, state)
    // after the logins, before anything is built or pushed
    const previous = await compareBefore(plan)
    const onDepot = choice.engine === 'depot' ? await executeOnDepot(plan, state, choice) : undefined
    if (onDepot) return await reportResults(plan, onDepot.engine, onDepot.results, state, cosign, previous)
    const buildx = await setUpBuildx(plan, state)
    if (gitQueryForm(process.env, buildx.caps.buildxVersion)) plan = withGitQueryForm(plan)
    if (plan.settings.call.name !== 'build') return await executeCall(plan, buildx, state)
    const engine = buildxEngine(buildx, state)
    if (plan.kind !== 'merge') failedBuild = { settings: plan.settings, buildx }
    const results = await engine.execute(plan)
    failedBuild = undefined
    // a merge builds nothing: it has no record. The export runs while what was built is read back.
    const recording = plan.kind !== 'merge' ? exportBuildRecords(plan.settings, buildx, results, state) : undefined
    try {
      await reportResults(plan, engine, results, state, cosign, previous)
    } finally {
      await recording
    }
  } catch (e) {
    recordFailure(state, e)
    if (failedBuild) await exportFailedBuildRecords(failedBuild.settings, failedBuild.buildx, state, started)
  } finally {
    state.durationMs = Date.now() - started
    saveState(state)
  }
}

/**
 * The outputs of the build, then what was built read back, published, signed and compared:
 * alike for buildx and Depot.
 */
async function reportResults(
  plan: BuildPlan,
  engine: Engine,
  results: BuildResult[],
  state: State,
  cosign: Cosign | undefined,
  previous: PreviousTags | undefined
): Promise<void> {
  setBuildOutputs(results, buildsOneImage(plan))
  const reports = await engine.readReports(plan, results)
  publishReports(reports, state)
  await signPushed(plan.settings, reports, state, cosign)
  await compareAfter(plan, reports, results, previous, state, engine.builtReader)
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
