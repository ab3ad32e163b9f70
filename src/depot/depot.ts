// The depot CLI at the edge: install (verified), version probe, credentials (token or GitHub
// OIDC), and running it. Anything that goes wrong here happens before a build starts, so it is a
// DepotUnavailable: with engine auto or depot-fallback the caller builds with buildx instead.
import * as core from '../runner/commands.js'
import { DEPOT_RELEASE } from '../install/releases.js'
import { setupTool } from '../install/setup.js'
import { parseDepotVersion } from './args.js'
import { buildToolRunner, type RunOptions, type RunResult, type Runner } from '../process/exec.js'
import type { Settings } from '../inputs/parse.js'
import { DepotUnavailable, InputError, messageOf } from '../errors.js'

export interface Depot {
  cmd: string
  version: string
  runner: Runner
}

export const DEPOT_AUDIENCE = 'https://depot.dev'
const DEFAULT_OIDC_EXCHANGE = 'https://github.depot.dev/auth/oidc/github-actions'

async function probeVersion(runner: Runner, cmd: string): Promise<string> {
  let r: RunResult
  try {
    r = await runner.run(cmd, ['--version'], { env: { ...process.env, DEPOT_NO_UPDATE_NOTIFIER: '1' } })
  } catch (e) {
    throw new DepotUnavailable(`cannot run ${cmd}: ${messageOf(e)}`)
  }
  const v = r.code === 0 ? parseDepotVersion(r.stdout) : ''
  if (!v)
    throw new DepotUnavailable(
      `${cmd} --version did not report a depot version (exit ${r.code}): ${(r.stdout + r.stderr).trim().split('\n')[0] ?? ''}`
    )
  return v
}

/** Installs (or finds) the CLI through the one installer flow; every failure is a DepotUnavailable naming the input to fix. */
export async function setupDepot(
  s: Pick<Settings, 'depotVersion' | 'depotDownloadUrl' | 'depotSha256'>,
  anyRunner: Runner
): Promise<Depot> {
  // depot is handed DEPOT_TOKEN (the action mints the OIDC token itself), never the OIDC request variables
  const runner = buildToolRunner(anyRunner)
  return setupTool<Depot>({
    release: DEPOT_RELEASE,
    version: s.depotVersion,
    downloadUrl: s.depotDownloadUrl,
    sha256: s.depotSha256,
    installed: () =>
      probeVersion(runner, 'depot').then(
        version => ({ cmd: 'depot', version, runner }),
        (e: Error) => e.message
      ),
    noneInstalled: why => new DepotUnavailable(`depot-version: installed was asked for, but no working depot is on PATH (${why})`),
    probe: async path => ({ cmd: path, version: await probeVersion(runner, path), runner }),
    failure: e => new DepotUnavailable(e.message),
    timed: true
  })
}

export function oidcAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'])
}

/** Depot's GitHub OIDC exchange; on the same control plane as the CLI when DEPOT_API_URL moves it. */
export function oidcExchangeUrl(env: NodeJS.ProcessEnv = process.env): string {
  const api = env['DEPOT_API_URL']?.trim()
  return api ? `${api.replace(/\/+$/, '')}/auth/oidc/github-actions` : DEFAULT_OIDC_EXCHANGE
}

export interface DepotToken {
  /** masked as soon as it is known; passed to the CLI only as DEPOT_TOKEN */
  token: string
  source: string
}

/**
 * The token for the CLI: depot-token, else DEPOT_TOKEN, else GitHub OIDC. An OIDC token is
 * exchanged for a short-lived Depot token where Depot's exchange answers (as Depot's own action
 * does); otherwise the CLI is handed the OIDC token itself, which Depot's API also accepts for
 * projects with a trust relationship (the CLI does the same when it finds no token).
 */
export async function depotToken(s: Pick<Settings, 'depotToken'>): Promise<DepotToken> {
  const direct = s.depotToken || process.env['DEPOT_TOKEN']?.trim() || ''
  if (direct) {
    core.setSecret(direct)
    return { token: direct, source: s.depotToken ? 'the depot-token input' : 'DEPOT_TOKEN' }
  }
  if (!oidcAvailable()) {
    throw new InputError(
      'depot-token',
      'no Depot token (depot-token, DEPOT_TOKEN) and no GitHub OIDC (the job needs `permissions: id-token: write`)'
    )
  }
  let idToken: string
  try {
    idToken = await core.getIDToken(DEPOT_AUDIENCE)
  } catch (e) {
    throw new DepotUnavailable(`cannot get a GitHub OIDC token for ${DEPOT_AUDIENCE}: ${messageOf(e).replace(/\s+/g, ' ').trim()}`)
  }
  core.setSecret(idToken)
  const url = oidcExchangeUrl()
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token: idToken }),
      signal: AbortSignal.timeout(30_000)
    })
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; token?: unknown }
    if (res.ok && typeof body.token === 'string' && body.token) {
      core.setSecret(body.token)
      return { token: body.token, source: 'GitHub OIDC, exchanged for a temporary Depot token' }
    }
    core.info(`Depot's OIDC exchange (${url}) answered ${res.status}; the CLI gets the GitHub OIDC token itself`)
  } catch (e) {
    core.info(`Depot's OIDC exchange (${url}) failed (${messageOf(e)}); the CLI gets the GitHub OIDC token itself`)
  }
  return { token: idToken, source: 'GitHub OIDC' }
}

export function runDepot(d: Depot, args: string[], opts: RunOptions): Promise<RunResult> {
  return d.runner.run(d.cmd, args, opts)
}
