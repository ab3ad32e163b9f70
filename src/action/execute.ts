// The buildx engine: executing a plan with buildx (one run function per kind of plan, nothing
// re-derived from settings) and reading back what it built.
import * as core from '../runner/commands.js'
import type { BuildContext } from '../buildx/args.js'
import { bake, mergeDigests, singleBuild, splitBuild, type BuildEnv } from '../buildx/build.js'
import type { BuildResult } from '../buildx/results.js'
import type { ImageReport } from '../oci/types.js'
import { collectReports, type ReportDeps } from '../report/collect.js'
import { githubContext } from '../runner/context.js'
import { writeSecretFiles } from './secret-files.js'
import type { Buildx } from '../buildx/buildx.js'
import { dockerfileBase, resolveBase } from '../report/base-image.js'
import { checkAgainstCapabilities } from '../inputs/parse.js'
import { withBaseAnnotations, type BuildPlan } from '../inputs/plan.js'
import { reportBuildWarnings } from './checks.js'
import type { Engine } from './engine.js'
import type { BuildxSetup } from './setup.js'
import type { State } from './state.js'
import { removeFiles, writeMatrixBakeFile } from './workspace.js'

/** buildx, set up, as the engine of the run. */
export function buildxEngine(buildx: BuildxSetup, state: State): Engine {
  const reader: ReportDeps = { bx: buildx.bx, caps: buildx.caps, builder: buildx.builder.name }
  return {
    name: 'buildx',
    execute: async plan => {
      const results = await executePlan(plan, buildx, state)
      reportBuildWarnings(results, state)
      return results
    },
    readReports: (plan, results) => readReports(plan, buildx, reader, results),
    builtReader: reader
  }
}

async function readReports(plan: BuildPlan, buildx: BuildxSetup, reader: ReportDeps, results: BuildResult[]): Promise<ImageReport[]> {
  await buildx.settleInspect()
  const reports = await core.group('Read what was built', () => collectReports(results, reader))
  const only = reports[0]
  if (plan.reports.dockerfileBase && only) {
    const fromDockerfile = dockerfileBase(plan, only.baseImages)
    if (fromDockerfile) only.baseImages.unshift(fromDockerfile)
  }
  return reports
}

async function executePlan(plan: BuildPlan, buildx: BuildxSetup, state: State): Promise<BuildResult[]> {
  checkAgainstCapabilities(plan.settings, buildx.caps, plan.kind === 'bake' || plan.kind === 'matrix' ? 'bake' : 'build')
  const ctx: BuildContext = { builder: buildx.builder.name, caps: buildx.caps, ...githubContext() }
  const env: BuildEnv = { bx: buildx.bx, ctx, tempDir: state.tempDir, secretFiles: writeSecretFiles(plan.settings, state.tempDir) }
  try {
    return await runPlan(await annotateWithBase(plan, buildx.bx), env)
  } finally {
    // Secret values never outlive the build.
    removeFiles(env.secretFiles.values())
  }
}

/** base-annotations: resolve the final stage's base before the build and annotate index and manifests. */
async function annotateWithBase(plan: BuildPlan, bx: Buildx): Promise<BuildPlan> {
  if (!plan.settings.baseAnnotations) return plan
  if (!plan.resolveBase) {
    core.warning('base-annotations applies to single and platform-split builds; bake files can set annotations per target')
    return plan
  }
  const base = await core.group('Resolve the base image', () => resolveBase(bx, plan))
  return base ? withBaseAnnotations(plan, base) : plan
}

async function runPlan(plan: BuildPlan, env: BuildEnv): Promise<BuildResult[]> {
  const s = plan.settings
  switch (plan.kind) {
    case 'merge': {
      const merged = await core.group(`Merge ${plan.sources.length} digest(s) into ${plan.tags.join(', ')}`, () =>
        mergeDigests(s.annotations, env, plan.sources, plan.tags)
      )
      merged.target = s.target || 'default'
      return [merged]
    }
    case 'matrix': {
      const file = writeMatrixBakeFile(env.tempDir, plan.definition)
      core.info(`matrix: ${plan.combinations.length} combination(s) -> targets ${plan.targets.join(', ')}`)
      return core.group(`Bake ${plan.targets.length} matrix target(s)`, () => bake(plan, [file], env))
    }
    case 'bake':
      return core.group(`Bake ${plan.targets.join(', ') || 'default'}`, () => bake(plan, plan.files, env))
    case 'split': {
      const split = await core.group(`Build ${plan.platforms.length} platforms separately, then merge`, () => splitBuild(plan, env))
      return [split.merged]
    }
    case 'single':
      return [await core.group('Build', () => singleBuild(plan, env))]
  }
}
