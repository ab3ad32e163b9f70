// Resolves the final stage's base image before the build, for base-image annotations (seed 004).
import * as core from '../runner/commands.js'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedBase } from '../oci/annotations.js'
import type { BaseImage } from '../oci/types.js'
import { type Buildx, runBuildx } from '../buildx/buildx.js'
import { imagetoolsInspectArgs } from '../buildx/args.js'
import { lastOutputLine } from '../process/exec.js'
import type { Settings } from '../inputs/parse.js'
import { familiarName, finalStageBase, isIndex, parseManifestJson } from '../oci/manifests.js'
import { normalizePlatform } from '../registry/reference.js'

export async function resolveBase(bx: Buildx, s: Settings): Promise<ResolvedBase | undefined> {
  const file = s.file || path.join(s.context, 'Dockerfile')
  if (!existsSync(file)) return undefined
  const name = finalStageBase(readFileSync(file, 'utf8'), Object.fromEntries(s.buildArgs), s.target || undefined)
  if (!name) {
    core.info('base-annotations: the final stage has no base image (FROM scratch); nothing to annotate')
    return undefined
  }
  const r = await runBuildx(bx, imagetoolsInspectArgs(name, { raw: true }))
  if (r.code !== 0) {
    core.warning(`base-annotations: cannot resolve ${name}: ${lastOutputLine(r)}`)
    return undefined
  }
  const digest = `sha256:${createHash('sha256').update(r.stdout).digest('hex')}`
  const doc = parseManifestJson(r.stdout, name)
  const platformDigests: Record<string, string> = {}
  if (isIndex(doc)) {
    for (const m of doc.manifests) {
      if (m.platform && m.platform.os !== 'unknown') {
        const p = `${m.platform.os}/${m.platform.architecture}${m.platform.variant ? `/${m.platform.variant}` : ''}`
        platformDigests[normalizePlatform(p)] = m.digest
      }
    }
  }
  core.info(`base-annotations: ${name} is ${digest}`)
  return { name: name.includes('@') ? name.slice(0, name.indexOf('@')) : name, digest, platformDigests }
}

/**
 * The final stage's FROM (build args applied), as a base image entry; its digest is taken from
 * the provenance materials already found for the same name, when there are any.
 */
export function dockerfileBase(s: Settings, known: BaseImage[]): BaseImage | undefined {
  const file = s.file || path.join(s.context, 'Dockerfile')
  if (!existsSync(file)) return undefined
  const name = finalStageBase(readFileSync(file, 'utf8'), Object.fromEntries(s.buildArgs), s.target || undefined)
  if (!name) return undefined
  const bare = familiarName(name.includes('@') ? name.slice(0, name.indexOf('@')) : name)
  const pinned = name.includes('@') ? name.slice(name.indexOf('@') + 1) : ''
  const match = known.find(b => familiarName(b.name) === bare && b.digest)
  return { name: bare, digest: pinned || match?.digest || '', platform: '', source: 'dockerfile' }
}
