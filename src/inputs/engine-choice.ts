// Which engine runs the build, and why. Pure: the caller gathers the facts (inputs, environment,
// the context's depot.json) and this decides, so every branch is a table row in a unit test.
import type { Engine } from './settings.js'
import { InputError, messageOf } from '../errors.js'
import { clip } from './lists.js'

export interface EngineFacts {
  engine: Engine
  /** depot-project input */
  project: string
  /** DEPOT_PROJECT_ID from the environment */
  envProject: string
  /** text of depot.json in the build context, when there is one */
  depotJson?: string
  /** a token from depot-token or DEPOT_TOKEN */
  hasToken: boolean
  /** GitHub OIDC can be asked for a token (the job has `id-token: write`) */
  oidcAvailable: boolean
  /** running in GitHub Actions (GITHUB_ACTIONS=true) */
  ci: boolean
  /** depot-fallback input */
  fallback: boolean
  /** why these settings need buildx (a mode Depot has no equivalent for), if they do */
  needsBuildx?: string
  /** Depot-only inputs the workflow gave (project, save, lint, ...): Depot is meant, never silently ignored */
  depotInputs?: string[]
}

export interface EngineChoice {
  engine: 'buildx' | 'depot'
  reason: string
  /** the Depot project to build in (engine depot) */
  project?: string
  /** where the project came from, for the log */
  projectSource?: string
  /** buildx was chosen although depot was asked for: say so as a warning */
  warning?: string
}

export const HOW_TO_SET_PROJECT =
  'set the depot-project input, the DEPOT_PROJECT_ID environment variable, or commit a depot.json ({"id": "<project id>"}) in the build context'
export const HOW_TO_SET_CREDENTIALS =
  'set the depot-token input (e.g. ${{ secrets.DEPOT_TOKEN }}) or the DEPOT_TOKEN environment variable, or give the job `permissions: id-token: write` and add a trust relationship for this repository to the Depot project (GitHub OIDC)'

export const OIDC_NEEDS_A_NAMED_PROJECT =
  'for GitHub OIDC, name the project in the depot-project input or DEPOT_PROJECT_ID, or give a depot-token'

const FROM_DEPOT_JSON = 'depot.json in the context'

/** The project id a depot.json names, or why it names none. */
export function projectFromDepotJson(text: string): { id?: string; problem?: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    return { problem: `depot.json is not valid JSON (${messageOf(e)})` }
  }
  const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined
  if (typeof id !== 'string' || id.trim() === '') return { problem: 'depot.json has no "id"' }
  return { id: id.trim() }
}

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

function resolveProject(f: EngineFacts): { id?: string; source?: string; problem?: string } {
  let found: { id: string; source: string } | undefined
  if (f.project) found = { id: f.project, source: 'depot-project input' }
  else if (f.envProject.trim()) found = { id: f.envProject.trim(), source: 'DEPOT_PROJECT_ID' }
  else if (f.depotJson !== undefined) {
    const r = projectFromDepotJson(f.depotJson)
    if (!r.id) return r.problem ? { problem: r.problem } : {}
    found = { id: r.id, source: FROM_DEPOT_JSON }
  }
  if (!found) return {}
  // It becomes a CLI argument: only the characters Depot's IDs are made of.
  if (!PROJECT_ID.test(found.id)) return { problem: `the ${found.source} ${JSON.stringify(clip(found.id, 40))} is not a Depot project ID` }
  return found
}

export function chooseEngine(f: EngineFacts): EngineChoice {
  const depotInput = f.depotInputs?.[0]
  if (f.engine === 'buildx') {
    // An explicit engine is the user's choice (a workflow that toggles engines keeps its Depot
    // inputs): they are ignored, and the log says so.
    const warning = depotInput ? `${depotInput} is a Depot input, and engine: buildx never uses Depot: it is ignored` : undefined
    return { engine: 'buildx', reason: 'set by the engine input', ...(warning ? { warning } : {}) }
  }
  // Depot's own inputs mean Depot: in CI, where auto would not pick it, auto then chooses as
  // engine: depot does (a clear error, or buildx-fallback). Outside CI auto stays buildx (documented).
  if (f.engine === 'auto' && depotInput && f.ci) {
    if (f.needsBuildx) throw new InputError(depotInput, `is a Depot input, but ${f.needsBuildx}, which runs on buildx only`)
    const auto = chooseEngine({ ...f, depotInputs: [] })
    if (auto.engine === 'depot') return auto
    let choice: EngineChoice
    try {
      choice = chooseEngine({ ...f, engine: 'depot', depotInputs: [] })
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      const detail = e.message.slice(e.input.length + 2).replace(/^engine: depot needs/, 'it needs')
      throw new InputError(depotInput, `is a Depot input, so Depot is to build: ${detail}`)
    }
    return { ...choice, reason: choice.reason.replace('set by the engine input', `Depot input ${depotInput} given`) }
  }

  if (f.needsBuildx) {
    if (f.engine === 'depot' && !f.fallback)
      throw new InputError('engine', `${f.needsBuildx}, which runs on buildx only; use engine: buildx or auto`)
    const reason = `${f.needsBuildx}, which runs on buildx only`
    return {
      engine: 'buildx',
      reason,
      ...(f.engine === 'depot' ? { warning: `engine: depot, but ${reason}: using buildx (depot-fallback: true)` } : {})
    }
  }

  const project = resolveProject(f)
  // Whoever controls the content being built controls its depot.json: such a project never gets
  // the job's identity (a token the user gave is scoped to the user's own Depot organisation).
  const oidcRefused = !f.hasToken && f.oidcAvailable && project.source === FROM_DEPOT_JSON
  const credentials = f.hasToken ? 'a token' : f.oidcAvailable && !oidcRefused ? 'GitHub OIDC' : ''
  const missing: Array<{ what: string; how: string }> = []
  if (!project.id) missing.push({ what: `no Depot project${project.problem ? ` (${project.problem})` : ''}`, how: HOW_TO_SET_PROJECT })
  if (oidcRefused)
    missing.push({
      what: `Depot project ${clip(project.id ?? '', 40)} is named only by depot.json in the build context, and GitHub OIDC is never used for a project the content being built chooses`,
      how: OIDC_NEEDS_A_NAMED_PROJECT
    })
  else if (!credentials) missing.push({ what: 'no Depot credentials', how: HOW_TO_SET_CREDENTIALS })

  if (f.engine === 'depot') {
    if (missing.length > 0) {
      const detail = missing.map(m => `${m.what}: ${m.how}`).join('; ')
      if (f.fallback) {
        return {
          engine: 'buildx',
          reason: `engine: depot was asked for, but ${missing.map(m => m.what).join(' and ')}; depot-fallback: true`,
          warning: `engine: depot, but ${detail}. Using buildx (depot-fallback: true)`
        }
      }
      const input = oidcRefused ? 'depot-project' : !project.id && !credentials ? 'engine' : !project.id ? 'depot-project' : 'depot-token'
      throw new InputError(input, `engine: depot needs a project and credentials; ${detail}`)
    }
    return {
      engine: 'depot',
      reason: `set by the engine input; project ${clip(project.id ?? '', 40)} from ${project.source}, credentials from ${credentials}`,
      project: project.id ?? '',
      projectSource: project.source ?? ''
    }
  }

  // auto: Depot only where it is clearly meant: in CI, with a project and credentials.
  if (!f.ci) return { engine: 'buildx', reason: 'not running in GitHub Actions (GITHUB_ACTIONS is not true); auto uses Depot only in CI' }
  if (!project.id) return { engine: 'buildx', reason: `no Depot project${project.problem ? ` (${project.problem})` : ''}` }
  if (oidcRefused) return { engine: 'buildx', reason: `${missing.map(m => m.what).join('; ')} (${OIDC_NEEDS_A_NAMED_PROJECT})` }
  if (!credentials)
    return { engine: 'buildx', reason: `Depot project ${clip(project.id, 40)} found, but no Depot credentials (no token, no GitHub OIDC)` }
  return {
    engine: 'depot',
    reason: `Depot project ${clip(project.id, 40)} from ${project.source} and credentials from ${credentials}`,
    project: project.id,
    projectSource: project.source ?? ''
  }
}
