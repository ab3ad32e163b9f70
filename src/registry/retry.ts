// Retrying idempotent registry steps, and telling a transient registry failure from a final one.
import * as core from '../runner/commands.js'
import { messageOf } from '../errors.js'

/**
 * Retries an idempotent registry step with backoff, bounded in attempts (4 attempts wait 0.5 + 1 + 2 s
 * at most). Failures that `retryable` rejects are thrown at once.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  what: string,
  attempts = 4,
  firstDelayMs = 500,
  retryable: (e: unknown) => boolean = () => true
): Promise<T> {
  let delay = firstDelayMs
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (e) {
      if (!retryable(e)) throw e
      if (i >= attempts) throw new Error(`${what} failed after ${attempts} attempts: ${messageOf(e)}`)
      core.warning(`${what} failed (attempt ${i} of ${attempts}), retrying in ${delay} ms: ${messageOf(e)}`)
      await new Promise(r => setTimeout(r, delay))
      delay *= 2
    }
  }
}

// 400-404 as an HTTP status: with its reason phrase or after "status". A bare 40x is not enough:
// buildx's progress timestamps (`#9 0.404 pushing`) end up in error texts.
const CLIENT_ERROR_STATUS =
  /(?<![.\d])40[0-4] (?:bad request|unauthorized|payment required|forbidden|not found)\b|\bstatus(?: code)?:? 40[0-4](?![.\d])/i

/** A registry failure another attempt may cure (5xx, 429, a dropped connection), not a missing or refused one. */
export function isTransientRegistryError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e)
  if (CLIENT_ERROR_STATUS.test(message)) return false
  return !/\bnot found\b|manifest unknown|name unknown|blob unknown|unauthorized|denied|forbidden|invalid reference/i.test(message)
}
