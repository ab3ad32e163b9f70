// Registry login and logout through the docker CLI, as docker/login-action does it: `docker login`
// stores the credentials where the docker config says (config.json, or its credential helper),
// and buildx, BuildKit's session and this action's registry reader all find them there.
import { runChecked, succeeded, type RunResult, type Runner } from '../process/exec.js'
import { dockerCli, requireDockerCli } from './cli.js'
import { messageOf } from '../errors.js'

/** One registry to log in to (the login inputs, or an entry of registry-auth). */
export interface RegistryLogin {
  /** host[:port]; '' is Docker Hub */
  readonly registry: string
  readonly username: string
  /** never logged, stored or put in argv: it reaches `docker login` on its standard input */
  readonly password: string
}

export function registryName(registry: string): string {
  return registry || 'Docker Hub'
}

/** The password goes on standard input, never in argv (which `ps` shows to every user). */
export async function dockerLogin(login: RegistryLogin, runner: Runner, docker = dockerCli()): Promise<void> {
  const args = ['login', '--username', login.username, '--password-stdin', ...(login.registry ? ['--', login.registry] : [])]
  const failed = (line: string, r: RunResult) =>
    new Error(`login to ${registryName(login.registry)} as ${login.username} failed: ${line || `docker exited with code ${r.code}`}`)
  let r: RunResult
  try {
    r = await runner.run(requireDockerCli('registry login', docker), args, { input: login.password })
  } catch (e) {
    throw new Error(`registry login needs the docker CLI: ${messageOf(e)}`)
  }
  succeeded(r, 'docker login', failed)
}

/** `docker` is the CLI main found (post gets it from state), never one found on PATH after the build. */
export async function dockerLogout(registry: string, runner: Runner, docker: string | undefined): Promise<void> {
  await runChecked(
    runner,
    requireDockerCli('logout', docker),
    ['logout', ...(registry ? ['--', registry] : [])],
    {},
    (line, r) => new Error(line || `docker logout exited with code ${r.code}`)
  )
}
