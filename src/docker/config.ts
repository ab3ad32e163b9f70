// The docker CLI's configuration directory, found the way the docker CLI finds it: buildx's
// plugin, the current context and registry credentials are all read from there.
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  return env['DOCKER_CONFIG'] || path.join(home, '.docker')
}

/** The text of config.json, or undefined when there is none. */
export function readDockerConfig(): string | undefined {
  const file = path.join(dockerConfigDir(), 'config.json')
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

/**
 * Name of the current docker context, read the way the docker CLI reads it (DOCKER_HOST wins,
 * then DOCKER_CONTEXT, then config.json).
 */
export function currentContextName(env: NodeJS.ProcessEnv, configJson: string | undefined): string {
  if (env['DOCKER_HOST']) return 'default'
  if (env['DOCKER_CONTEXT']) return env['DOCKER_CONTEXT']
  try {
    const current = (JSON.parse(configJson ?? '{}') as { currentContext?: unknown }).currentContext
    return typeof current === 'string' && current ? current : 'default'
  } catch {
    return 'default'
  }
}
