// Builders: what `buildx inspect` says of one, the engine's own builder's name, and removal.
import { InputError } from '../errors.js'
import { currentContextName, readDockerConfig } from '../docker/config.js'
import { inspectBuilderArgs, removeBuilderArgs } from './args.js'
import { runBuildxChecked, type Buildx } from './buildx.js'

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
