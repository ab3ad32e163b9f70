// Builders: what `buildx inspect` says of one, the daemon's own builder's name, the job's current
// builder, the builder made for a request the daemon's cannot build, and removal.
import * as core from '../runner/commands.js'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { daemonSocket, getOverSocket } from '../docker/daemon.js'
import { InputError } from '../errors.js'
import { currentContextName, dockerConfigDir, readDockerConfig } from '../docker/config.js'
import type { Settings } from '../inputs/parse.js'
import { createBuilderArgs, inspectBuilderArgs, inspectCurrentBuilderArgs, removeBuilderArgs, type BuilderOptions } from './args.js'
import { runBuildxChecked, type Buildx } from './buildx.js'
import { chooseBuilder, dockerDriverCannot, newBuilderName, type BuildRequest, type CurrentBuilder } from './builder-choice.js'

export interface BuilderNode {
  name: string
  endpoint: string
  status: string
  platforms: string[]
}

export interface BuilderInfo {
  name: string
  driver: string
  nodes: BuilderNode[]
}

/** `buildx inspect NAME` text -> builder info. */
export function parseBuilderInspect(out: string): BuilderInfo {
  const info: BuilderInfo = { name: '', driver: '', nodes: [] }
  let node: BuilderNode | undefined
  for (const line of out.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line)
    if (!m) continue
    const key = m[1] ?? ''
    const value = (m[2] ?? '').trim()
    if (key === 'Name') {
      if (!info.name) info.name = value
      else {
        node = { name: value, endpoint: '', status: '', platforms: [] }
        info.nodes.push(node)
      }
    } else if (key === 'Driver' && !node) info.driver = value
    else if (node && key === 'Endpoint') node.endpoint = value
    else if (node && key === 'Status') node.status = value
    else if (node && key === 'Platforms') {
      node.platforms = value
        .split(',')
        .map(p => p.trim().replace(/\*$/, ''))
        .filter(Boolean)
    }
  }
  return info
}

/**
 * Why a builder found under a scoped name is not the one these settings would have made, or ''.
 * The name is computed from public data (repository, branch, actor): anything on a persistent
 * runner can create a builder of that name first. Checked: the driver, and for the remote driver
 * that every node is the endpoint asked for (a docker-container builder's node is a container
 * buildx names itself; its image and options are not compared).
 */
export function scopedBuilderMismatch(info: BuilderInfo, want: { driver: string; endpoint: string }): string {
  if (info.driver !== want.driver) return `its driver is ${info.driver || 'unknown'}, not ${want.driver}`
  if (want.driver === 'remote') {
    const other = info.nodes.find(n => n.endpoint !== want.endpoint)
    if (other || info.nodes.length === 0) return `its endpoint is ${other?.endpoint || 'unknown'}, not ${want.endpoint}`
  }
  return ''
}

/** What buildx keeps of one node of a builder (its store, `<buildx config>/instances/<name>`). */
export interface StoredNode {
  name: string
  driverOpts: Record<string, string>
  flags: string[]
  /** file name -> text, e.g. buildkitd.toml */
  files: Record<string, string>
}

/** The BuildKit container of a docker-container node, as the daemon reports it; undefined: not on this daemon. */
export interface NodeContainer {
  image: string
  cmd: string[]
  networkMode: string
}

/** What a docker-container builder made from these settings would be. */
export interface DockerContainerWant {
  driverOpts: Record<string, string>
  flags: string[]
  /** the buildkitd config's text; '' for none */
  config: string
}

/** buildx's image for a docker-container node when driver-opts names none. */
export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1'

/** The config file buildx puts in the container, and the flag it adds for it. */
const CONTAINER_CONFIG = ['--config', '/etc/buildkit/buildkitd.toml']

/** driver-opts entries (each a CSV of key=value, as buildx reads --driver-opt) as one map. */
export function driverOptsMap(entries: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of entries) {
    for (const field of entry.split(',')) {
      const eq = field.indexOf('=')
      if (eq > 0) out[field.slice(0, eq).trim()] = field.slice(eq + 1).trim()
    }
  }
  return out
}

/** buildkitd-flags split as buildx splits them (shell words: quotes group, backslash escapes). */
export function shellWords(text: string): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (quote) {
      if (c === quote) quote = ''
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word = (word ?? '') + text[++i]
      else word = (word ?? '') + c
    } else if (c === '"' || c === "'") {
      quote = c
      word = word ?? ''
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i]
    else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else word = (word ?? '') + c
  }
  if (word !== undefined) words.push(word)
  return words
}

const optsText = (o: Record<string, string>) =>
  Object.keys(o).length === 0
    ? 'none'
    : Object.entries(o)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(',')

/** Removes whitespace outside double-quoted strings, and writes single-quoted strings double-quoted. */
function compactValue(v: string): string {
  let out = ''
  let quote = ''
  for (let i = 0; i < v.length; i++) {
    const c = v[i] ?? ''
    if (quote) {
      if (c === quote) {
        quote = ''
        out += '"'
      } else if (c === '\\' && quote === '"') {
        out += c + (v[++i] ?? '')
      } else out += quote === "'" && (c === '"' || c === '\\') ? `\\${c}` : c
    } else if (c === '"' || c === "'") {
      quote = c
      out += '"'
    } else if (c === '#') break
    else if (!/\s/.test(c)) out += c
  }
  return out
}

/**
 * A buildkitd config as sorted `table.key=value` lines, so the text buildx keeps (it re-encodes
 * the TOML, tables and quoting its own way) compares with the input's. undefined when the text
 * uses what this simple reading does not follow (inline tables, values over several lines).
 */
export function tomlEntries(text: string): string[] | undefined {
  const out: string[] = []
  let table = ''
  const arrays = new Map<string, number>()
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line)
    if (header) {
      const name = compactValue(header[2] ?? '')
      if (header[1] === '[[') {
        const n = (arrays.get(name) ?? -1) + 1
        arrays.set(name, n)
        table = `${name}[${n}]`
      } else table = name
      continue
    }
    const eq = line.indexOf('=')
    if (eq <= 0) return undefined
    const key = compactValue(line.slice(0, eq))
    const value = compactValue(line.slice(eq + 1))
    if (value === '' || value.startsWith('{') || (value.startsWith('[') && !value.endsWith(']'))) return undefined
    out.push(`${table ? `${table}.` : ''}${key}=${value}`)
  }
  return out.sort()
}

/** The same config, as far as tomlEntries can tell; both empty counts as the same. */
function sameConfig(kept: string, wanted: string): boolean {
  if (!kept.trim() || !wanted.trim()) return !kept.trim() && !wanted.trim()
  const a = tomlEntries(kept)
  const b = tomlEntries(wanted)
  // a config this reading cannot follow is compared by its presence only
  return !a || !b || a.join('\n') === b.join('\n')
}

/** The entitlements BuildKit daemon flags allow (`--allow-insecure-entitlement E` or `=E`). */
function allowedEntitlements(flags: string[]): string[] {
  const out: string[] = []
  flags.forEach((f, i) => {
    if (f === '--allow-insecure-entitlement') out.push(flags[i + 1] ?? '')
    else if (f.startsWith('--allow-insecure-entitlement=')) out.push(f.slice(f.indexOf('=') + 1))
  })
  return out
}

/**
 * The BuildKit daemon flags buildx may record for a docker-container builder made with FLAGS:
 * since 0.13 it appends --allow-insecure-entitlement=network.host when driver-opts has
 * network=host and the flags do not allow it, or when they allow no entitlement at all (newer
 * versions not when the buildkitd config lists network.host: then it records FLAGS alone).
 */
export function recordedFlagChoices(flags: string[], driverOpts: Record<string, string>): string[][] {
  const allowed = allowedEntitlements(flags)
  const added = (driverOpts['network'] === 'host' && !allowed.includes('network.host')) || allowed.length === 0
  return added ? [flags, [...flags, '--allow-insecure-entitlement=network.host']] : [flags]
}

/**
 * Why a docker-container builder found under a scoped name is not the one these settings would
 * make, or '': every node's driver options, BuildKit daemon flags and buildkitd config as buildx
 * keeps them, and the container the daemon runs for it (its image, command and network), since
 * buildx starts a container of the expected name without looking at what it runs. `containers`
 * maps node name -> its container on this daemon (undefined: none), or is undefined when the
 * daemon cannot be asked.
 */
export function dockerContainerMismatch(
  stored: StoredNode[] | undefined,
  containers: Map<string, NodeContainer | undefined> | undefined,
  want: DockerContainerWant
): string {
  if (!stored || stored.length === 0) return 'buildx keeps no configuration for it (its store entry is missing or unreadable)'
  const wantOpts = optsText(want.driverOpts)
  const image = want.driverOpts['image'] || DEFAULT_BUILDKIT_IMAGE
  const flagChoices = recordedFlagChoices(want.flags, want.driverOpts).map(f => f.join(' '))
  for (const node of stored) {
    const opts = optsText(node.driverOpts)
    if (opts !== wantOpts) return `node ${node.name} has driver options ${opts}, not ${wantOpts} (driver-opts)`
    if (!flagChoices.includes(node.flags.join(' ')))
      return `node ${node.name} has BuildKit daemon flags ${JSON.stringify(node.flags.join(' '))}, not ${JSON.stringify(want.flags.join(' '))} (buildkitd-flags)`
    const config = node.files['buildkitd.toml'] ?? ''
    if (!sameConfig(config, want.config))
      return `node ${node.name} has ${config ? 'a buildkitd config' : 'no buildkitd config'} ${want.config ? 'other than the one asked for' : 'though none is asked for'} (buildkitd-config, buildkitd-config-inline)`
    if (!containers) continue
    const c = containers.get(node.name)
    const container = `buildx_buildkit_${node.name}`
    if (!c) return `node ${node.name} has no container ${container} on this engine (its endpoint is another engine)`
    if (c.image !== image) return `its container ${container} runs the image ${c.image}, not ${image}`
    const cmd = c.cmd.slice(0, 2).join(' ') === CONTAINER_CONFIG.join(' ') ? c.cmd.slice(2) : c.cmd
    if (!flagChoices.includes(cmd.join(' ')))
      return `its container ${container} runs BuildKit with ${JSON.stringify(c.cmd.join(' '))}, not the flags asked for`
    const network = want.driverOpts['network']
    if (network && c.networkMode !== network) return `its container ${container} has the network ${c.networkMode}, not ${network}`
  }
  return ''
}

/** The builder's nodes as buildx keeps them; undefined when the store entry cannot be read. */
export function readStoredNodes(name: string, env: NodeJS.ProcessEnv = process.env): StoredNode[] | undefined {
  try {
    const doc = JSON.parse(readFileSync(path.join(buildxConfigDir(env), 'instances', name), 'utf8')) as {
      Nodes?: Array<{
        Name?: string
        DriverOpts?: Record<string, string> | null
        Flags?: string[] | null
        Files?: Record<string, string> | null
      }>
    }
    return (doc.Nodes ?? []).map(n => ({
      name: n.Name ?? '',
      driverOpts: n.DriverOpts ?? {},
      flags: n.Flags ?? [],
      files: Object.fromEntries(Object.entries(n.Files ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]))
    }))
  } catch {
    return undefined
  }
}

/**
 * The buildkitd config text a new docker-container builder gets: the file given (the inline
 * input is written to one), else buildx's own default (buildkitd.default.toml in its config
 * folder), else none.
 */
export function wantedConfigText(configFile: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = configFile || path.join(buildxConfigDir(env), 'buildkitd.default.toml')
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/** GET /containers/<name>/json on the daemon's socket: the container, or undefined when there is none. */
async function containerOverSocket(socketPath: string, name: string): Promise<NodeContainer | undefined> {
  const { status, body } = await getOverSocket(socketPath, `/containers/${encodeURIComponent(name)}/json`)
  if (status === 404) return undefined
  if (status !== 200) throw new Error(`the engine answered ${status} for container ${name}`)
  const j = JSON.parse(body) as { Config?: { Image?: string; Cmd?: string[] | null }; HostConfig?: { NetworkMode?: string } }
  return { image: j.Config?.Image ?? '', cmd: j.Config?.Cmd ?? [], networkMode: j.HostConfig?.NetworkMode ?? '' }
}

/**
 * The BuildKit containers of a docker-container builder's nodes on the daemon this run uses;
 * undefined when that daemon is not reachable over a local socket (another context, tcp).
 */
export async function nodeContainers(
  nodes: string[],
  env: NodeJS.ProcessEnv = process.env
): Promise<Map<string, NodeContainer | undefined> | undefined> {
  const socket = daemonSocket(env, readDockerConfig())
  if (!socket || !existsSync(socket)) return undefined
  const out = new Map<string, NodeContainer | undefined>()
  for (const n of nodes) out.set(n, await containerOverSocket(socket, `buildx_buildkit_${n}`))
  return out
}

export async function inspectBuilder(bx: Buildx, name: string): Promise<BuilderInfo> {
  const r = await runBuildxChecked(
    bx,
    inspectBuilderArgs(name, { bootstrap: true }),
    {},
    line => new InputError('builder', `cannot use builder ${name}: ${line}`)
  )
  return parseBuilderInspect(r.stdout)
}

/** The builder the docker driver provides: the current docker context's. */
export function defaultBuilderName(): string {
  return currentContextName(process.env, readDockerConfig())
}

export async function removeBuilder(bx: Buildx, name: string): Promise<void> {
  await runBuildxChecked(bx, removeBuilderArgs(name))
}

/** Where buildx keeps its builders and the current one: BUILDX_CONFIG, else <docker config>/buildx. */
export function buildxConfigDir(env: NodeJS.ProcessEnv): string {
  return env['BUILDX_CONFIG'] || path.join(dockerConfigDir(env), 'buildx')
}

/**
 * The builder the job already chose (BUILDX_BUILDER, else `buildx use`, as setup-buildx-action
 * leaves it), as `buildx inspect` with no name reports it; undefined when it is the daemon's own.
 */
export async function currentBuilder(bx: Buildx, env: NodeJS.ProcessEnv = process.env): Promise<CurrentBuilder | undefined> {
  // buildx records the current builder in this file; without it (or with no name in it, as
  // `buildx use default` leaves it) and without BUILDX_BUILDER the daemon's builder is current,
  // and no process needs to ask.
  if (!env['BUILDX_BUILDER'] && !namesCurrentBuilder(path.join(buildxConfigDir(env), 'current'))) return undefined
  const r = await runBuildxChecked(bx, inspectCurrentBuilderArgs(), {}, line =>
    env['BUILDX_BUILDER']
      ? new Error(`cannot use builder ${env['BUILDX_BUILDER']} (BUILDX_BUILDER): ${line}`)
      : new Error(`cannot read the current builder: ${line}`)
  )
  const info = parseBuilderInspect(r.stdout)
  if (!info.name || (info.driver === 'docker' && info.name === defaultBuilderName())) return undefined
  return { name: info.name, driver: info.driver }
}

/** The file buildx keeps its current builder in names one (any doubt counts as yes: buildx is asked). */
function namesCurrentBuilder(file: string): boolean {
  if (!existsSync(file)) return false
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { Name?: unknown }).Name !== ''
  } catch {
    return true
  }
}

/** The builder useImplicitBuilder picked; `createdFor` is set when it made one (post removes it). */
export interface ImplicitBuilder {
  name: string
  /** why the Docker daemon's builder could not build this: the builder was made for it */
  createdFor?: string
}

/**
 * With neither the builder nor the driver input, picks the builder as docker/build-push-action
 * would find it (the current one), and gives a request the daemon's builder cannot build a
 * docker-container builder made as setup-buildx-action makes one (driver-opts reach it); the
 * caller records a builder made here in state at once. undefined: the inputs decide (the
 * daemon's builder, or theirs).
 */
export async function useImplicitBuilder(
  s: Pick<Settings, 'builder' | 'driverGiven'> & BuildRequest & BuilderOptions,
  bx: Buildx,
  containerdStore: Promise<boolean>
): Promise<ImplicitBuilder | undefined> {
  if (s.builder || s.driverGiven) return undefined
  const current = await currentBuilder(bx)
  const daemonBuilderCannot = current && current.driver !== 'docker' ? undefined : dockerDriverCannot(s, await containerdStore)
  const choice = chooseBuilder({ builderGiven: false, driverGiven: false, current, daemonBuilderCannot })
  if (choice.use === 'current') {
    core.info(`using the current builder ${choice.name}${process.env['BUILDX_BUILDER'] ? ' (BUILDX_BUILDER)' : ''}`)
    return { name: choice.name }
  }
  if (choice.use === 'automatic') {
    const name = newBuilderName()
    await core.group('Set up a builder for this build', async () => {
      core.info(`the engine's builder cannot build this (${choice.reason}): creating docker-container builder ${name}, which post removes`)
      await runBuildxChecked(bx, createBuilderArgs({ ...s, driver: 'docker-container' }, { name, configFile: '' }), {}, line =>
        line.includes('driver-opt') ? new InputError('driver-opts', line) : new Error(`cannot create builder ${name}: ${line}`)
      )
    })
    return { name, createdFor: choice.reason }
  }
  return undefined
}
