// The installed buildx plugin: where the docker CLI finds it, and its version asked for as early
// as the step starts. The entry point starts that probe before the rest of the action is loaded,
// so the ~70 ms process runs while node reads the bundle and the inputs are parsed.
import { accessSync, constants } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dockerConfigDir } from '../docker/config.js'
import type { Runner } from '../process/exec.js'
import { versionArgs } from './args.js'
import { runBuildx } from './buildx.js'
import { parseBuildxVersion } from './version.js'

/**
 * Where the docker CLI finds the buildx plugin, in its own search order. Running the plugin
 * binary directly skips the docker CLI's plugin hop (two extra process starts per call).
 */
export function pluginCandidates(env: NodeJS.ProcessEnv, home: string): string[] {
  return [
    path.join(dockerConfigDir(env, home), 'cli-plugins', 'docker-buildx'),
    '/usr/local/lib/docker/cli-plugins/docker-buildx',
    '/usr/local/libexec/docker/cli-plugins/docker-buildx',
    '/usr/lib/docker/cli-plugins/docker-buildx',
    '/usr/libexec/docker/cli-plugins/docker-buildx'
  ]
}

export function findPlugin(): string | undefined {
  for (const p of pluginCandidates(process.env, os.homedir())) {
    try {
      accessSync(p, constants.X_OK)
      return p
    } catch {
      // not there: the next place the docker CLI would look
    }
  }
  return undefined
}

/** The version a buildx reports; '' when it does not answer (a non-zero exit is an answer here). */
export async function versionOf(runner: Runner, cmd: string, prefix: string[]): Promise<string> {
  const r = await runBuildx({ cmd, prefix, version: '', runner }, versionArgs())
  return r.code === 0 ? parseBuildxVersion(r.stdout) : ''
}

let early: { plugin: string; version: Promise<string> } | undefined

/** Starts the installed plugin's version probe now; setupBuildx takes its answer when it asks. */
export function probePluginEarly(runner: Runner): void {
  const plugin = findPlugin()
  if (plugin) early = { plugin, version: versionOf(runner, plugin, []).catch(() => '') }
}

/** The plugin's version: the early probe's answer when it asked the same binary, else a new probe. */
export function pluginVersion(runner: Runner, plugin: string): Promise<string> {
  if (early?.plugin === plugin) return early.version
  return versionOf(runner, plugin, [])
}
