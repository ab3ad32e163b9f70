// The catalogue of inputs: one row per input of action.yml, saying how it is read (kind, list
// split), its singular CLI flag, the bake key that carries it, the kinds of run that refuse it and
// its Depot name. The parser, the refusal rules, the matrix's bake mapping and the CLI's flags are
// read from here; a unit test holds it to action.yml. Pure.
import type { ListSplit } from './lists.js'
import type { BakeTarget } from './matrix.js'
import type { Settings } from './settings.js'

/** The kind of run the inputs make: one build, a bake of files or targets, a matrix, a merge. */
export type RunKind = 'build' | 'bake' | 'matrix' | 'merge'

export interface InputEntry {
  readonly name: string
  /** boolean: true or false (its action.yml default is one of them); list: items split by `split` */
  readonly kind: 'text' | 'boolean' | 'list'
  /**
   * For the inputs docker's actions share, their choice (build-push-, bake- and setup-buildx-action
   * read them with the toolkit's getInputList): `comma` where they split on commas, `record` where
   * they keep commas (ignoreComma). Values buildx parses as CSV itself are `lines`, so their quotes
   * reach buildx as written (outputs, set and driver-opts are read that way by docker's actions too;
   * cache-from, cache-to and attests lose their quotes there).
   */
  readonly split?: ListSplit
  /** the CLI's singular flag for a list input, as buildx spells it (--tag for tags) */
  readonly flag?: string
  /** the Settings field the parsed value lands in (where a mapping reads it back) */
  readonly setting?: keyof Settings
  /**
   * The bake target's key for it, as `set` writes it (*.platform=), and the field of the definition
   * a matrix generates that carries it (none: the matrix refuses the input)
   */
  readonly bake?: { readonly key: string; readonly field?: keyof BakeTarget }
  /** the kinds of run that refuse the input when given */
  readonly refusedIn?: readonly RunKind[]
  /** why, for a refusal that is not the bake definition's or merge mode's own */
  readonly reason?: string
  /** depot/build-push-action's name for the same input: either may be given */
  readonly depotAlias?: string
}

const OWNED: readonly RunKind[] = ['bake', 'merge']
const MERGE: readonly RunKind[] = ['merge']
const ONE_BUILD_ONLY: readonly RunKind[] = ['bake', 'matrix', 'merge']

/**
 * The order matters where several inputs are refused at once: the first row given is named. The
 * inputs a bake definition owns come first, then those of one build, then the rest as action.yml
 * lists them.
 */
export const INPUTS: readonly InputEntry[] = [
  // one build's inputs that a bake definition owns (each refused with bake files, pointing at its key)
  { name: 'context', kind: 'text', setting: 'context', bake: { key: 'context', field: 'context' }, refusedIn: OWNED },
  { name: 'file', kind: 'text', setting: 'file', bake: { key: 'dockerfile', field: 'dockerfile' }, refusedIn: OWNED },
  { name: 'tags', kind: 'list', split: 'comma', flag: 'tag', setting: 'tags', bake: { key: 'tags', field: 'tags' }, refusedIn: ['bake'] },
  {
    name: 'platforms',
    kind: 'list',
    split: 'comma',
    flag: 'platform',
    setting: 'platforms',
    bake: { key: 'platform', field: 'platforms' },
    refusedIn: OWNED
  },
  {
    name: 'build-args',
    kind: 'list',
    split: 'record',
    flag: 'build-arg',
    setting: 'buildArgs',
    bake: { key: 'args.NAME', field: 'args' },
    refusedIn: OWNED
  },
  {
    name: 'labels',
    kind: 'list',
    split: 'record',
    flag: 'label',
    setting: 'labels',
    bake: { key: 'labels.NAME', field: 'labels' },
    refusedIn: OWNED
  },
  {
    name: 'annotations',
    kind: 'list',
    split: 'record',
    flag: 'annotation',
    setting: 'annotations',
    bake: { key: 'annotations', field: 'annotations' },
    refusedIn: ['bake']
  },
  {
    name: 'build-contexts',
    kind: 'list',
    split: 'record',
    flag: 'build-context',
    setting: 'buildContexts',
    bake: { key: 'contexts.NAME', field: 'contexts' },
    refusedIn: OWNED
  },
  { name: 'target', kind: 'text', setting: 'target', bake: { key: 'target', field: 'target' }, refusedIn: ['bake'] },
  {
    name: 'cache-from',
    kind: 'list',
    split: 'lines',
    setting: 'cacheFrom',
    bake: { key: 'cache-from', field: 'cache-from' },
    refusedIn: OWNED
  },
  { name: 'cache-to', kind: 'list', split: 'lines', setting: 'cacheTo', bake: { key: 'cache-to', field: 'cache-to' }, refusedIn: OWNED },
  {
    name: 'outputs',
    kind: 'list',
    split: 'lines',
    flag: 'output',
    setting: 'outputs',
    bake: { key: 'output', field: 'output' },
    refusedIn: OWNED
  },
  { name: 'network', kind: 'text', setting: 'network', bake: { key: 'network', field: 'network' }, refusedIn: OWNED },
  { name: 'shm-size', kind: 'text', setting: 'shmSize', bake: { key: 'shm-size', field: 'shm-size' }, refusedIn: OWNED },
  { name: 'ulimit', kind: 'list', split: 'record', setting: 'ulimit', bake: { key: 'ulimits', field: 'ulimits' }, refusedIn: OWNED },
  {
    name: 'add-hosts',
    kind: 'list',
    split: 'comma',
    flag: 'add-host',
    setting: 'addHosts',
    bake: { key: 'extra-hosts' },
    refusedIn: ['bake', 'matrix', 'merge'],
    reason: 'is not carried into matrix targets; use a single build for extra hosts'
  },
  { name: 'ssh', kind: 'list', split: 'comma', setting: 'ssh', bake: { key: 'ssh', field: 'ssh' }, refusedIn: OWNED },
  {
    name: 'no-cache-filters',
    kind: 'list',
    split: 'comma',
    flag: 'no-cache-filter',
    setting: 'noCacheFilters',
    bake: { key: 'no-cache-filter', field: 'no-cache-filter' },
    refusedIn: OWNED
  },
  {
    name: 'attests',
    kind: 'list',
    split: 'lines',
    flag: 'attest',
    setting: 'attests',
    bake: { key: 'attest', field: 'attest' },
    refusedIn: OWNED
  },

  // one build's, not a bake definition's
  {
    name: 'cgroup-parent',
    kind: 'text',
    refusedIn: ONE_BUILD_ONLY,
    reason: 'is for a single build; bake targets have no cgroup parent'
  },
  { name: 'secrets', kind: 'list', split: 'record', flag: 'secret', refusedIn: MERGE },
  { name: 'secret-files', kind: 'list', split: 'record', flag: 'secret-file', refusedIn: MERGE },
  { name: 'secret-envs', kind: 'list', split: 'comma', flag: 'secret-env', refusedIn: MERGE },
  { name: 'load', kind: 'boolean', refusedIn: MERGE },
  { name: 'provenance', kind: 'text', refusedIn: MERGE },
  { name: 'sbom', kind: 'text', refusedIn: MERGE },
  { name: 'no-cache', kind: 'boolean', refusedIn: MERGE },
  { name: 'pull', kind: 'boolean', refusedIn: MERGE },
  // many builds
  { name: 'files', kind: 'list', split: 'comma', refusedIn: MERGE },
  { name: 'targets', kind: 'list', split: 'comma', refusedIn: MERGE },
  {
    name: 'set',
    kind: 'list',
    split: 'lines',
    refusedIn: ['build', 'merge'],
    reason: 'overrides bake targets; it needs files, targets or a matrix'
  },
  { name: 'matrix', kind: 'text', refusedIn: MERGE },
  { name: 'platform-split', kind: 'boolean', refusedIn: MERGE },
  {
    name: 'push-by-digest',
    kind: 'boolean',
    refusedIn: ONE_BUILD_ONLY,
    reason: 'works on a single build; bake and matrix targets are pushed by their tags'
  },
  { name: 'source', kind: 'text', refusedIn: MERGE },
  // depot/bake-action's name for a local source (its own rule: see parseBakeSource)
  { name: 'workdir', kind: 'text', refusedIn: MERGE },
  { name: 'vars', kind: 'list', split: 'lines', flag: 'var', refusedIn: MERGE },

  // the rest, as action.yml lists them
  { name: 'mode', kind: 'text' },
  { name: 'engine', kind: 'text' },
  { name: 'buildx-version', kind: 'text' },
  { name: 'buildx-download-url', kind: 'text' },
  { name: 'buildx-sha256', kind: 'text' },
  { name: 'builder', kind: 'text' },
  { name: 'driver', kind: 'text' },
  { name: 'driver-opts', kind: 'list', split: 'lines', flag: 'driver-opt' },
  { name: 'buildkitd-config', kind: 'text' },
  { name: 'buildkitd-config-inline', kind: 'text' },
  { name: 'buildkitd-flags', kind: 'text' },
  { name: 'endpoint', kind: 'text' },
  { name: 'builder-platforms', kind: 'list', split: 'comma', flag: 'builder-platform' },
  { name: 'keep-builder', kind: 'boolean' },
  { name: 'builder-scope', kind: 'text' },
  { name: 'allow-fork-cache-write', kind: 'boolean' },
  { name: 'registry', kind: 'text' },
  { name: 'username', kind: 'text' },
  { name: 'password', kind: 'text' },
  { name: 'logout', kind: 'boolean' },
  { name: 'registry-auth', kind: 'text' },
  { name: 'sign', kind: 'text' },
  { name: 'sign-key', kind: 'text' },
  { name: 'sign-key-password', kind: 'text' },
  { name: 'sign-fulcio-url', kind: 'text' },
  { name: 'sign-rekor-url', kind: 'text' },
  { name: 'sign-tlog', kind: 'boolean' },
  { name: 'cosign-version', kind: 'text' },
  { name: 'cosign-download-url', kind: 'text' },
  { name: 'cosign-sha256', kind: 'text' },
  { name: 'github-token', kind: 'text' },
  { name: 'push', kind: 'boolean' },
  { name: 'push-retries', kind: 'text' },
  { name: 'call', kind: 'text' },
  { name: 'allow', kind: 'list', split: 'comma' },
  { name: 'matrix-name', kind: 'text' },
  { name: 'max-parallel', kind: 'text' },
  { name: 'digests', kind: 'list', split: 'comma' },
  { name: 'digests-from', kind: 'list', split: 'lines' },
  { name: 'image', kind: 'text' },
  { name: 'runners', kind: 'text' },
  { name: 'default-runner', kind: 'text' },
  { name: 'base-annotations', kind: 'boolean' },
  { name: 'summary', kind: 'boolean' },
  { name: 'build-record-upload', kind: 'boolean' },
  { name: 'depot-project', kind: 'text', depotAlias: 'project' },
  { name: 'depot-token', kind: 'text', depotAlias: 'token' },
  { name: 'depot-version', kind: 'text' },
  { name: 'depot-download-url', kind: 'text' },
  { name: 'depot-sha256', kind: 'text' },
  { name: 'depot-fallback', kind: 'boolean', depotAlias: 'buildx-fallback' },
  { name: 'depot-build-platform', kind: 'text', depotAlias: 'build-platform' },
  { name: 'depot-save', kind: 'boolean', depotAlias: 'save' },
  // depot/build-push-action takes both names, each a list of its own
  { name: 'save-tag', kind: 'list', split: 'comma' },
  { name: 'save-tags', kind: 'list', split: 'comma' },
  { name: 'lint', kind: 'boolean' },
  { name: 'lint-fail-on', kind: 'text' },
  { name: 'sbom-dir', kind: 'text' },
  { name: 'compare-with', kind: 'text' },
  { name: 'max-size-increase', kind: 'text' }
]

const BY_NAME = new Map(INPUTS.map(e => [e.name, e]))

/** The row of an input (not of a Depot alias). */
export function inputEntry(name: string): InputEntry | undefined {
  return BY_NAME.get(name)
}

/** How a list input is split; an input that is no list is a mistake in the code, not in the inputs. */
export function listSplit(name: string): ListSplit {
  const e = BY_NAME.get(name)
  if (e?.kind !== 'list' || !e.split) throw new Error(`internal: ${name} is no list input of the catalogue`)
  return e.split
}

/** Depot's name for one of our inputs. */
export function depotAliasOf(name: string): string {
  const alias = BY_NAME.get(name)?.depotAlias
  if (!alias) throw new Error(`internal: ${name} has no Depot name in the catalogue`)
  return alias
}

/** The row an input name belongs to: its own, or the row it is the Depot alias of. */
export function entryOfName(name: string): { entry: InputEntry; alias: boolean } | undefined {
  const own = BY_NAME.get(name)
  if (own) return { entry: own, alias: false }
  const of = INPUTS.find(e => e.depotAlias === name)
  return of ? { entry: of, alias: true } : undefined
}
