// The Depot inputs (engine: depot, or auto when Depot is configured), under our names or
// depot/build-push-action's (the catalogue's Depot aliases). Pure.
import { InputError } from '../errors.js'
import { depotAliasOf } from './catalogue.js'
import { checkHttpUrl, checkPinnedSha256, checkToolVersion, clip, parseBool, parseList } from './lists.js'
import { listSplit } from './catalogue.js'
import type { InputReader, Settings } from './settings.js'

const DEPOT_BUILD_PLATFORMS = ['dynamic', 'linux/amd64', 'linux/arm64']

/** A text input that has a Depot name too: the value and the name it was given under. */
function aliased(read: InputReader, ours: string): { value: string; input: string } {
  const depots = depotAliasOf(ours)
  const a = read(ours).trim()
  const b = read(depots).trim()
  if (a && b && a !== b) throw new InputError(depots, `is Depot's name for ${ours}; both are given, with different values: give one`)
  return a ? { value: a, input: ours } : { value: b, input: b ? depots : ours }
}

function aliasedBool(read: InputReader, ours: string): { value: boolean; input: string } {
  const depots = depotAliasOf(ours)
  const a = parseBool(read(ours), ours, false)
  const b = parseBool(read(depots), depots, false)
  return { value: a || b, input: b && !a ? depots : ours }
}

const LINT_SEVERITIES = ['info', 'warn', 'error', 'none']

export function parseDepotInputs(
  read: InputReader
): Pick<
  Settings,
  | 'depotProject'
  | 'depotToken'
  | 'depotVersion'
  | 'depotDownloadUrl'
  | 'depotSha256'
  | 'depotFallback'
  | 'depotBuildPlatform'
  | 'depotSave'
  | 'depotSaveTags'
  | 'depotLint'
  | 'depotLintFailOn'
  | 'depotSbomDir'
  | 'depotInputs'
> {
  const project = aliased(read, 'depot-project')
  const depotProject = project.value
  if (depotProject && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(depotProject)) {
    throw new InputError(project.input, `${JSON.stringify(clip(depotProject))} is not a Depot project ID (letters, digits, '_' and '-')`)
  }
  // The token is never echoed, not even in part.
  const token = aliased(read, 'depot-token')
  const depotToken = token.value
  if (/\s/.test(depotToken)) throw new InputError(token.input, 'the token contains whitespace (value not shown)')
  const depotVersion = checkToolVersion(read('depot-version').trim() || 'latest', 'depot-version', '2.102.12')
  const depotDownloadUrl = checkHttpUrl(read('depot-download-url').trim(), 'depot-download-url')
  const depotSha256 = checkPinnedSha256(read('depot-sha256'), 'depot-sha256', depotVersion, 'depot-version', "the archive's")
  const buildPlatform = aliased(read, 'depot-build-platform')
  const depotBuildPlatform = buildPlatform.value
  if (depotBuildPlatform && !DEPOT_BUILD_PLATFORMS.includes(depotBuildPlatform)) {
    throw new InputError(
      buildPlatform.input,
      `unknown value ${JSON.stringify(clip(depotBuildPlatform))}; expected one of ${DEPOT_BUILD_PLATFORMS.join(', ')}`
    )
  }
  const save = aliasedBool(read, 'depot-save')
  const saveTagInputs = ['save-tag', 'save-tags'].filter(n => read(n).trim() !== '')
  const depotSaveTags = [
    ...parseList(read('save-tag'), 'save-tag', { split: listSplit('save-tag') }),
    ...parseList(read('save-tags'), 'save-tags', { split: listSplit('save-tags') })
  ]
  for (const t of depotSaveTags) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(t))
      throw new InputError(saveTagInputs[0] ?? 'save-tags', `${JSON.stringify(clip(t))} is not a tag (letters, digits, '_', '.', '-')`)
  }
  if (depotSaveTags.length > 0 && !save.value)
    throw new InputError(saveTagInputs[0] ?? 'save-tags', "tags the image saved to Depot's registry; it needs save: true")
  const depotLint = parseBool(read('lint'), 'lint', false)
  const depotLintFailOn = read('lint-fail-on').trim()
  if (depotLintFailOn && !LINT_SEVERITIES.includes(depotLintFailOn))
    throw new InputError(
      'lint-fail-on',
      `unknown value ${JSON.stringify(clip(depotLintFailOn))}; expected one of ${LINT_SEVERITIES.join(', ')}`
    )
  if (depotLintFailOn && !depotLint) throw new InputError('lint-fail-on', 'sets when lint fails the build; it needs lint: true')
  const depotSbomDir = read('sbom-dir').trim()
  const fallback = aliasedBool(read, 'depot-fallback')
  const depotInputs = [
    ...(depotProject ? [project.input] : []),
    ...(depotBuildPlatform ? [buildPlatform.input] : []),
    ...(save.value ? [save.input] : []),
    ...saveTagInputs,
    ...(depotLint ? ['lint'] : []),
    ...(depotSbomDir ? ['sbom-dir'] : []),
    // last: the inputs that say what to build on Depot name the problem first
    ...(depotToken ? [token.input] : [])
  ]
  return {
    depotProject,
    depotToken,
    depotVersion,
    depotDownloadUrl,
    depotSha256,
    depotFallback: fallback.value,
    depotBuildPlatform,
    depotSave: save.value,
    depotSaveTags,
    depotLint,
    depotLintFailOn,
    depotSbomDir,
    depotInputs
  }
}
