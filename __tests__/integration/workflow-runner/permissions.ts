// The permission ceiling of a reusable workflow, as GitHub checks it when a run starts, before any
// job's `if:`: every job of the called workflow that declares `permissions:` (or gets the called
// workflow's top-level ones) may ask for no more than the calling job grants; a job that declares
// none gets the caller's grant. A failure here means the run never starts. Pure.

export type Level = 'none' | 'read' | 'write'
/** Every scope with its level (scopes not named are none once any is named, as GitHub sets them). */
export type Grant = Record<string, Level>

export const SCOPES = [
  'actions',
  'artifact-metadata',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses'
] as const

const RANK: Record<Level, number> = { none: 0, read: 1, write: 2 }
const all = (level: Level): Grant => Object.fromEntries(SCOPES.map(s => [s, s === 'id-token' && level === 'read' ? 'none' : level]))

/**
 * The token of a job with no `permissions:` anywhere: the repository's default, here the
 * restricted one new repositories get (contents and packages read, no id-token).
 */
export const RESTRICTED_DEFAULT: Grant = { ...all('none'), contents: 'read', packages: 'read' }

/** `permissions:` as written (read-all, write-all, {} or a map); undefined when not declared. */
export function parsePermissions(raw: unknown, where: string): Grant | undefined {
  if (raw === undefined || raw === null) return undefined
  if (raw === 'read-all') return all('read')
  if (raw === 'write-all') return all('write')
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${where}: permissions must be read-all, write-all or a map`)
  const grant = all('none')
  for (const [scope, level] of Object.entries(raw as Record<string, unknown>)) {
    if (!(SCOPES as readonly string[]).includes(scope)) throw new Error(`${where}: unknown permission scope ${scope}`)
    if (level !== 'none' && level !== 'read' && level !== 'write')
      throw new Error(`${where}: ${scope}: ${String(level)} is not none, read or write`)
    grant[scope] = level
  }
  return grant
}

/** What a job of a top-level workflow gets: its own permissions, else the workflow's, else the default. */
export function jobGrant(workflowPermissions: unknown, jobPermissions: unknown, where: string): Grant {
  return parsePermissions(jobPermissions, where) ?? parsePermissions(workflowPermissions, where) ?? RESTRICTED_DEFAULT
}

/** GitHub's refusal, one line per scope a nested job asks for beyond the calling job's grant. */
export function ceilingProblems(
  granted: Grant,
  called: { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> },
  file: string
): string[] {
  const problems: string[] = []
  for (const [id, job] of Object.entries(called.jobs)) {
    const asked = parsePermissions(job.permissions, `${file}: job ${id}`) ?? parsePermissions(called.permissions, file)
    if (!asked) continue // no permissions: it inherits the caller's grant
    for (const scope of SCOPES) {
      const want = asked[scope] ?? 'none'
      const have = granted[scope] ?? 'none'
      if (RANK[want] > RANK[have])
        problems.push(`The nested job '${id}' is requesting '${scope}: ${want}', but is only allowed '${scope}: ${have}'`)
    }
  }
  return problems
}
