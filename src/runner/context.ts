// What the workflow run says about itself: the event that started it, and the facts derived from it.
import { readFileSync } from 'node:fs'

let eventCache: { path: string; event: unknown } | undefined

/** The webhook payload of the run (GITHUB_EVENT_PATH), read once; undefined when unreadable. */
export function githubEvent(): unknown {
  const eventPath = process.env['GITHUB_EVENT_PATH'] ?? ''
  if (eventCache?.path === eventPath) return eventCache.event
  let event: unknown
  try {
    event = eventPath ? (JSON.parse(readFileSync(eventPath, 'utf8')) as unknown) : undefined
  } catch {
    event = undefined // an unreadable event file only changes defaults (provenance mode, fork rule)
  }
  eventCache = { path: eventPath, event }
  return event
}

/** What the run says about provenance defaults: a public repository, and the run URL as builder id. */
export function githubContext(): { publicRepo: boolean; builderId: string } {
  const event = githubEvent() as { repository?: { private?: boolean } } | undefined
  const publicRepo = event?.repository?.private === false
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env
  return { publicRepo, builderId: server && repo && runId ? `${server}/${repo}/actions/runs/${runId}` : '' }
}

/**
 * Whether no later step can read this step's outputs: the runner names a step that has no `id`
 * `__<action>` or `__run` (GITHUB_ACTION; an id of one's own cannot start with `__`) and drops the
 * outputs of such a step. Outside a runner (GITHUB_ACTIONS not true) nothing is known: false.
 */
export function stepOutputsUnread(env: NodeJS.ProcessEnv): boolean {
  return env['GITHUB_ACTIONS'] === 'true' && (env['GITHUB_ACTION'] ?? '').startsWith('__')
}
