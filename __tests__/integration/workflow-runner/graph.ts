// The job graph as GitHub walks it: the order of jobs by `needs`, the status functions a job's
// `if:` sees, a matrix expanded into its legs, and what a job's legs add up to. Pure.
import type { Status, Value } from './expressions.js'

export type Result = 'success' | 'failure' | 'cancelled' | 'skipped'

/** Jobs in an order where each comes after every job it needs; a cycle or an unknown need throws. */
export function jobOrder(needs: Record<string, string[]>): string[] {
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string, from: string) => {
    if (!(id in needs)) throw new Error(`job ${from} needs ${id}, which is not a job of this workflow`)
    if (state.get(id) === 'done') return
    if (state.get(id) === 'visiting') throw new Error(`jobs ${id} and ${from} need each other`)
    state.set(id, 'visiting')
    for (const n of needs[id] ?? []) visit(n, id)
    state.set(id, 'done')
    order.push(id)
  }
  for (const id of Object.keys(needs)) visit(id, id)
  return order
}

/** Every job `id` needs, directly or through the jobs it needs. */
export function ancestors(id: string, needs: Record<string, string[]>): string[] {
  const seen = new Set<string>()
  const walk = (j: string) => {
    for (const n of needs[j] ?? []) {
      if (!seen.has(n)) {
        seen.add(n)
        walk(n)
      }
    }
  }
  walk(id)
  return [...seen]
}

/** success(): every job needed (and theirs) succeeded; failure(): one of them failed. */
export function jobStatus(id: string, needs: Record<string, string[]>, results: Record<string, Result>, cancelled = false): Status {
  const before = ancestors(id, needs).map(j => results[j])
  return {
    success: before.every(r => r === 'success'),
    failure: before.some(r => r === 'failure'),
    cancelled
  }
}

/** success(): no step before failed; failure(): one did. */
export function stepStatus(outcomes: Result[], cancelled = false): Status {
  const failed = outcomes.some(r => r === 'failure')
  return { success: !failed, failure: failed, cancelled }
}

type Leg = Record<string, Value>

/**
 * A `strategy.matrix` as its legs: the product of its axes, with exclude removed, then each
 * include merged into the legs it matches (or added as a leg of its own), as GitHub expands it.
 */
export function expandMatrix(matrix: Value): Leg[] {
  if (matrix === null || matrix === undefined) return [{}]
  if (typeof matrix !== 'object' || Array.isArray(matrix)) throw new Error(`strategy.matrix is not a mapping: ${JSON.stringify(matrix)}`)
  const { include, exclude, ...axes } = matrix as Record<string, Value>
  let legs: Leg[] = [{}]
  const axisNames = Object.keys(axes)
  for (const name of axisNames) {
    const values = axes[name]
    if (!Array.isArray(values)) throw new Error(`strategy.matrix.${name} is not a list`)
    legs = legs.flatMap(l => values.map(v => ({ ...l, [name]: v })))
  }
  if (axisNames.length === 0) legs = []
  const matches = (leg: Leg, part: Record<string, Value>) =>
    Object.entries(part).every(([k, v]) => JSON.stringify(leg[k]) === JSON.stringify(v))
  for (const ex of (Array.isArray(exclude) ? exclude : []) as Array<Record<string, Value>>) legs = legs.filter(l => !matches(l, ex))
  const original = legs.map(l => ({ ...l }))
  for (const inc of (Array.isArray(include) ? include : []) as Array<Record<string, Value>>) {
    // an include extends the original legs whose axis values it does not change, else it is a leg of its own
    const axisPart = Object.fromEntries(Object.entries(inc).filter(([k]) => axisNames.includes(k)))
    const targets = legs.filter((l, i) => matches(original[i] ?? {}, axisPart))
    if (axisNames.length > 0 && targets.length > 0) for (const l of targets) Object.assign(l, inc)
    else legs.push({ ...inc })
  }
  if (legs.length === 0) throw new Error('strategy.matrix has no leg')
  return legs
}

/** A matrix job's result from its legs': one failure fails it, as one cancelled leg cancels it. */
export function combine(results: Result[]): Result {
  if (results.includes('failure')) return 'failure'
  if (results.includes('cancelled')) return 'cancelled'
  if (results.length > 0 && results.every(r => r === 'skipped')) return 'skipped'
  return 'success'
}
