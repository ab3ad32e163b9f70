// The run's Git context in the form the set-up buildx is sent it (BUILDX_SEND_GIT_QUERY_AS_INPUT):
// known only once buildx is set up, so the plan made from the inputs (fragment form) is rewritten
// then, before anything is built. Pure.
import type { BakeTarget } from './matrix.js'
import type { BuildPlan } from './plan.js'
import { queryFormOf } from './run-env.js'

/**
 * The plan with every use of the run's Git context in the query form: the context, the build
 * contexts, and the targets of a matrix's generated definition. Contexts the user wrote are kept.
 */
export function withGitQueryForm<P extends BuildPlan>(plan: P): P {
  const s = plan.settings
  const q = (v: string) => queryFormOf(v, s.defaultContext)
  const entry = (e: string) => `${e.slice(0, e.indexOf('='))}=${q(e.slice(e.indexOf('=') + 1))}`
  const settings = { ...s, context: q(s.context), buildContexts: s.buildContexts.map(entry) }
  if (plan.kind !== 'matrix') return { ...plan, settings }
  const target = (t: BakeTarget): BakeTarget => ({
    ...t,
    ...(t.context !== undefined ? { context: q(t.context) } : {}),
    ...(t.contexts ? { contexts: Object.fromEntries(Object.entries(t.contexts).map(([k, v]) => [k, q(v)])) } : {})
  })
  const definition = {
    ...plan.definition,
    target: Object.fromEntries(Object.entries(plan.definition.target).map(([k, t]) => [k, target(t)]))
  }
  return { ...plan, settings, definition }
}
