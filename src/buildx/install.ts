// Which buildx runs the build: the installed plugin, or a release downloaded and verified.
import * as core from '../runner/commands.js'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { InputError } from '../errors.js'
import { parseChecksums, versionFromChecksums } from '../install/checksums.js'
import { DEFAULT_BUILDX_RELEASES, buildxAssetUrls, latestChecksumsUrl, nodeArch } from '../install/releases.js'
import { buildToolRunner, type Runner } from '../process/exec.js'
import type { Buildx } from './buildx.js'
import { findPlugin, pluginVersion, versionOf } from './plugin.js'
import { dockerCli } from '../docker/cli.js'
import { findOnPath } from '../process/which.js'
import { MIN_INSTALLED_BUILDX, versionAtLeast } from './version.js'

/** The input to blame when a download fails: the mirror, when one was given. */
function downloadInput(downloadUrl: string): string {
  return downloadUrl ? 'buildx-download-url' : 'buildx-version'
}

async function resolveLatest(base: string, input: string): Promise<string> {
  const url = latestChecksumsUrl(base)
  let path: string
  try {
    // Downloads load the tool cache (and its HTTP client) only when they happen.
    const tc = await import('@actions/tool-cache')
    path = await tc.downloadTool(url)
  } catch (e) {
    throw new InputError(input, `cannot resolve latest: ${url}: ${(e as Error).message}`)
  }
  const v = versionFromChecksums(parseChecksums(readFileSync(path, 'utf8')))
  if (!v) throw new InputError(input, `cannot resolve latest: ${url} names no buildx release`)
  return v
}

/**
 * The installed buildx: the plugin run directly, else through the docker CLI, else a standalone
 * `buildx` on PATH (what docker/setup-buildx-action installs where there is no docker CLI);
 * undefined when none answers.
 */
async function installedBuildx(runner: Runner, docker: string | undefined): Promise<Buildx | undefined> {
  const plugin = findPlugin()
  if (plugin) {
    const pv = await pluginVersion(runner, plugin)
    if (pv) return { cmd: plugin, prefix: [], version: pv, runner }
  }
  const v = docker ? await versionOf(runner, docker, ['buildx']) : ''
  if (docker && v) return { cmd: docker, prefix: ['buildx'], version: v, runner }
  const standalone = findOnPath('buildx')
  const sv = standalone ? await versionOf(runner, standalone, []) : ''
  return standalone && sv ? { cmd: standalone, prefix: [], version: sv, runner } : undefined
}

/**
 * version: '' (the default) takes the installed buildx when it is MIN_INSTALLED_BUILDX or later and
 * downloads the latest release otherwise; `installed` takes the installed one whatever its version;
 * `latest` or a version downloads that release (verified, cached).
 */
export async function setupBuildx(
  version: string,
  downloadUrl: string,
  anyRunner: Runner,
  sha256 = '',
  docker: string | undefined = dockerCli()
): Promise<Buildx> {
  // buildx needs the gha cache's ACTIONS_* variables, never the OIDC request ones
  const runner = buildToolRunner(anyRunner)
  if (version === 'installed' || version === '') {
    const found = await installedBuildx(runner, docker)
    if (version === 'installed') {
      // A missing plugin is the machine's state, not a bad input (the CLI's default is installed).
      if (!found)
        throw new Error(
          'the docker buildx plugin is not installed (`docker buildx version` does not answer, and no standalone buildx is on PATH): install docker-buildx, or set buildx-version to latest or a version to download'
        )
      return found
    }
    if (found && versionAtLeast(found.version, MIN_INSTALLED_BUILDX)) return found
    core.info(
      found
        ? `the installed buildx ${found.version} is older than ${MIN_INSTALLED_BUILDX}, the oldest this action supports: downloading the latest release`
        : 'no buildx is installed: downloading the latest release'
    )
    version = 'latest'
  }
  const base = downloadUrl || DEFAULT_BUILDX_RELEASES
  const v = version === 'latest' ? await resolveLatest(base, downloadInput(downloadUrl)) : version.replace(/^v/, '')
  const asset = buildxAssetUrls(base, v, os.platform(), nodeArch(os.arch()))
  const { installVerified } = await import('../install/install.js')
  const { path, fromCache, against } = await installVerified({
    tool: 'buildx',
    version: v,
    cachedName: 'docker-buildx',
    input: downloadInput(downloadUrl),
    // a binary that does not match its checksums file is blamed on the version asked for, or on the pin
    checksumInput: sha256 ? 'buildx-sha256' : 'buildx-version',
    ...asset,
    ...(sha256 ? { sha256 } : {})
  })
  core.info(
    `buildx ${v} ${fromCache ? 'found in the tool cache' : `downloaded from ${asset.url}`} and verified against ${sha256 ? 'buildx-sha256' : against}: ${path}`
  )
  const actual = await versionOf(runner, path, [])
  return { cmd: path, prefix: [], version: actual || v, runner }
}
