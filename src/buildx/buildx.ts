// Buildx at the edge: install, probe, builders, builds, build records.
import * as core from '../runner/commands.js'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import http from 'node:http'
import os from 'node:os'
import { CommandError, InputError } from '../errors.js'
import {
  DEFAULT_BUILDX_RELEASES,
  buildxAssetUrls,
  latestChecksumsUrl,
  nodeArch,
  parseChecksums,
  versionFromChecksums
} from '../install/checksums.js'
import { lastOutputLine, type RunOptions, type RunResult, type Runner } from '../process/exec.js'
import { parseBuilderInspect, parseBuildxVersion, usesContainerdStore, type BuilderInfo } from './probe.js'

/** A buildx to run: the docker CLI plugin (`docker buildx ...`) or a standalone binary. */
export interface Buildx {
  cmd: string
  /** argv prefix: ['buildx'] for the docker plugin, [] for the standalone binary */
  prefix: string[]
  version: string
  runner: Runner
}

/** Runs buildx with argv that starts with 'buildx' (as args.ts builds it). */
export function runBuildx(bx: Buildx, args: string[], opts?: RunOptions): Promise<RunResult> {
  const rest = args[0] === 'buildx' ? args.slice(1) : args
  return bx.runner.run(bx.cmd, [...bx.prefix, ...rest], opts)
}

export async function buildxOrThrow(bx: Buildx, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await runBuildx(bx, args, opts)
  if (r.code !== 0) throw new CommandError(`buildx ${args.slice(1, 3).join(' ')}`, r)
  return r
}

async function versionOf(runner: Runner, cmd: string, prefix: string[]): Promise<string> {
  const r = await runner.run(cmd, [...prefix, 'version'])
  return r.code === 0 ? parseBuildxVersion(r.stdout) : ''
}

async function resolveLatest(base: string): Promise<string> {
  const url = latestChecksumsUrl(base)
  let path: string
  try {
    // Downloads load the tool cache (and its HTTP client) only when they happen.
    const tc = await import('@actions/tool-cache')
    path = await tc.downloadTool(url)
  } catch (e) {
    throw new InputError('buildx-version', `cannot resolve latest: ${url}: ${(e as Error).message}`)
  }
  const v = versionFromChecksums(parseChecksums(readFileSync(path, 'utf8')))
  if (!v) throw new InputError('buildx-version', `cannot resolve latest: ${url} names no buildx release`)
  return v
}

/**
 * Where the docker CLI finds the buildx plugin, in its own search order. Running the plugin
 * binary directly skips the docker CLI's plugin hop (two extra process starts per call).
 */
export function pluginCandidates(env: NodeJS.ProcessEnv, home: string): string[] {
  const config = env['DOCKER_CONFIG'] || path.join(home, '.docker')
  return [
    path.join(config, 'cli-plugins', 'docker-buildx'),
    '/usr/local/lib/docker/cli-plugins/docker-buildx',
    '/usr/local/libexec/docker/cli-plugins/docker-buildx',
    '/usr/lib/docker/cli-plugins/docker-buildx',
    '/usr/libexec/docker/cli-plugins/docker-buildx'
  ]
}

function findPlugin(): string | undefined {
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

export async function setupBuildx(version: string, downloadUrl: string, runner: Runner): Promise<Buildx> {
  if (version === 'installed') {
    const plugin = findPlugin()
    if (plugin) {
      const pv = await versionOf(runner, plugin, [])
      if (pv) return { cmd: plugin, prefix: [], version: pv, runner }
    }
    const v = await versionOf(runner, 'docker', ['buildx'])
    // A missing plugin is the machine's state, not a bad input (the CLI's default is installed).
    if (!v)
      throw new Error(
        'the docker buildx plugin is not installed (`docker buildx version` does not answer): install docker-buildx, or set buildx-version to latest or a version to download'
      )
    return { cmd: 'docker', prefix: ['buildx'], version: v, runner }
  }
  const base = downloadUrl || DEFAULT_BUILDX_RELEASES
  const v = version === 'latest' ? await resolveLatest(base) : version.replace(/^v/, '')
  const asset = buildxAssetUrls(base, v, os.platform(), nodeArch(os.arch()))
  const { installVerified } = await import('../install/install.js')
  const { path, fromCache } = await installVerified({
    tool: 'buildx',
    version: v,
    cachedName: 'docker-buildx',
    input: 'buildx-version',
    ...asset
  })
  core.info(
    `buildx ${v} ${fromCache ? 'found in the tool cache (checksum re-verified)' : `downloaded from ${asset.url} and verified`}: ${path}`
  )
  const actual = await versionOf(runner, path, [])
  return { cmd: path, prefix: [], version: actual || v, runner }
}

export async function inspectBuilder(bx: Buildx, name: string): Promise<BuilderInfo> {
  const r = await runBuildx(bx, ['buildx', 'inspect', '--bootstrap', name])
  if (r.code !== 0) {
    throw new InputError('builder', `cannot use builder ${name}: ${lastOutputLine(r)}`)
  }
  return parseBuilderInspect(r.stdout)
}

/** The engine's unix socket when the docker CLI would talk to it directly (no other context). */
export function engineSocket(env: NodeJS.ProcessEnv, configJson: string | undefined): string | undefined {
  const host = env['DOCKER_HOST']
  if (host) return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined
  return currentContextName(env, configJson) === 'default' ? '/var/run/docker.sock' : undefined
}

/** GET /info from the engine's API socket: the DriverStatus rows, as JSON text. */
function infoOverSocket(socketPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: '/info', timeout: 10_000 }, res => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? JSON.stringify((JSON.parse(body) as { DriverStatus?: unknown }).DriverStatus ?? null) : '')
        } catch (e) {
          reject(e as Error)
        }
      })
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', reject)
  })
}

export async function engineUsesContainerdStore(runner: Runner): Promise<boolean> {
  // Asking the engine's socket takes milliseconds; `docker info` also lists every CLI plugin.
  const config = path.join(process.env['DOCKER_CONFIG'] || path.join(os.homedir(), '.docker'), 'config.json')
  const socket = engineSocket(process.env, existsSync(config) ? readFileSync(config, 'utf8') : undefined)
  if (socket && existsSync(socket)) {
    try {
      return usesContainerdStore(await infoOverSocket(socket))
    } catch {
      // fall back to the CLI, which knows every way to the engine
    }
  }
  const r = await runner.run('docker', ['info', '--format', '{{json .DriverStatus}}'])
  return r.code === 0 && usesContainerdStore(r.stdout.trim())
}

/**
 * Name of the builder that the docker driver provides: the current docker context's, read the way
 * the docker CLI reads it (DOCKER_HOST wins, then DOCKER_CONTEXT, then config.json).
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

export function defaultBuilderName(): string {
  const config = path.join(process.env['DOCKER_CONFIG'] || path.join(os.homedir(), '.docker'), 'config.json')
  return currentContextName(process.env, existsSync(config) ? readFileSync(config, 'utf8') : undefined)
}

export async function removeBuilder(bx: Buildx, name: string): Promise<void> {
  await buildxOrThrow(bx, ['buildx', 'rm', name])
}
