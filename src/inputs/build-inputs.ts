// The inputs of one build (docker/build-push-action's names): where the image goes, its secrets,
// attestations and the options buildx passes on. Pure.
import { InputError } from '../errors.js'
import { listSplit } from './catalogue.js'
import { checkEach, checkPlatforms, checkSize, checkTypedCsv } from './checks.js'
import { clip, parseCsvFields, parseKeyValues, parseList } from './lists.js'
import { defaultGitContext, expandDefaultContext, gitServerHost, type WorkflowRun } from './run-env.js'
import type { InputReader, Secret, Settings } from './settings.js'
import { joinSshPaths } from './ssh.js'

const OUTPUT_TYPES = ['registry', 'image', 'docker', 'oci', 'tar', 'local', 'cacheonly']
const CACHE_TYPES = ['registry', 'local', 'inline', 'gha', 's3', 'azblob']

export function parseSecrets(read: InputReader, skipped: string[]): Secret[] {
  const secrets: Secret[] = []
  const add = (input: string, kind: Secret['kind']) => {
    const lines = parseList(read(input), input, { split: listSplit(input) })
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
 * github-token as the secret BuildKit authenticates Git fetches from GITHUB_SERVER_URL's host with
 * (GIT_AUTH_TOKEN.<host>), as docker/build-push-action passes it: only when the build fetches the
 * run's Git context (the context, or a build context) and the inputs name no GIT_AUTH_TOKEN
 * secret themselves. It goes the way of every `secrets` value: a private file, never argv.
 */
export function gitAuthSecret(
  token: string,
  secrets: Secret[],
  contexts: string[],
  defaultContext: string,
  run: WorkflowRun
): Secret | undefined {
  if (!token || !defaultContext) return undefined
  if (!contexts.some(c => c.startsWith(defaultContext) || c.includes(`=${defaultContext}`))) return undefined
  const id = `GIT_AUTH_TOKEN.${gitServerHost(run)}`
  if (secrets.some(s => s.id === 'GIT_AUTH_TOKEN' || s.id === id)) return undefined
  return { id, kind: 'value', source: token }
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

type Bool = (name: string, dflt: boolean) => boolean
type List = (name: string) => string[]

/** Where the image goes: platforms, push (or push by digest), load, or outputs. */
export function parseDestination(bool: Bool, list: List): Pick<Settings, 'platforms' | 'pushByDigest' | 'push' | 'load' | 'outputs'> {
  const platforms = checkPlatforms(list('platforms'), 'platforms')
  const pushByDigest = bool('push-by-digest', false)
  const push = bool('push', false) || pushByDigest
  const load = bool('load', false)
  const outputs = checkTypedCsv(list('outputs'), 'outputs', OUTPUT_TYPES)
  if (outputs.length > 0 && (push || load)) {
    throw new InputError('outputs', 'push and load are shorthands for outputs; give one or the other')
  }
  return { platforms, pushByDigest, push, load, outputs }
}

/** push-by-digest pushes untagged to the tags' repository, and nowhere else. */
export function checkPushByDigest(s: Pick<Settings, 'pushByDigest' | 'load' | 'outputs' | 'tags'>): void {
  if (s.pushByDigest && (s.load || s.outputs.length > 0))
    throw new InputError('push-by-digest', 'pushes untagged to the registry; it cannot be combined with load or outputs')
  if (s.pushByDigest && s.tags.length === 0)
    throw new InputError('tags', 'push-by-digest needs the repository to push to, e.g. ghcr.io/org/app')
}

/** The context given, `{{defaultContext}}` expanded; else the run's Git context; else '.'. */
export function parseContext(read: InputReader, run: WorkflowRun): Pick<Settings, 'context' | 'defaultContext'> {
  const defaultContext = defaultGitContext(run)
  const contextInput = read('context').trim()
  const context = contextInput ? expandDefaultContext(contextInput, defaultContext, 'context') : defaultContext || '.'
  return { context, defaultContext }
}

/**
 * build-contexts, the secrets inputs, and github-token as the Git secret of a build that fetches
 * the run's Git context; `skipped` collects the secrets entries skipped with a warning.
 */
export function parseBuildSecrets(
  read: InputReader,
  list: List,
  at: { context: string; defaultContext: string; githubToken: string; singleOrMatrix: boolean; run: WorkflowRun }
): Pick<Settings, 'buildContexts' | 'secrets' | 'secretWarnings'> {
  const buildContexts = parseKeyValues(list('build-contexts'), 'build-contexts').map(
    ([k, v]) => `${k}=${expandDefaultContext(v, at.defaultContext, 'build-contexts')}`
  )
  const secretWarnings: string[] = []
  const secrets = parseSecrets(read, secretWarnings)
  const contexts = at.singleOrMatrix ? [at.context, ...buildContexts] : []
  const gitAuth = gitAuthSecret(at.githubToken, secrets, contexts, at.defaultContext, at.run)
  if (gitAuth) secrets.push(gitAuth)
  return { buildContexts, secrets, secretWarnings }
}

/** The options buildx passes on for one build (read after the kind of run is known). */
export function parseBuildOptions(
  read: InputReader,
  bool: Bool,
  list: List
): Pick<
  Settings,
  | 'file'
  | 'labels'
  | 'annotations'
  | 'buildArgs'
  | 'target'
  | 'cacheFrom'
  | 'cacheTo'
  | 'provenance'
  | 'sbom'
  | 'attests'
  | 'noCache'
  | 'noCacheFilters'
  | 'ssh'
  | 'cgroupParent'
  | 'pull'
  | 'network'
  | 'shmSize'
  | 'ulimit'
  | 'addHosts'
  | 'allow'
> {
  return {
    file: read('file').trim(),
    labels: parseKeyValues(list('labels'), 'labels').map(([k, v]) => `${k}=${v}`),
    annotations: checkEach(
      list('annotations'),
      'annotations',
      /^[^\s=]+=/,
      'is not [type:]key=value, e.g. index:org.opencontainers.image.description=App'
    ),
    buildArgs: parseKeyValues(list('build-args'), 'build-args'),
    target: read('target').trim(),
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
    allow: list('allow')
  }
}
