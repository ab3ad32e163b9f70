// The docker CLI this action runs (login, logout, `docker buildx`, `docker info`): found on PATH
// once, before any build runs, and run by that absolute path from then on (post too, through state).
import { findOnPath } from '../process/which.js'

let found: { path: string | undefined } | undefined

/** The docker CLI's absolute path, found the first time it is asked for; undefined: none on PATH. */
export function dockerCli(): string | undefined {
  found ??= { path: findOnPath('docker') }
  return found.path
}

/** The docker CLI's path, or an error saying what needs it. */
export function requireDockerCli(what: string, docker = dockerCli()): string {
  if (!docker) throw new Error(`${what} needs the docker CLI, and none was on PATH when the step started`)
  return docker
}
