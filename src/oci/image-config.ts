// An image config's fields a reviewer reads, and the image a build is compared with (compare-with),
// as data. Pure.
import { isRecord, type BaseImage, type LayerInfo } from './types.js'

/** The config fields a reviewer cares about (the rest of a config changes with every build). */
export interface ConfigFacts {
  entrypoint: string[] | null
  cmd: string[] | null
  /** names only: values may be secrets, and change with every build (versions, dates) */
  env: string[]
  exposedPorts: string[]
  user: string
  labels: Record<string, string>
}

/** One platform of the compared image, as its registry serves it. */
export interface ComparedPlatform {
  platform: string
  digest: string
  size: number
  layers: LayerInfo[]
  /** undefined: the config could not be read */
  config?: ConfigFacts
}

/** The image compared with, or why there is none. */
export interface ComparedImage {
  /** the reference as given (placeholders filled in) or as read (repository@digest of the previous tag) */
  reference: string
  /** digest of what the reference resolved to (index or manifest); '' when nothing was found */
  digest: string
  platforms: ComparedPlatform[]
  baseImages: BaseImage[]
  /** set when there is nothing to compare with: said plainly, never an error */
  missing?: string
}

function strings(v: unknown): string[] | null {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null
}

/** The reviewer's fields of an image config (JSON text); undefined when it is not a config. */
export function configFacts(text: string): ConfigFacts | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(doc)) return undefined
  const c = isRecord(doc['config']) ? doc['config'] : {}
  const env = (strings(c['Env']) ?? []).map(e => (e.includes('=') ? e.slice(0, e.indexOf('=')) : e))
  const labels: Record<string, string> = {}
  if (isRecord(c['Labels'])) for (const [k, v] of Object.entries(c['Labels'])) if (typeof v === 'string') labels[k] = v
  return {
    entrypoint: strings(c['Entrypoint']),
    cmd: strings(c['Cmd']),
    env: [...new Set(env)].sort(),
    exposedPorts: isRecord(c['ExposedPorts']) ? Object.keys(c['ExposedPorts']).sort() : [],
    user: typeof c['User'] === 'string' ? c['User'] : '',
    labels
  }
}

/** os/arch[/variant] of an image config; '' when it says none. */
export function configPlatform(text: string): string {
  try {
    const doc: unknown = JSON.parse(text)
    if (!isRecord(doc) || typeof doc['os'] !== 'string' || typeof doc['architecture'] !== 'string') return ''
    const variant = typeof doc['variant'] === 'string' && doc['variant'] ? `/${doc['variant']}` : ''
    return `${doc['os']}/${doc['architecture']}${variant}`
  } catch {
    return ''
  }
}
