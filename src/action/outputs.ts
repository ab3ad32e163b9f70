// The step's build and builder outputs (the report outputs are report/collect.ts's).
import * as core from '../runner/commands.js'
import type { BuildResult } from '../buildx/results.js'

/** oneImage: outputs shaped like docker/build-push-action's; else a bake's, keyed by target. */
export function setBuildOutputs(results: BuildResult[], oneImage: boolean): void {
  const first = results[0]
  if (oneImage && first) {
    core.setOutput('imageid', first.imageId)
    core.setOutput('digest', first.digest)
    core.setOutput('metadata', JSON.stringify(first.metadata))
  } else {
    core.setOutput('metadata', JSON.stringify(Object.fromEntries(results.map(r => [r.target, r.metadata]))))
    if (results.length === 1 && first) {
      core.setOutput('imageid', first.imageId)
      core.setOutput('digest', first.digest)
    }
  }
  core.setOutput('digests', JSON.stringify(Object.fromEntries(results.map(r => [r.target, r.digest]))))
}

export function setBuilderPlatforms(platforms: string[]): void {
  core.setOutput('builder-platforms', platforms.join(','))
}
