// What a build produced, shaped from what buildx (or depot) wrote: the metadata file, the image id
// file and, for bake, the printed definition.
import { existsSync, readFileSync } from 'node:fs'
import type { Settings } from '../inputs/parse.js'
import { hasLocalOrTarOutput } from './args.js'

/** What one target's build produced, as buildx reported it. */
export interface BuildResult {
  target: string
  tags: string[]
  platforms: string[]
  /** the metadata-file object for this target */
  metadata: Record<string, unknown>
  imageId: string
  digest: string
  pushed: boolean
  loaded: boolean
  /** exporter destinations (oci/docker/tar/local) from the outputs input */
  exports: Array<{ type: string; dest: string }>
  /** the Dockerfile the target read, as given (relative to the working directory, or absolute) */
  dockerfile?: string
  /**
   * the check warnings buildx wrote to the metadata file (`buildx.build.warnings`): a build's own,
   * or for bake the whole bake's, each later given to the targets whose Dockerfile it is about
   */
  buildWarnings?: unknown[]
  /** the builds behind this result when it is not one build (a platform split's per-platform builds) */
  builds?: Array<{ target: string; metadata: Record<string, unknown> }>
}

function warningsIn(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : []
}

const REMOTE_CONTEXT = /^[a-z]+:\/\/|^git@|^github\.com\//

/** The Dockerfile of a single build (BuildPlan.dockerfile) when it is a local file (a Git or HTTP context's is not). */
export function localDockerfile(s: Pick<Settings, 'context'>, dockerfile: string): string | undefined {
  return REMOTE_CONTEXT.test(s.context) ? undefined : dockerfile
}

/** The Dockerfile of a bake target as `bake --print` resolves it. */
function printedDockerfile(def: PrintedTarget): string | undefined {
  const dockerfile = def.dockerfile ?? 'Dockerfile'
  if (dockerfile.startsWith('/')) return dockerfile
  const context = def.context ?? '.'
  if (REMOTE_CONTEXT.test(context)) return undefined
  return context === '.' ? dockerfile : `${context.replace(/\/+$/, '')}/${dockerfile}`
}

export function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {}
  const text = readFileSync(file, 'utf8').trim()
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

function exportsOf(outputs: string[]): Array<{ type: string; dest: string }> {
  return outputs.flatMap(o => {
    if (!o.includes('=')) return [{ type: 'local', dest: o }]
    const fields = Object.fromEntries(o.split(',').map(f => [f.slice(0, f.indexOf('=')).trim(), f.slice(f.indexOf('=') + 1)]))
    return fields['dest'] ? [{ type: fields['type'] ?? '', dest: fields['dest'] }] : []
  })
}

function loadsViaOutputs(outputs: string[]): boolean {
  return outputs.some(o => /(^|,)type=docker(,|$)/.test(o))
}

function pushesViaOutputs(outputs: string[]): boolean {
  return outputs.some(o => /(^|,)type=registry(,|$)/.test(o) || (/(^|,)type=image(,|$)/.test(o) && /(^|,)push=true(,|$)/.test(o)))
}

/** What a single build's result reads of the settings. */
type SingleBuildOptions = Pick<Settings, 'target' | 'tags' | 'platforms' | 'outputs' | 'push' | 'load' | 'context'>

/** The result of one build (buildx or depot), from the files it wrote; dockerfile: BuildPlan.dockerfile. */
export function singleResult(
  s: SingleBuildOptions,
  dockerfile: string,
  metadataFile: string,
  iidFile: string,
  pushedByDigest: boolean
): BuildResult {
  const metadata = readJson(metadataFile)
  return {
    target: s.target || 'default',
    tags: pushedByDigest ? [] : s.tags,
    platforms: s.platforms,
    metadata,
    // files, not an image (local, tar): no image ID, as docker/build-push-action reports it
    imageId: hasLocalOrTarOutput(s.outputs)
      ? ''
      : existsSync(iidFile)
        ? readFileSync(iidFile, 'utf8').trim()
        : str(metadata['containerimage.config.digest']),
    digest: str(metadata['containerimage.digest']),
    pushed: s.push || pushesViaOutputs(s.outputs),
    loaded: s.load || loadsViaOutputs(s.outputs),
    exports: exportsOf(s.outputs),
    ...withDockerfile(localDockerfile(s, dockerfile)),
    buildWarnings: warningsIn(metadata['buildx.build.warnings'])
  }
}

/** One result per target of a bake metadata file, with what `bake --print` says of its outputs. */
export function bakeResults(
  s: Pick<Settings, 'push' | 'load'>,
  all: Record<string, unknown>,
  printed: Record<string, PrintedTarget>,
  skipKeys: string[]
): BuildResult[] {
  const bakeWarnings = warningsIn(all['buildx.build.warnings'])
  return Object.entries(all)
    .filter(([k]) => !skipKeys.includes(k))
    .map(([target, value]) => {
      const metadata = (value ?? {}) as Record<string, unknown>
      const def = printed[target] ?? {}
      const outputs = (def.output ?? []).map(String)
      return {
        target,
        tags: str(metadata['image.name']) ? str(metadata['image.name']).split(',') : (def.tags ?? []),
        platforms: def.platforms ?? [],
        metadata,
        imageId: str(metadata['containerimage.config.digest']),
        digest: str(metadata['containerimage.digest']),
        pushed: s.push || pushesViaOutputs(outputs),
        loaded: s.load || loadsViaOutputs(outputs),
        exports: exportsOf(outputs),
        ...withDockerfile(printedDockerfile(def)),
        buildWarnings: bakeWarnings
      }
    })
}

function withDockerfile(dockerfile: string | undefined): { dockerfile?: string } {
  return dockerfile ? { dockerfile } : {}
}

export interface PrintedTarget {
  context?: string
  dockerfile?: string
  tags?: string[]
  platforms?: string[]
  output?: unknown[]
  'cache-to'?: unknown[]
}

/** One platform of a platform-split build: pushed by digest, no tag. */
export function platformResult(target: string, platform: string, metadata: Record<string, unknown>): BuildResult {
  return {
    target: `${target || 'default'}@${platform}`,
    tags: [],
    platforms: [platform],
    metadata,
    imageId: str(metadata['containerimage.config.digest']),
    digest: str(metadata['containerimage.digest']),
    pushed: true,
    loaded: false,
    exports: [],
    buildWarnings: warningsIn(metadata['buildx.build.warnings'])
  }
}

/** The manifest list a merge created, from its descriptor as `imagetools inspect` reads it back. */
export function mergeResult(tags: string[], descriptor: { digest?: string; mediaType?: string }): BuildResult {
  return {
    target: 'merge',
    tags,
    platforms: [],
    metadata: { 'containerimage.digest': descriptor.digest ?? '', 'containerimage.descriptor': descriptor, 'image.name': tags.join(',') },
    imageId: '',
    digest: descriptor.digest ?? '',
    pushed: true,
    loaded: false,
    exports: []
  }
}
