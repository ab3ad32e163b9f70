// The inputs that set up the build: the mode and engine, the buildx binary, and the builder
// (docker/setup-buildx-action's names). Pure.
import { InputError } from '../errors.js'
import { BUILDER_SCOPES } from '../runner/isolation.js'
import { checkPlatforms, oneOf } from './checks.js'
import { checkHttpUrl, checkPinnedSha256, checkToolVersion, clip, parseBool, parseList } from './lists.js'
import { listSplit } from './catalogue.js'
import type { Driver, Engine, InputReader, Mode, Settings } from './settings.js'

const DRIVERS: readonly Driver[] = ['docker', 'docker-container', 'remote', 'kubernetes']
const ENGINES: readonly Engine[] = ['auto', 'buildx', 'depot']
const MODES: readonly Mode[] = ['build', 'merge']
/** The inputs of mode: plan alone. */
const PLAN_INPUTS = ['image', 'runners', 'default-runner']

/** mode (plan mode's inputs are refused: mode: plan never gets here), engine and driver. */
export function parseRunBasics(read: InputReader): Pick<Settings, 'mode' | 'engine' | 'driver'> {
  const mode = oneOf(read('mode'), MODES, 'mode', 'build')
  // mode: plan reads these (inputs/release-plan.ts) and never gets here
  for (const input of PLAN_INPUTS) {
    if (read(input).trim() !== '') throw new InputError(input, "is read in plan mode only (mode: plan, the release workflow's first job)")
  }
  const engine = oneOf(read('engine'), ENGINES, 'engine', 'auto')
  const driver = oneOf(read('driver'), DRIVERS, 'driver', 'docker')
  return { mode, engine, driver }
}

/** The buildx binary and the builder: checked before anything about the build. */
export function parseBuilder(
  read: InputReader,
  driver: Driver
): Pick<
  Settings,
  | 'buildxVersion'
  | 'buildxDownloadUrl'
  | 'buildxSha256'
  | 'builder'
  | 'builderScope'
  | 'endpoint'
  | 'buildkitdConfig'
  | 'buildkitdConfigInline'
> {
  // '': the installed buildx when it is one this action supports, else latest (as setup-buildx-action)
  const buildxVersion = checkToolVersion(read('buildx-version').trim(), 'buildx-version', '0.29.1')
  const buildxDownloadUrl = checkHttpUrl(read('buildx-download-url').trim(), 'buildx-download-url')
  const buildxSha256 = checkPinnedSha256(read('buildx-sha256'), 'buildx-sha256', buildxVersion, 'buildx-version', "the binary's")

  const builder = read('builder').trim()
  if (builder && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(builder)) {
    throw new InputError('builder', `${JSON.stringify(clip(builder))} is not a builder name`)
  }
  const builderScope = oneOf(read('builder-scope'), BUILDER_SCOPES, 'builder-scope', 'none')
  if (builderScope !== 'none' && builder)
    throw new InputError('builder-scope', 'names the builder from the scope; give builder or builder-scope, not both')
  if (builderScope !== 'none' && driver === 'docker') {
    throw new InputError(
      'builder-scope',
      "a scoped builder is a builder of its own; the docker driver uses the engine's builder (use driver docker-container, remote or kubernetes)"
    )
  }
  const endpoint = read('endpoint').trim()
  if (driver === 'remote' && !endpoint && !builder) {
    throw new InputError('endpoint', 'the remote driver needs an endpoint, e.g. tcp://buildkitd:1234')
  }
  if (endpoint && !/^(tcp|unix|ssh|docker-container|kube-pod):\/\/[^\s]+$|^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(endpoint)) {
    throw new InputError(
      'endpoint',
      `${JSON.stringify(clip(endpoint))} is not an endpoint (tcp://host:port, unix:///path, or a docker context name)`
    )
  }
  const buildkitdConfig = read('buildkitd-config').trim()
  const buildkitdConfigInline = read('buildkitd-config-inline')
  if (buildkitdConfig && buildkitdConfigInline.trim()) {
    throw new InputError('buildkitd-config-inline', 'give buildkitd-config or buildkitd-config-inline, not both')
  }
  if (driver === 'docker' && (buildkitdConfig || buildkitdConfigInline.trim() || read('buildkitd-flags').trim()) && !builder) {
    throw new InputError(
      'driver',
      "buildkitd-config and buildkitd-flags need a builder with its own BuildKit (docker-container, remote or kubernetes); the docker driver uses the engine's"
    )
  }
  return { buildxVersion, buildxDownloadUrl, buildxSha256, builder, builderScope, endpoint, buildkitdConfig, buildkitdConfigInline }
}

/** The builder's options read after the build's inputs (driver-opts, buildkitd-flags, ...). */
export function parseBuilderOptions(
  read: InputReader
): Pick<Settings, 'driverGiven' | 'driverOpts' | 'buildkitdFlags' | 'builderPlatforms' | 'keepBuilder' | 'allowForkCacheWrite'> {
  const list = (name: string) => parseList(read(name), name, { split: listSplit(name) })
  return {
    driverGiven: read('driver').trim() !== '',
    driverOpts: list('driver-opts'),
    buildkitdFlags: read('buildkitd-flags').trim(),
    builderPlatforms: checkPlatforms(list('builder-platforms'), 'builder-platforms'),
    keepBuilder: parseBool(read('keep-builder'), 'keep-builder', false),
    allowForkCacheWrite: parseBool(read('allow-fork-cache-write'), 'allow-fork-cache-write', false)
  }
}
