// Resolves the final stage's base image before the build, for base-image annotations.
// The edges only (the Dockerfile read, buildx asked): parsing is in dockerfile/ and oci/.
import * as core from '../runner/commands.js'
import { existsSync, readFileSync } from 'node:fs'
import type { ResolvedBase } from '../oci/annotations.js'
import type { BaseImage } from '../oci/types.js'
import { type Buildx, runBuildx } from '../buildx/buildx.js'
import { imagetoolsInspectArgs } from '../buildx/args.js'
import { lastOutputLine } from '../process/exec.js'
import type { BuildPlan } from '../inputs/plan.js'
import { dockerfileBaseImage } from '../oci/base-images.js'
import { finalStageBase } from '../dockerfile/parse.js'
import { isRemoteContext } from '../inputs/run-env.js'
import { resolvedBase } from '../oci/manifests.js'

/** The final stage's FROM with build args applied: undefined without a Dockerfile, '' without a base image. */
function finalStageOf(plan: BuildPlan): string | undefined {
  const s = plan.settings
  // a Git or HTTP context is fetched by BuildKit: its Dockerfile is not on this machine
  if (isRemoteContext(s.context)) return undefined
  const file = plan.dockerfile
  if (!existsSync(file)) return undefined
  return finalStageBase(readFileSync(file, 'utf8'), Object.fromEntries(s.buildArgs), s.target || undefined) ?? ''
}

export async function resolveBase(bx: Buildx, plan: BuildPlan): Promise<ResolvedBase | undefined> {
  const name = finalStageOf(plan)
  if (name === undefined) return undefined
  if (!name) {
    core.info('base-annotations: the final stage has no base image (FROM scratch); nothing to annotate')
    return undefined
  }
  const r = await runBuildx(bx, imagetoolsInspectArgs(name, { raw: true }))
  if (r.code !== 0) {
    core.warning(`base-annotations: cannot resolve ${name}: ${lastOutputLine(r)}`)
    return undefined
  }
  const base = resolvedBase(name, r.stdout)
  core.info(`base-annotations: ${name} is ${base.digest}`)
  return base
}

/**
 * The final stage's FROM (build args applied), as a base image entry; its digest is taken from
 * the provenance materials already found for the same name, when there are any.
 */
export function dockerfileBase(plan: BuildPlan, known: BaseImage[]): BaseImage | undefined {
  const name = finalStageOf(plan)
  return name ? dockerfileBaseImage(name, known) : undefined
}
