// Which buildx runs the build: the installed plugin, or a release downloaded and verified (the one
// installer flow, install/setup.ts).
import { BUILDX_RELEASE } from '../install/releases.js'
import { setupTool } from '../install/setup.js'
import { buildToolRunner, type Runner } from '../process/exec.js'
import type { Buildx } from './buildx.js'
import { findPlugin, pluginVersion, versionOf } from './plugin.js'
import { dockerCli } from '../docker/cli.js'
import { findOnPath } from '../process/which.js'
import { MIN_INSTALLED_BUILDX, versionAtLeast } from './version.js'

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
  return setupTool<Buildx>({
    release: BUILDX_RELEASE,
    version,
    downloadUrl,
    sha256,
    installed: async () => (await installedBuildx(runner, docker)) ?? 'no buildx is installed',
    notByDefault: found =>
      versionAtLeast(found.version, MIN_INSTALLED_BUILDX)
        ? undefined
        : `the installed buildx ${found.version} is older than ${MIN_INSTALLED_BUILDX}, the oldest this action supports`,
    // A missing plugin is the machine's state, not a bad input (the CLI's default is installed).
    noneInstalled: () =>
      new Error(
        'the docker buildx plugin is not installed (`docker buildx version` does not answer, and no standalone buildx is on PATH): install docker-buildx, or set buildx-version to latest or a version to download'
      ),
    probe: async (path, v) => ({ cmd: path, prefix: [], version: (await versionOf(runner, path, [])) || v, runner })
  })
}
