// Builders: what `buildx inspect` says of one, the engine's own builder's name, the job's current
// builder, the builder made for a request the engine's cannot build, and removal.
import * as core from '../runner/commands.js'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { InputError } from '../errors.js'
import { currentContextName, dockerConfigDir, readDockerConfig } from '../docker/config.js'
import type { Settings } from '../inputs/parse.js'
import { saveState, type State } from '../action/state.js'
import { createBuilderArgs, inspectBuilderArgs, inspectCurrentBuilderArgs, removeBuilderArgs } from './args.js'
import { runBuildxChecked, type Buildx } from './buildx.js'
import { chooseBuilder, dockerDriverCannot, type CurrentBuilder } from './builder-choice.js'

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
function buildxConfigDir(env: NodeJS.ProcessEnv): string {
  return env['BUILDX_CONFIG'] || path.join(dockerConfigDir(env), 'buildx')
}

/**
 * The builder the job already chose (BUILDX_BUILDER, else `buildx use`, as setup-buildx-action
 * leaves it), as `buildx inspect` with no name reports it; undefined when it is the engine's own.
 */
export async function currentBuilder(bx: Buildx, env: NodeJS.ProcessEnv = process.env): Promise<CurrentBuilder | undefined> {
  // buildx records the current builder in this file; without it (or with no name in it, as
  // `buildx use default` leaves it) and without BUILDX_BUILDER the engine's builder is current,
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

function randomName(): string {
  return `build-image-${Math.random().toString(16).slice(2, 10)}`
}

/**
 * With neither the builder nor the driver input, picks the builder as docker/build-push-action
 * would find it (the current one), and gives a request the engine's builder cannot build a
 * docker-container builder made as setup-buildx-action makes one (driver-opts reach it), saved
 * in state for post to remove as soon as it exists. Returns the name of the builder to build on
 * instead of the engine's own; undefined: the inputs decide (the engine's builder, or theirs).
 */
export async function useImplicitBuilder(
  s: Settings,
  state: State,
  bx: Buildx,
  containerdStore: Promise<boolean>
): Promise<string | undefined> {
  if (s.builder || s.driverGiven) return undefined
  const current = await currentBuilder(bx)
  const engineCannot = current && current.driver !== 'docker' ? undefined : dockerDriverCannot(s, await containerdStore)
  const choice = chooseBuilder({ builderGiven: false, driverGiven: false, current, engineCannot })
  if (choice.use === 'current') {
    core.info(`using the current builder ${choice.name}${process.env['BUILDX_BUILDER'] ? ' (BUILDX_BUILDER)' : ''}`)
    return choice.name
  }
  if (choice.use === 'automatic') {
    const name = randomName()
    await core.group('Set up a builder for this build', async () => {
      core.info(`the engine's builder cannot build this (${choice.reason}): creating docker-container builder ${name}, which post removes`)
      await runBuildxChecked(bx, createBuilderArgs({ ...s, driver: 'docker-container' }, { name, configFile: '' }), {}, line =>
        line.includes('driver-opt') ? new InputError('driver-opts', line) : new Error(`cannot create builder ${name}: ${line}`)
      )
    })
    state.builder = name
    state.builderCreated = true
    state.builderReason = choice.reason
    saveState(state)
    return name
  }
  return undefined
}
