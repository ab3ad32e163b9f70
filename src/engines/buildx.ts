// Buildx at the edge: install, probe, builders, builds, build records.
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { InputError } from '../lists.js'
import { DEFAULT_BUILDX_RELEASES, buildxAssetUrls, latestChecksumsUrl, nodeArch, parseChecksums, versionFromChecksums } from '../checksums.js'
import { CommandError, type RunOptions, type RunResult, type Runner } from '../exec.js'
import { parseBuilderInspect, parseBuildxVersion, usesContainerdStore, type BuilderInfo } from '../probe.js'
import { installVerified } from './install.js'
import * as tc from '@actions/tool-cache'

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
    path = await tc.downloadTool(url)
  } catch (e) {
    throw new InputError('buildx-version', `cannot resolve latest: ${url}: ${(e as Error).message}`)
  }
  const v = versionFromChecksums(parseChecksums(readFileSync(path, 'utf8')))
  if (!v) throw new InputError('buildx-version', `cannot resolve latest: ${url} names no buildx release`)
  return v
}

export async function setupBuildx(version: string, downloadUrl: string, runner: Runner): Promise<Buildx> {
  if (version === 'installed') {
    const v = await versionOf(runner, 'docker', ['buildx'])
    if (!v) throw new InputError('buildx-version', 'installed was asked for, but `docker buildx version` does not answer; install docker-buildx or give a version to download')
    return { cmd: 'docker', prefix: ['buildx'], version: v, runner }
  }
  const base = downloadUrl || DEFAULT_BUILDX_RELEASES
  const v = version === 'latest' ? await resolveLatest(base) : version.replace(/^v/, '')
  const asset = buildxAssetUrls(base, v, os.platform(), nodeArch(os.arch()))
  const { path, fromCache } = await installVerified({
    tool: 'buildx',
    version: v,
    cachedName: 'docker-buildx',
    input: 'buildx-version',
    ...asset
  })
  core.info(`buildx ${v} ${fromCache ? 'found in the tool cache (checksum re-verified)' : `downloaded from ${asset.url} and verified`}: ${path}`)
  const actual = await versionOf(runner, path, [])
  return { cmd: path, prefix: [], version: actual || v, runner }
}

export async function inspectBuilder(bx: Buildx, name: string): Promise<BuilderInfo> {
  const r = await runBuildx(bx, ['buildx', 'inspect', '--bootstrap', name])
  if (r.code !== 0) {
    throw new InputError('builder', `cannot use builder ${name}: ${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''}`)
  }
  return parseBuilderInspect(r.stdout)
}

export async function engineUsesContainerdStore(runner: Runner): Promise<boolean> {
  const r = await runner.run('docker', ['info', '--format', '{{json .DriverStatus}}'])
  return r.code === 0 && usesContainerdStore(r.stdout.trim())
}

/** Name of the builder that the docker driver provides for the current docker context. */
export async function defaultBuilderName(runner: Runner): Promise<string> {
  const r = await runner.run('docker', ['context', 'show'])
  return r.code === 0 && r.stdout.trim() ? r.stdout.trim() : 'default'
}

export async function removeBuilder(bx: Buildx, name: string): Promise<void> {
  await buildxOrThrow(bx, ['buildx', 'rm', name])
}
