// parseInputs(read) -> one typed, validated settings object. Pure: the caller passes a reader
// (core.getInput in the action, a flag map in tests) and nothing here touches the machine.
import { parseSignInputs, type SignSettings } from './sign.js'
import { forkOf } from '../runner/isolation.js'
import path from 'node:path'
import { InputError } from '../errors.js'
import {
  checkHttpUrl,
  checkPinnedSha256,
  checkToolVersion,
  clip,
  LIST_SPLITS,
  parseBool,
  parseCsvFields,
  parseKeyValues,
  parseList
} from './lists.js'
import { versionAtLeast } from '../buildx/version.js'
import { DIGEST_RE, parseReference } from '../registry/reference.js'
import { isPlatform, normalizePlatform } from '../oci/platform.js'
import { BUILDER_SCOPES, type BuilderScope } from '../runner/isolation.js'
import { CALL_MIN_BUILDX, parseCall, type CallRequest } from './call.js'
import {
  defaultGitContext,
  envSwitches,
  expandDefaultContext,
  gitServerHost,
  isRemoteContext,
  recordRetentionDays,
  remoteDockerfile,
  type WorkflowRun
} from './run-env.js'
import { parseRegistryAuth, registryKey } from './registry-auth.js'

export type Driver = 'docker' | 'docker-container' | 'remote' | 'kubernetes'
export type Engine = 'auto' | 'buildx' | 'depot'
export type Mode = 'build' | 'merge'

export interface Secret {
  id: string
  kind: 'value' | 'file' | 'env'
  /** the secret itself (kind value), a path (file) or an env var name (env) */
  source: string
}

export interface Settings {
  readonly mode: Mode
  readonly engine: Engine

  // setup
  readonly buildxVersion: string
  readonly buildxDownloadUrl: string
  /** sha256 pinned for the downloaded buildx binary ('' when the release's checksums file decides) */
  readonly buildxSha256: string
  readonly builder: string
  readonly driver: Driver
  /** the driver input was given; without it (and builder) the job's current builder is used */
  readonly driverGiven: boolean
  readonly driverOpts: string[]
  readonly buildkitdConfig: string
  readonly buildkitdConfigInline: string
  readonly buildkitdFlags: string
  readonly endpoint: string
  readonly builderPlatforms: string[]
  readonly keepBuilder: boolean
  /** a persistent builder named from a hash of this scope (none: a throwaway builder) */
  readonly builderScope: BuilderScope
  /** a pull request from a fork may still export cache (cache-to) */
  readonly allowForkCacheWrite: boolean

  // one build (docker/build-push-action names)
  /** the context given, `{{defaultContext}}` expanded; else the run's Git context; else '.' */
  readonly context: string
  /** the run's Git context (docker's `{{defaultContext}}`); '' outside a workflow run */
  readonly defaultContext: string
  readonly file: string
  readonly tags: string[]
  readonly labels: string[]
  readonly annotations: string[]
  readonly buildArgs: Array<[string, string]>
  readonly buildContexts: string[]
  readonly secrets: Secret[]
  /** secrets entries skipped, said as warnings (named by number: an entry may be the secret itself) */
  readonly secretWarnings: string[]
  readonly platforms: string[]
  readonly target: string
  readonly push: boolean
  /** push untagged, by digest, to the tags' repository (a per-platform job before a merge job) */
  readonly pushByDigest: boolean
  readonly load: boolean
  readonly outputs: string[]
  readonly cacheFrom: string[]
  readonly cacheTo: string[]
  readonly provenance: string
  readonly sbom: string
  /** buildx --attest values; a type here replaces the provenance/sbom default */
  readonly attests: string[]
  readonly noCache: boolean
  readonly noCacheFilters: string[]
  readonly ssh: string[]
  readonly cgroupParent: string
  readonly pull: boolean
  readonly network: string
  readonly shmSize: string
  readonly ulimit: string[]
  readonly addHosts: string[]
  readonly allow: string[]

  // many builds
  readonly files: string[]
  readonly targets: string[]
  readonly set: string[]
  readonly matrix: string
  readonly matrixName: string
  /** where the bake reads its definition: a folder or a remote Git/HTTPS context ('' : see bake-source.ts) */
  readonly source: string
  /** the input that gave the source: source, or depot/bake-action's workdir */
  readonly sourceInput: 'source' | 'workdir' | ''
  /** bake variables (buildx --var, or the bake's environment before buildx 0.31) */
  readonly vars: Array<[string, string]>
  /**
   * github-token: fetches a remote bake definition (BUILDX_BAKE_GIT_AUTH_TOKEN), and reaches a
   * build of the run's Git context as the GIT_AUTH_TOKEN.<host> secret (in `secrets`); never
   * logged, stored or put in argv
   */
  readonly githubToken: string
  readonly platformSplit: boolean
  readonly maxParallel: number
  readonly digests: string[]
  readonly digestsFrom: string[]

  // reporting
  readonly baseAnnotations: boolean
  /** the summary input, and docker's DOCKER_BUILD_SUMMARY switch */
  readonly summary: boolean
  /** the frontend request (call input): build, or check, outline, targets, which build nothing */
  readonly call: CallRequest
  /** BUILDX_NO_DEFAULT_ATTESTATIONS: no provenance unless the inputs ask for it */
  readonly noDefaultAttestations: boolean
  /** the build-record-upload input, and docker's DOCKER_BUILD_RECORD_UPLOAD switch */
  readonly buildRecordUpload: boolean
  /** DOCKER_BUILD_RECORD_RETENTION_DAYS (0: the repository's default) */
  readonly buildRecordRetentionDays: number

  // Depot (engine: depot, or auto when Depot is configured)
  readonly depotProject: string
  /** never logged, stored or put in argv: it reaches the CLI only through its environment */
  readonly depotToken: string
  readonly depotVersion: string
  readonly depotDownloadUrl: string
  /** sha256 of the release archive, pinned by the user (lowercase hex) */
  readonly depotSha256: string
  readonly depotFallback: boolean
  readonly depotBuildPlatform: string
  readonly depotSave: boolean
  /** depot --save-tag (save-tag, save-tags) */
  readonly depotSaveTags: string[]
  /** depot --lint, and --lint-fail-on when given */
  readonly depotLint: boolean
  readonly depotLintFailOn: string
  /** depot --sbom-dir */
  readonly depotSbomDir: string
  /** Depot-only inputs the workflow gave: they make the engine choice Depot or an error, never a silent buildx */
  readonly depotInputs: string[]

  // registry login (docker/login-action)
  /** null: no login; the docker config's existing logins are used */
  readonly login: RegistryLogin | null
  readonly logout: boolean
  /** registry-auth: more logins, each to another registry (none is the login input's) */
  readonly registryAuth: RegistryLogin[]
  /** push-retries: how often a push that failed with a transient registry error is pushed again (0: never) */
  readonly pushRetries: number

  // signing what is pushed (docker/github-builder's sign)
  readonly sign: SignSettings
}

export interface RegistryLogin {
  /** host[:port]; '' is Docker Hub */
  readonly registry: string
  readonly username: string
  /** never logged, stored or put in argv: it reaches `docker login` on its standard input */
  readonly password: string
}

export type InputReader = (name: string) => string

const DRIVERS: readonly Driver[] = ['docker', 'docker-container', 'remote', 'kubernetes']
const ENGINES: readonly Engine[] = ['auto', 'buildx', 'depot']
const MODES: readonly Mode[] = ['build', 'merge']
/** The inputs of mode: plan alone. */
const PLAN_INPUTS = ['image', 'runners', 'default-runner']
const OUTPUT_TYPES = ['registry', 'image', 'docker', 'oci', 'tar', 'local', 'cacheonly']
const CACHE_TYPES = ['registry', 'local', 'inline', 'gha', 's3', 'azblob']
/** No single input needs more; a larger one is a mistake or an attack on the log. */
const MAX_INPUT_LENGTH = 64 * 1024

function oneOf<T extends string>(value: string, allowed: readonly T[], input: string, dflt: T): T {
  const v = value.trim() === '' ? dflt : value.trim()
  if (!(allowed as readonly string[]).includes(v)) {
    throw new InputError(input, `unknown value ${JSON.stringify(clip(v))}; expected one of ${allowed.join(', ')}`)
  }
  return v as T
}

function checkPlatforms(items: string[], input: string): string[] {
  for (const p of items) {
    if (!isPlatform(p)) {
      throw new InputError(
        input,
        `${JSON.stringify(clip(p))} is not a platform; expected os/arch[/variant], e.g. linux/amd64 or linux/arm/v7`
      )
    }
  }
  if (new Set(items.map(normalizePlatform)).size !== items.length) throw new InputError(input, 'a platform is listed twice')
  return items
}

function checkTags(items: string[], input: string, templated = false): string[] {
  for (const t of items) {
    // Matrix tags are templates: check them with each {{axis}} standing for a valid tag part.
    const ref = parseReference(templated ? t.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_-]*\s*\}\}/g, 'x') : t)
    if (!ref)
      throw new InputError(input, `${JSON.stringify(clip(t))} is not a valid image reference (lowercase name, optional :tag, no spaces)`)
    if (ref.digest) throw new InputError(input, `${JSON.stringify(clip(t))} has a digest; a tag cannot be pushed to a digest`)
  }
  return items
}

function checkTypedCsv(items: string[], input: string, types: string[]): string[] {
  for (const item of items) {
    // buildx accepts a bare path for --output (local exporter) and a bare ref for --cache-from.
    if (!item.includes('=')) continue
    const fields = parseCsvFields(item, input)
    const type = fields['type']
    if (type === undefined) throw new InputError(input, `${JSON.stringify(clip(item))} has no type=`)
    if (!types.includes(type)) throw new InputError(input, `unknown type ${JSON.stringify(type)}; expected one of ${types.join(', ')}`)
  }
  return items
}

function parseSecrets(read: InputReader, skipped: string[]): Secret[] {
  const secrets: Secret[] = []
  const add = (input: string, kind: Secret['kind']) => {
    const lines = parseList(read(input), input, { split: LIST_SPLITS[input] ?? 'record' })
    // No part of a secrets entry is ever echoed: a malformed entry may be the secret itself (a
    // multi-line value's second line, a pasted key); entries are named by their number.
    const shape = `id=${kind === 'value' ? 'value' : kind === 'file' ? 'path' : 'VARIABLE'}`
    lines.forEach((line, i) => {
      const at = `entry ${i + 1}`
      const eq = line.indexOf('=')
      if (eq <= 0) throw new InputError(input, `${at} is not ${shape} (value not shown)`)
      const id = line.slice(0, eq)
      const source = line.slice(eq + 1)
      if (!/^[A-Za-z0-9_.:-]+$/.test(id))
        throw new InputError(input, `${at}: the id may only contain letters, digits, '_', '.', ':', '-' (value not shown)`)
      // Most often a value pasted without its id: it never reaches buildx, and the warning names the
      // entry by its number. Skipped, not refused: docker/build-push-action skips it with a warning too.
      if (kind === 'value' && source === '') {
        skipped.push(
          `${input}: ${at} has an empty value (value not shown) and is skipped: an entry is id=value; a value pasted alone reads as an id`
        )
        return
      }
      if (kind !== 'value' && source === '') throw new InputError(input, `secret ${id} names no ${kind === 'file' ? 'file' : 'variable'}`)
      if (kind === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(source))
        throw new InputError(input, `secret ${id}: ${JSON.stringify(clip(source))} is not an environment variable name`)
      if (kind === 'file' && /[\n"]/.test(source)) throw new InputError(input, `secret ${id}: the path contains a newline or a quote`)
      if (secrets.some(s => s.id === id)) throw new InputError(input, `${at}: secret id ${id} is given twice`)
      secrets.push({ id, kind, source })
    })
  }
  add('secrets', 'value')
  add('secret-files', 'file')
  add('secret-envs', 'env')
  return secrets
}

function checkAttest(value: string, input: string): string {
  const v = value.trim()
  if (v === '' || /^(true|false)$/i.test(v)) return v.toLowerCase()
  const fields = parseCsvFields(v, input)
  if (fields['mode'] !== undefined && !['min', 'max'].includes(fields['mode'])) {
    throw new InputError(input, `mode must be min or max, got ${JSON.stringify(clip(fields['mode']))}`)
  }
  return v
}

/**
 * `run` is what the workflow run's environment says (the default Git context, docker's
 * environment switches); without it, the inputs alone decide, as on a laptop.
 */
export function parseInputs(readRaw: InputReader, run: WorkflowRun = {}): Settings {
  const read: InputReader = name => {
    const v = readRaw(name)
    if (v.length > MAX_INPUT_LENGTH) throw new InputError(name, `value is ${v.length} characters; the limit is ${MAX_INPUT_LENGTH}`)
    if (v.includes('\0')) throw new InputError(name, 'value contains a NUL character')
    return v
  }
  const bool = (name: string, dflt: boolean) => parseBool(read(name), name, dflt)
  const list = (name: string) => {
    const split = LIST_SPLITS[name]
    if (!split) throw new Error(`internal: list input ${name} has no entry in LIST_SPLITS`)
    return parseList(read(name), name, { split })
  }

  const mode = oneOf(read('mode'), MODES, 'mode', 'build')
  // mode: plan reads these (inputs/release-plan.ts) and never gets here
  for (const input of PLAN_INPUTS) {
    if (read(input).trim() !== '') throw new InputError(input, "is read in plan mode only (mode: plan, the release workflow's first job)")
  }
  const engine = oneOf(read('engine'), ENGINES, 'engine', 'auto')
  const driver = oneOf(read('driver'), DRIVERS, 'driver', 'docker')

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

  const platforms = checkPlatforms(list('platforms'), 'platforms')
  const pushByDigest = bool('push-by-digest', false)
  const push = bool('push', false) || pushByDigest
  const load = bool('load', false)
  const outputs = checkTypedCsv(list('outputs'), 'outputs', OUTPUT_TYPES)
  if (outputs.length > 0 && (push || load)) {
    throw new InputError('outputs', 'push and load are shorthands for outputs; give one or the other')
  }

  const matrix = read('matrix')
  // (which kind of run this is, is decided once, in planRun; here only which inputs go together)
  const hasMatrix = matrix.trim() !== ''
  const tags = checkTags(list('tags'), 'tags', hasMatrix)
  const defaultContext = defaultGitContext(run)
  const contextInput = read('context').trim()
  const context = contextInput ? expandDefaultContext(contextInput, defaultContext, 'context') : defaultContext || '.'
  const switches = envSwitches(run.env ?? {})
  const buildRecordUpload = bool('build-record-upload', true) && switches.buildRecordUpload

  const files = list('files')
  const bakeSource = parseBakeSource(read, list)
  const targets = list('targets')
  for (const t of targets) {
    if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new InputError('targets', `${JSON.stringify(clip(t))} is not a bake target name`)
  }
  if (hasMatrix && files.length > 0) throw new InputError('matrix', 'give a matrix or bake files, not both')
  if (hasMatrix && targets.length > 0)
    throw new InputError('targets', 'the matrix names its own targets (matrix-name); drop targets or the matrix')
  if (hasMatrix && bakeSource.sourceInput)
    throw new InputError(bakeSource.sourceInput, 'the matrix generates its own bake definition; give a matrix or a bake source, not both')
  if (hasMatrix && bakeSource.vars.length > 0) throw new InputError('vars', 'are bake variables; the matrix sets build args (build-args)')
  // A source or variables without files or targets is a bake of the definition's default group.
  if (mode !== 'merge' && !hasMatrix && files.length === 0 && targets.length === 0 && (bakeSource.source || bakeSource.vars.length > 0))
    targets.push('default')
  checkModeInputs(mode === 'merge' ? 'merge' : hasMatrix ? 'matrix' : files.length > 0 || targets.length > 0 ? 'bake' : 'build', name => {
    const v = read(name).trim()
    if (name === 'context') return v !== '' && v !== '.'
    return BOOLEAN_INPUTS.has(name) ? /^true$/i.test(v) : v !== ''
  })
  if (pushByDigest && (load || outputs.length > 0))
    throw new InputError('push-by-digest', 'pushes untagged to the registry; it cannot be combined with load or outputs')
  if (pushByDigest && tags.length === 0)
    throw new InputError('tags', 'push-by-digest needs the repository to push to, e.g. ghcr.io/org/app')

  const maxParallelRaw = read('max-parallel').trim() || '4'
  if (!/^\d+$/.test(maxParallelRaw) || Number(maxParallelRaw) < 1 || Number(maxParallelRaw) > 64) {
    throw new InputError('max-parallel', `expected a whole number from 1 to 64, got ${JSON.stringify(clip(maxParallelRaw))}`)
  }

  const digests = list('digests')
  digests.forEach((d, i) => checkDigestEntry(d, 'digests', `entry ${i + 1}`))
  const digestsFrom = list('digests-from')
  if (mode === 'merge') {
    if (digests.length === 0 && digestsFrom.length === 0)
      throw new InputError('digests', 'merge mode needs the digests to merge (digests or digests-from)')
    if (tags.length === 0) throw new InputError('tags', 'merge mode needs at least one tag to apply to the merged manifest list')
    const notIndex = list('annotations').find(a => !INDEX_ANNOTATION.test(a))
    if (notIndex !== undefined)
      throw new InputError(
        'annotations',
        `merge mode annotates the manifest list only; ${JSON.stringify(clip(notIndex))} is not key=value or index:key=value`
      )
  } else if (digests.length > 0 || digestsFrom.length > 0) {
    throw new InputError('digests', 'digests are only read in merge mode (mode: merge)')
  }

  const platformSplit = bool('platform-split', false)
  if (platformSplit && platforms.length < 2) throw new InputError('platform-split', 'needs at least two platforms')
  if (platformSplit && !push) throw new InputError('platform-split', 'pushes each platform by digest, so it needs push: true')
  if (platformSplit && (files.length > 0 || targets.length > 0 || hasMatrix))
    throw new InputError(
      'platform-split',
      'works on a single build; bake files and matrix targets build all their platforms in one invocation'
    )
  if (platformSplit && load) throw new InputError('platform-split', 'pushes by digest and cannot load; drop load')
  if (platformSplit && tags.length === 0) throw new InputError('tags', 'platform-split needs at least one tag for the merged manifest list')
  const call = parseCall(read('call'))
  checkCall(call, {
    merge: mode === 'merge',
    platformSplit,
    depotOnly: engine === 'depot' && !parseBool(read('depot-fallback'), 'depot-fallback', false)
  })

  const buildContexts = parseKeyValues(list('build-contexts'), 'build-contexts').map(
    ([k, v]) => `${k}=${expandDefaultContext(v, defaultContext, 'build-contexts')}`
  )
  const secretWarnings: string[] = []
  const secrets = parseSecrets(read, secretWarnings)
  const singleOrMatrix = mode === 'build' && files.length === 0 && targets.length === 0
  const gitAuth = gitAuthSecret(bakeSource.githubToken, secrets, singleOrMatrix ? [context, ...buildContexts] : [], defaultContext, run)
  if (gitAuth) secrets.push(gitAuth)

  return {
    mode,
    engine,
    buildxVersion,
    buildxDownloadUrl,
    buildxSha256,
    builder,
    driver,
    driverGiven: read('driver').trim() !== '',
    driverOpts: list('driver-opts'),
    buildkitdConfig,
    buildkitdConfigInline,
    buildkitdFlags: read('buildkitd-flags').trim(),
    endpoint,
    builderPlatforms: checkPlatforms(list('builder-platforms'), 'builder-platforms'),
    keepBuilder: bool('keep-builder', false),
    builderScope,
    allowForkCacheWrite: bool('allow-fork-cache-write', false),

    context,
    defaultContext,
    file: read('file').trim(),
    tags,
    labels: parseKeyValues(list('labels'), 'labels').map(([k, v]) => `${k}=${v}`),
    annotations: checkEach(
      list('annotations'),
      'annotations',
      /^[^\s=]+=/,
      'is not [type:]key=value, e.g. index:org.opencontainers.image.description=App'
    ),
    buildArgs: parseKeyValues(list('build-args'), 'build-args'),
    buildContexts,
    secrets,
    secretWarnings,
    platforms,
    target: read('target').trim(),
    push,
    pushByDigest,
    load,
    outputs,
    cacheFrom: checkTypedCsv(list('cache-from'), 'cache-from', CACHE_TYPES),
    cacheTo: checkTypedCsv(list('cache-to'), 'cache-to', CACHE_TYPES),
    provenance: checkAttest(read('provenance'), 'provenance'),
    sbom: checkAttest(read('sbom'), 'sbom'),
    attests: parseAttests(list('attests'), read),
    noCache: bool('no-cache', false),
    noCacheFilters: checkEach(list('no-cache-filters'), 'no-cache-filters', /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'is not a stage name'),
    ssh: checkEach(
      joinSshPaths(list('ssh')),
      'ssh',
      /^[A-Za-z0-9_.-]+(=\S.*)?$/,
      'is not default or id=path[,path], e.g. deploy=/home/runner/.ssh/id_ed25519'
    ),
    cgroupParent: checkCgroupParent(read('cgroup-parent').trim()),
    pull: bool('pull', false),
    network: read('network').trim(),
    shmSize: checkSize(read('shm-size').trim(), 'shm-size'),
    ulimit: checkEach(list('ulimit'), 'ulimit', /^[a-z]+=-?\d+(?::-?\d+)?$/, 'is not name=soft[:hard], e.g. nofile=1024:1024'),
    addHosts: checkEach(list('add-hosts'), 'add-hosts', /^[^\s:=]+[:=]\S+$/, 'is not host:ip, e.g. db:10.0.0.2'),
    allow: list('allow'),

    files,
    targets,
    set: list('set'),
    matrix,
    matrixName: read('matrix-name').trim(),
    ...bakeSource,
    platformSplit,
    maxParallel: Number(maxParallelRaw),
    digests,
    digestsFrom,

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
      pushByDigest,
      mode,
      oidc: Boolean(run.env?.['ACTIONS_ID_TOKEN_REQUEST_URL'] && run.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']),
      fork: forkOf(run.env?.['GITHUB_EVENT_NAME'] ?? '', run.event)
    }),
    logout: bool('logout', true),
    registryAuth: parseRegistryAuthInput(read),
    pushRetries: parsePushRetries(read)
  }
}

/** registry-auth, beside the login input: each registry once across both. */
function parseRegistryAuthInput(read: InputReader): RegistryLogin[] {
  const entries = parseRegistryAuth(read('registry-auth'))
  const single = read('username').trim() ? registryKey(read('registry').trim()) : undefined
  const clash = entries.findIndex(e => registryKey(e.registry) === single)
  if (clash >= 0)
    throw new InputError(
      'registry-auth',
      `entry ${clash + 1} logs in to ${entries[clash]?.registry || 'Docker Hub'}, which the registry, username and password inputs log in to already`
    )
  return entries
}

export const PUSH_RETRIES_MAX = 10

function parsePushRetries(read: InputReader): number {
  const raw = read('push-retries').trim() || '2'
  if (!/^\d+$/.test(raw) || Number(raw) > PUSH_RETRIES_MAX)
    throw new InputError(
      'push-retries',
      `expected a whole number from 0 (no retries) to ${PUSH_RETRIES_MAX}, got ${JSON.stringify(clip(raw))}`
    )
  return Number(raw)
}

/** One entry of digests or a digests-from file: sha256:<64 hex> or repository@sha256:<64 hex>. */
export function checkDigestEntry(entry: string, input: string, where: string): void {
  const at = entry.lastIndexOf('@')
  const digest = at >= 0 ? entry.slice(at + 1) : entry
  if (!DIGEST_RE.test(digest) || (at >= 0 && !parseReference(entry))) {
    throw new InputError(input, `${where} ${JSON.stringify(clip(entry))} is not sha256:<64 hex> or repository@sha256:<64 hex>`)
  }
}

/** The Dockerfile a single build reads: the file input, or Dockerfile in the context. */
export function dockerfilePath(s: Pick<Settings, 'file' | 'context'>): string {
  if (isRemoteContext(s.context)) return remoteDockerfile(s.context, s.file)
  return s.file || path.join(s.context, 'Dockerfile')
}

const REGISTRY_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?$/

/** registry, username, password: all or nothing (registry alone means Docker Hub is not meant). */
function parseLogin(read: InputReader): RegistryLogin | null {
  const registry = read('registry').trim()
  const username = read('username').trim()
  // one trailing line break, as a secret pasted from a file often has, is not part of the password
  const password = read('password').replace(/\r?\n$/, '')
  if (registry && !REGISTRY_HOST.test(registry)) {
    throw new InputError(
      'registry',
      `${JSON.stringify(clip(registry))} is not a registry host (host or host:port, e.g. ghcr.io, without https:// or a path)`
    )
  }
  if (!username && !password) {
    if (registry) throw new InputError('username', `logging in to ${registry} needs username and password`)
    return null
  }
  if (!username) throw new InputError('username', 'a password is given without a username')
  if (!password)
    throw new InputError(
      'password',
      `is empty: username ${JSON.stringify(clip(username))} has no password (a secret that is not set in this repository reads as empty)`
    )
  if (/[\r\n]/.test(password)) throw new InputError('password', 'contains a line break (value not shown)')
  return { registry, username, password }
}

const DEPOT_BUILD_PLATFORMS = ['dynamic', 'linux/amd64', 'linux/arm64']

/** Depot's action input names, each the same as one of ours: either may be given, not both differently. */
export const DEPOT_ALIASES: ReadonlyArray<readonly [ours: string, depots: string]> = [
  ['depot-project', 'project'],
  ['depot-token', 'token'],
  ['depot-fallback', 'buildx-fallback'],
  ['depot-build-platform', 'build-platform'],
  ['depot-save', 'save']
]

/** A text input that has a Depot name too: the value and the name it was given under. */
function aliased(read: InputReader, ours: string, depots: string): { value: string; input: string } {
  const a = read(ours).trim()
  const b = read(depots).trim()
  if (a && b && a !== b) throw new InputError(depots, `is Depot's name for ${ours}; both are given, with different values: give one`)
  return a ? { value: a, input: ours } : { value: b, input: b ? depots : ours }
}

function aliasedBool(read: InputReader, ours: string, depots: string): { value: boolean; input: string } {
  const a = parseBool(read(ours), ours, false)
  const b = parseBool(read(depots), depots, false)
  return { value: a || b, input: b && !a ? depots : ours }
}

const LINT_SEVERITIES = ['info', 'warn', 'error', 'none']

function parseDepotInputs(
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
  const project = aliased(read, 'depot-project', 'project')
  const depotProject = project.value
  if (depotProject && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(depotProject)) {
    throw new InputError(project.input, `${JSON.stringify(clip(depotProject))} is not a Depot project ID (letters, digits, '_' and '-')`)
  }
  // The token is never echoed, not even in part.
  const token = aliased(read, 'depot-token', 'token')
  const depotToken = token.value
  if (/\s/.test(depotToken)) throw new InputError(token.input, 'the token contains whitespace (value not shown)')
  const depotVersion = checkToolVersion(read('depot-version').trim() || 'latest', 'depot-version', '2.102.12')
  const depotDownloadUrl = checkHttpUrl(read('depot-download-url').trim(), 'depot-download-url')
  const depotSha256 = checkPinnedSha256(read('depot-sha256'), 'depot-sha256', depotVersion, 'depot-version', "the archive's")
  const buildPlatform = aliased(read, 'depot-build-platform', 'build-platform')
  const depotBuildPlatform = buildPlatform.value
  if (depotBuildPlatform && !DEPOT_BUILD_PLATFORMS.includes(depotBuildPlatform)) {
    throw new InputError(
      buildPlatform.input,
      `unknown value ${JSON.stringify(clip(depotBuildPlatform))}; expected one of ${DEPOT_BUILD_PLATFORMS.join(', ')}`
    )
  }
  const save = aliasedBool(read, 'depot-save', 'save')
  const saveTagInputs = ['save-tag', 'save-tags'].filter(n => read(n).trim() !== '')
  const depotSaveTags = [
    ...parseList(read('save-tag'), 'save-tag', { comma: true }),
    ...parseList(read('save-tags'), 'save-tags', { comma: true })
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
  const fallback = aliasedBool(read, 'depot-fallback', 'buildx-fallback')
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

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** source (docker/bake-action) or workdir (depot/bake-action), vars and github-token. */
function parseBakeSource(
  read: InputReader,
  list: (name: string, comma?: boolean) => string[]
): Pick<Settings, 'source' | 'sourceInput' | 'vars' | 'githubToken'> {
  const source = read('source').trim()
  const workdir = read('workdir').trim()
  if (source && workdir && source !== workdir)
    throw new InputError('workdir', "is depot/bake-action's name for a local source; give source or workdir, not both")
  if (/[\r\n]/.test(source)) throw new InputError('source', 'is one folder or one Git/HTTPS URL, not a list')
  const vars = parseKeyValues(list('vars'), 'vars')
  for (const [k] of vars) {
    if (!VAR_NAME.test(k)) throw new InputError('vars', `${JSON.stringify(clip(k))} is not a bake variable name (letters, digits, '_')`)
  }
  // An expression no runner evaluated (the CLI reads action.yml's `${{ github.token }}` default) is no token.
  const githubToken = read('github-token')
    .trim()
    .replace(/^\$\{\{.*\}\}$/, '')
  return {
    source: source || workdir,
    sourceInput: source ? 'source' : workdir ? 'workdir' : '',
    vars,
    githubToken
  }
}

/**
 * ssh is split on commas as docker's actions split it (`default,deploy=/key`), but buildx takes
 * several key files for one id (`deploy=/a,/b`): a field that is a path, with no `=`, belongs
 * to the entry before it.
 */
export function joinSshPaths(items: string[]): string[] {
  const out: string[] = []
  for (const item of items) {
    const prev = out[out.length - 1]
    if (prev?.includes('=') && !item.includes('=') && /^[./~]/.test(item)) out[out.length - 1] = `${prev},${item}`
    else out.push(item)
  }
  return out
}

/**
 * github-token as the secret BuildKit authenticates Git fetches from GITHUB_SERVER_URL's host with
 * (GIT_AUTH_TOKEN.<host>), as docker/build-push-action passes it: only when the build fetches the
 * run's Git context (the context, or a build context) and the inputs name no GIT_AUTH_TOKEN
 * secret themselves. It goes the way of every `secrets` value: a private file, never argv.
 */
function gitAuthSecret(token: string, secrets: Secret[], contexts: string[], defaultContext: string, run: WorkflowRun): Secret | undefined {
  if (!token || !defaultContext) return undefined
  if (!contexts.some(c => c.startsWith(defaultContext) || c.includes(`=${defaultContext}`))) return undefined
  const id = `GIT_AUTH_TOKEN.${gitServerHost(run)}`
  if (secrets.some(s => s.id === 'GIT_AUTH_TOKEN' || s.id === id)) return undefined
  return { id, kind: 'value', source: token }
}

/** Items a pattern must match (the shape buildx parses), so a malformed one fails before the build. */
function checkEach(items: string[], input: string, re: RegExp, problem: string): string[] {
  for (const item of items) if (!re.test(item)) throw new InputError(input, `${JSON.stringify(clip(item))} ${problem}`)
  return items
}

function checkSize(v: string, input: string): string {
  if (v && !/^\d+(\.\d+)? ?[kmgtp]?i?b?$/i.test(v))
    throw new InputError(input, `expected a size like 2g or 512m, got ${JSON.stringify(clip(v))}`)
  return v
}

function checkCgroupParent(v: string): string {
  if (/\s/.test(v)) throw new InputError('cgroup-parent', `${JSON.stringify(clip(v))} is not a cgroup path`)
  return v
}

/** attests: typed CSV (provenance or sbom), and a type may not also be set by its own input. */
function parseAttests(values: string[], read: InputReader): string[] {
  const bare = values.find(v => !v.includes('='))
  if (bare !== undefined) throw new InputError('attests', `${JSON.stringify(clip(bare))} has no type=; e.g. type=sbom`)
  const attests = checkTypedCsv(values, 'attests', ['provenance', 'sbom'])
  for (const type of ['provenance', 'sbom'] as const) {
    const n = attests.filter(a => parseCsvFields(a, 'attests')['type'] === type).length
    if (n > 1) throw new InputError('attests', `type=${type} is given ${n} times`)
    if (n === 1 && read(type).trim() !== '')
      throw new InputError('attests', `type=${type} is given here and in the ${type} input; use one of them`)
  }
  return attests
}

/**
 * Inputs of one build that a bake definition owns, with the bake key that carries each: with bake
 * files they are refused (never silently dropped) and the message says where they go instead.
 */
const BAKE_OWNED: ReadonlyArray<readonly [string, string]> = [
  ['context', 'context'],
  ['file', 'dockerfile'],
  ['tags', 'tags'],
  ['platforms', 'platform'],
  ['build-args', 'args.NAME'],
  ['labels', 'labels.NAME'],
  ['annotations', 'annotations'],
  ['build-contexts', 'contexts.NAME'],
  ['target', 'target'],
  ['cache-from', 'cache-from'],
  ['cache-to', 'cache-to'],
  ['outputs', 'output'],
  ['network', 'network'],
  ['shm-size', 'shm-size'],
  ['ulimit', 'ulimits'],
  ['add-hosts', 'extra-hosts'],
  ['ssh', 'ssh'],
  ['no-cache-filters', 'no-cache-filter'],
  ['attests', 'attest']
]

/** An annotation a merged manifest list can carry: index-level, or with no level (index). */
export const INDEX_ANNOTATION = /^index:|^[^:=]+=/

export type BuildMode = 'build' | 'bake' | 'matrix' | 'merge'

/** Inputs whose default is false: set only when true (a bad value fails in its own parse). */
const BOOLEAN_INPUTS = new Set(['load', 'no-cache', 'pull', 'platform-split', 'push-by-digest'])

/**
 * Every input is either used by the mode at hand or refused with the reason: an input that
 * would be ignored is an error, before anything runs. `given` says whether the workflow set it.
 */
export function checkModeInputs(mode: BuildMode, given: (name: string) => boolean): void {
  if (mode === 'bake') {
    for (const [input, key] of BAKE_OWNED) {
      if (given(input)) {
        throw new InputError(
          input,
          `is for a single build or a matrix; with bake files (files, targets) each target's ${key} comes from the bake definition: set it there, or for every target with set: *.${key}=...`
        )
      }
    }
  }
  if (mode === 'matrix' && given('add-hosts')) {
    throw new InputError('add-hosts', 'is not carried into matrix targets; use a single build for extra hosts')
  }
  if ((mode === 'bake' || mode === 'matrix') && given('cgroup-parent')) {
    throw new InputError('cgroup-parent', 'is for a single build; bake targets have no cgroup parent')
  }
  if ((mode === 'bake' || mode === 'matrix') && given('push-by-digest')) {
    throw new InputError('push-by-digest', 'works on a single build; bake and matrix targets are pushed by their tags')
  }
  if (mode === 'merge') {
    const owned = BAKE_OWNED.map(([input]) => input).filter(i => i !== 'tags' && i !== 'annotations' && i !== 'target')
    for (const input of [
      ...owned,
      'cgroup-parent',
      'secrets',
      'secret-files',
      'secret-envs',
      'load',
      'provenance',
      'sbom',
      'no-cache',
      'pull',
      'files',
      'targets',
      'set',
      'matrix',
      'platform-split',
      'push-by-digest',
      'source',
      'workdir',
      'vars'
    ]) {
      if (given(input)) {
        throw new InputError(
          input,
          'is not used in merge mode, which builds nothing: it puts one manifest list together from digests (digests, digests-from) and applies tags and index annotations'
        )
      }
    }
  }
  if (mode === 'build' && given('set')) {
    throw new InputError('set', 'overrides bake targets; it needs files, targets or a matrix')
  }
}

/** Checks that need to know the machine (engine image store, buildx version), but still pure. */
export interface Capabilities {
  buildxVersion: string
  /** the engine stores images in containerd (can hold manifest lists) */
  containerdStore: boolean
  /** buildx can read a build record's attachments (buildx >= 0.23) */
  historyAttachments: boolean
  driver: Driver
}

/** Where a request other than build cannot go: a merge, a platform split, Depot's CLI (no --call). */
function checkCall(call: CallRequest, where: { merge: boolean; platformSplit: boolean; depotOnly: boolean }): void {
  if (call.name === 'build') return
  if (where.merge) throw new InputError('call', `${call.name} asks the Dockerfile frontend; mode: merge builds nothing from a Dockerfile`)
  if (where.platformSplit) throw new InputError('call', `${call.name} builds nothing to split; drop platform-split`)
  if (where.depotOnly)
    throw new InputError(
      'call',
      `${call.name} needs buildx's --call, which the depot CLI does not have; use engine: buildx or auto, or depot-fallback: true`
    )
}

export function checkAgainstCapabilities(s: Settings, caps: Capabilities, kind: 'build' | 'bake' = 'build'): void {
  const callMin = CALL_MIN_BUILDX[kind]
  if (s.call.name !== 'build' && !versionAtLeast(caps.buildxVersion, callMin)) {
    throw new InputError(
      'call',
      `${s.call.name} needs buildx ${callMin} or later for ${kind} --call; this buildx is ${caps.buildxVersion || 'of unknown version'}`
    )
  }
  if (caps.driver === 'docker' && (s.platformSplit || s.pushByDigest)) {
    throw new InputError(
      s.platformSplit ? 'platform-split' : 'push-by-digest',
      'pushing by digest needs a builder with its own BuildKit (driver docker-container, remote or kubernetes); the docker driver cannot push by digest'
    )
  }
  if (!versionAtLeast(caps.buildxVersion, '0.10.0') && (s.provenance || s.sbom)) {
    throw new InputError(
      s.provenance ? 'provenance' : 'sbom',
      `needs buildx 0.10 or later; this buildx is ${caps.buildxVersion || 'of unknown version'}`
    )
  }
  if (s.load && s.push && (s.files.length > 0 || s.targets.length > 0) && !versionAtLeast(caps.buildxVersion, '0.14.0')) {
    // Seen with buildx 0.13.1: the bake loads the image and silently does not push it.
    throw new InputError(
      'load',
      `buildx ${caps.buildxVersion} bakes keep only one of push and load (the image is loaded and not pushed); use a newer buildx (buildx-version), or give each target its outputs in the definition`
    )
  }
  if (s.load && s.platforms.length > 1 && !caps.containerdStore) {
    throw new InputError(
      'load',
      `loading ${s.platforms.length} platforms needs an engine with the containerd image store; this engine's classic store holds one platform. Build one platform to load, or push`
    )
  }
  if (caps.driver === 'docker' && s.cacheTo.some(c => !c.includes('=') || parseCsvFields(c, 'cache-to')['type'] !== 'inline')) {
    if (!caps.containerdStore) {
      throw new InputError(
        'cache-to',
        'the docker driver without the containerd image store only supports inline cache export; use driver docker-container or remote'
      )
    }
  }
}
