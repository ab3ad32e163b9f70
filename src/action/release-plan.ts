// mode: plan, the reusable release workflow's first job: the build and merge matrices, as JSON
// outputs. The planning is pure (inputs/release-plan.ts); the one edge is `bake --print`, which
// resolves a bake definition's targets and tags without building.
import * as core from '../runner/commands.js'
import { bakePrintArgs } from '../buildx/args.js'
import { runBuildxChecked } from '../buildx/buildx.js'
import { setupBuildx } from '../buildx/install.js'
import { InputError } from '../errors.js'
import { parseReleaseInputs, planRelease, requestedBakeTargets, type BakePrint, type BakeTargets } from '../inputs/release-plan.js'
import { processRunner } from '../process/exec.js'

export async function runReleasePlan(): Promise<void> {
  try {
    const inputs = parseReleaseInputs(name => core.getInput(name))
    let bakeTargets: BakeTargets | undefined
    if (inputs.files.length > 0 || inputs.targets.length > 0) {
      const bx = await setupBuildx('installed', '', processRunner)
      const printed = await runBuildxChecked(
        bx,
        bakePrintArgs(inputs.files, [], inputs.targets),
        inputs.source ? { cwd: inputs.source } : {},
        line => new InputError(inputs.files.length > 0 ? 'files' : 'targets', `bake cannot read the definition: ${line}`)
      )
      bakeTargets = requestedBakeTargets(JSON.parse(printed.stdout) as BakePrint)
    }
    const plan = planRelease(inputs, bakeTargets)
    for (const j of plan.matrix.include) core.info(`build ${j.target} for ${j.platform} on ${JSON.stringify(j.runner)} -> ${j.repository}`)
    for (const m of plan.merges.include) core.info(`merge ${m.target} -> ${m.tags.split('\n').join(', ')}`)
    core.setOutput('build-matrix', JSON.stringify(plan.matrix))
    core.setOutput('merge-matrix', JSON.stringify(plan.merges))
  } catch (e) {
    core.setFailed(e instanceof Error ? e.message : String(e))
  }
}
