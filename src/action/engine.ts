// The engine of a run (the engine input: buildx or Depot) behind one interface. Setting one up is
// its own step (setUpBuildx in setup.ts, then buildxEngine in execute.ts; setUpDepot in
// depot.ts); then main executes the plan and reads back what was built the same way for both.
// "Engine" means only this: buildx once installed, with its builder, is a BuildxSetup
// (setup.ts), and the Docker daemon (docker/daemon.ts) is the daemon, whose own builder is the
// docker driver's.
import type { BuildResult } from '../buildx/results.js'
import type { BuildPlan } from '../inputs/plan.js'
import type { ImageReport } from '../oci/types.js'
import type { ReportDeps } from '../report/collect.js'

export interface Engine {
  readonly name: 'buildx' | 'depot'
  /** builds the plan: one result per image (or bake target) */
  execute(plan: BuildPlan): Promise<BuildResult[]>
  /** what was built, read back (manifests, layers, base images) */
  readReports(plan: BuildPlan, results: BuildResult[]): Promise<ImageReport[]>
  /** how an image that was neither pushed nor loaded is read (its build record); none on Depot */
  readonly builtReader?: ReportDeps
}
