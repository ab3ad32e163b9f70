// parseInputs(read) -> one typed, validated settings object. Pure: the caller passes a reader
// (core.getInput in the action, a flag map in tests) and nothing here touches the machine. The
// sections are read by the parsers beside this file, in the order their checks run: the first
// bad input found is the one named.
import { InputError } from '../errors.js'
import { forkOf } from '../runner/isolation.js'
import { parseBuildOptions, parseBuildSecrets, parseContext, parseDestination, checkPushByDigest } from './build-inputs.js'
import { parseCall } from './call.js'
import { parseCompareInputs } from './compare.js'
import { checkCall } from './capabilities.js'
import { inputEntry, listSplit } from './catalogue.js'
import { checkTags } from './checks.js'
import { parseDepotInputs } from './depot-inputs.js'
import { parseBool, parseList } from './lists.js'
import { parseLogin, parseLoginOptions } from './login-inputs.js'
import { parseManyBuilds, parseMaxParallel, parseMergeSources, parsePlatformSplit } from './many-builds.js'
import { envSwitches, recordRetentionDays, type WorkflowRun } from './run-env.js'
import type { InputReader, Settings } from './settings.js'
import { parseBuilder, parseBuilderOptions, parseRunBasics } from './setup-inputs.js'
import { parseSignInputs } from './sign.js'

// What other modules import from here: the settings and the checks the section parsers own.
export type { Capabilities, Driver, Engine, InputReader, Mode, RegistryLogin, Secret, Settings } from './settings.js'
export { dockerfilePath } from './settings.js'
export { checkAgainstCapabilities } from './capabilities.js'
export { PUSH_RETRIES_MAX } from './login-inputs.js'
export { checkDigestEntry, checkModeInputs, INDEX_ANNOTATION, indexAnnotations, type BuildMode } from './many-builds.js'
export { joinSshPaths } from './ssh.js'

/** No single input needs more; a larger one is a mistake or an attack on the log. */
const MAX_INPUT_LENGTH = 64 * 1024

/** The reader every section reads through: a value too long, or with a NUL, is refused, named. */
function limitedReader(readRaw: InputReader): InputReader {
  return name => {
    const v = readRaw(name)
    if (v.length > MAX_INPUT_LENGTH) throw new InputError(name, `value is ${v.length} characters; the limit is ${MAX_INPUT_LENGTH}`)
    if (v.includes('\0')) throw new InputError(name, 'value contains a NUL character')
    return v
  }
}

/**
 * `run` is what the workflow run's environment says (the default Git context, docker's
 * environment switches); without it, the inputs alone decide, as on a laptop.
 */
export function parseInputs(readRaw: InputReader, run: WorkflowRun = {}): Settings {
  const read = limitedReader(readRaw)
  const bool = (name: string, dflt: boolean) => parseBool(read(name), name, dflt)
  const list = (name: string) => parseList(read(name), name, { split: listSplit(name) })

  const { mode, engine, driver } = parseRunBasics(read)
  const builder = parseBuilder(read, driver)
  const destination = parseDestination(bool, list)
  const { platforms, push, load } = destination

  const matrix = read('matrix')
  // (which kind of run this is, is decided once, in planRun; here only which inputs go together)
  const hasMatrix = matrix.trim() !== ''
  const tags = checkTags(list('tags'), 'tags', hasMatrix)
  const { context, defaultContext } = parseContext(read, run)
  const switches = envSwitches(run.env ?? {})
  const buildRecordUpload = bool('build-record-upload', true) && switches.buildRecordUpload

  const many = parseManyBuilds(read, list, {
    mode,
    hasMatrix,
    given: name => {
      const v = read(name).trim()
      if (name === 'context') return v !== '' && v !== '.'
      // a boolean is given when true: false is what not giving it means
      return inputEntry(name)?.kind === 'boolean' ? /^true$/i.test(v) : v !== ''
    }
  })
  const { files, targets } = many
  checkPushByDigest({ ...destination, tags })
  const maxParallel = parseMaxParallel(read)
  const merge = parseMergeSources(list, { mode, tags })
  const platformSplit = parsePlatformSplit(bool, { platforms, push, load, tags, files, targets, hasMatrix })
  const call = parseCall(read('call'))
  checkCall(call, {
    merge: mode === 'merge',
    platformSplit,
    depotOnly: engine === 'depot' && !parseBool(read('depot-fallback'), 'depot-fallback', false)
  })
  const secrets = parseBuildSecrets(read, list, {
    context,
    defaultContext,
    githubToken: many.githubToken,
    singleOrMatrix: mode === 'build' && files.length === 0 && targets.length === 0,
    run
  })

  return {
    mode,
    engine,
    driver,
    ...builder,
    ...parseBuilderOptions(read),
    context,
    defaultContext,
    tags,
    ...destination,
    ...secrets,
    ...parseBuildOptions(read, bool, list),
    ...many,
    set: list('set'),
    matrix,
    matrixName: read('matrix-name').trim(),
    platformSplit,
    maxParallel,
    ...merge,

    baseAnnotations: bool('base-annotations', false),
    summary: bool('summary', true) && switches.buildSummary,
    call,
    noDefaultAttestations: switches.noDefaultAttestations,
    buildRecordUpload,
    buildRecordRetentionDays: buildRecordUpload ? recordRetentionDays(run.env ?? {}) : 0,

    ...parseDepotInputs(read),
    login: parseLogin(read),
    sign: parseSignInputs(read, {
      push,
      pushByDigest: destination.pushByDigest,
      mode,
      oidc: Boolean(run.env?.['ACTIONS_ID_TOKEN_REQUEST_URL'] && run.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']),
      fork: forkOf(run.env?.['GITHUB_EVENT_NAME'] ?? '', run.event)
    }),
    ...parseLoginOptions(read),
    compare: parseCompareInputs(read, push && !destination.pushByDigest && mode === 'build')
  }
}
