// compare-with in the run: the tags read before the push, then the changes of what was built (the
// changes output, state for post's summary section) and max-size-increase, which fails the step.
import * as core from '../runner/commands.js'
import type { BuildResult } from '../buildx/results.js'
import { checkComparePlaceholders, targetAxes } from '../inputs/compare.js'
import type { BuildPlan } from '../inputs/plan.js'
import type { ImageReport } from '../oci/types.js'
import { changesOutput, sizeLimitViolations, summaryLine } from '../report/changes.js'
import { compareReports, readPreviousTags, type PreviousTags } from '../report/compare.js'
import type { ReportDeps } from '../report/collect.js'
import type { State } from './state.js'

function axesOf(plan: BuildPlan) {
  return plan.kind === 'matrix' ? targetAxes(plan.combinations, plan.settings.matrixName) : {}
}

/** compare-with's placeholders filled in for every target: bad input fails before anything is set up. */
export function checkCompare(plan: BuildPlan): void {
  checkComparePlaceholders(plan.settings.compare.compareWith, axesOf(plan))
}

/** For the default (no compare-with, pushing): what each tag points at before this step's push moves it. */
export async function compareBefore(plan: BuildPlan): Promise<PreviousTags | undefined> {
  const s = plan.settings.compare
  if (!s.previous || plan.settings.call.name !== 'build') return undefined
  // A bake's tags are in its files, known once built: it is compared with compare-with only.
  const tags =
    plan.kind === 'matrix'
      ? Object.values(plan.definition.target).flatMap(t => t.tags ?? [])
      : plan.kind === 'single' || plan.kind === 'split'
        ? plan.tags
        : []
  if (tags.length === 0) return new Map()
  return core.group('Read the tags before the push (compare-with)', async () => {
    const found = await readPreviousTags(tags)
    for (const [tag, at] of found) core.info(`${tag}: ${'why' in at ? `not read (${at.why})` : at.digest || 'does not exist yet'}`)
    return found
  })
}

/** The changes of every report; throws (after the output and state are set) when max-size-increase is exceeded. */
export async function compareAfter(
  plan: BuildPlan,
  reports: ImageReport[],
  results: BuildResult[],
  previous: PreviousTags | undefined,
  state: State,
  deps: ReportDeps | undefined
): Promise<void> {
  const s = plan.settings.compare
  if (!s.compareWith && !s.previous) return
  const changes = await core.group('Compare with the previous image (compare-with)', async () => {
    const found = await compareReports(s, reports, results, axesOf(plan), previous, deps)
    for (const t of found) core.info(`${t.target} against ${t.compareWith || '(nothing)'}: ${summaryLine(t)}`)
    return found
  })
  core.setOutput('changes', changesOutput(changes))
  state.changes = changes
  if (!s.maxSizeIncrease) return
  const over = sizeLimitViolations(changes, s.maxSizeIncrease)
  if (over.length > 0) throw new Error(over.join('\n'))
  core.info(`max-size-increase: no platform grew by more than ${s.maxSizeIncrease.text}`)
}
