// Checks of one input's value that several sections share: a value among a few, platforms, image
// references, typed CSV entries, patterns, sizes. Each error names the input. Pure.
import { InputError } from '../errors.js'
import { isPlatform, normalizePlatform } from '../oci/platform.js'
import { parseReference } from '../registry/reference.js'
import { clip, parseCsvFields } from './lists.js'

export function oneOf<T extends string>(value: string, allowed: readonly T[], input: string, dflt: T): T {
  const v = value.trim() === '' ? dflt : value.trim()
  if (!(allowed as readonly string[]).includes(v)) {
    throw new InputError(input, `unknown value ${JSON.stringify(clip(v))}; expected one of ${allowed.join(', ')}`)
  }
  return v as T
}

export function checkPlatforms(items: string[], input: string): string[] {
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

export function checkTags(items: string[], input: string, templated = false): string[] {
  for (const t of items) {
    // Matrix tags are templates: check them with each {{axis}} standing for a valid tag part.
    const ref = parseReference(templated ? t.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_-]*\s*\}\}/g, 'x') : t)
    if (!ref)
      throw new InputError(input, `${JSON.stringify(clip(t))} is not a valid image reference (lowercase name, optional :tag, no spaces)`)
    if (ref.digest) throw new InputError(input, `${JSON.stringify(clip(t))} has a digest; a tag cannot be pushed to a digest`)
  }
  return items
}

export function checkTypedCsv(items: string[], input: string, types: string[]): string[] {
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

/** Items a pattern must match (the shape buildx parses), so a malformed one fails before the build. */
export function checkEach(items: string[], input: string, re: RegExp, problem: string): string[] {
  for (const item of items) if (!re.test(item)) throw new InputError(input, `${JSON.stringify(clip(item))} ${problem}`)
  return items
}

export function checkSize(v: string, input: string): string {
  if (v && !/^\d+(\.\d+)? ?[kmgtp]?i?b?$/i.test(v))
    throw new InputError(input, `expected a size like 2g or 512m, got ${JSON.stringify(clip(v))}`)
  return v
}
