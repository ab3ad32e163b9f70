// compare-with and max-size-increase: what each built image is compared with, and how much it may
// grow. Pure.
import { InputError } from '../errors.js'
import { parseReference } from '../registry/reference.js'
import { uniqueTargetNames, type Combination } from './matrix.js'

/** How much an image may grow: bytes (units of 1000 or 1024) or a percentage of its size before. */
export type SizeLimit = { kind: 'bytes'; bytes: number; text: string } | { kind: 'percent'; percent: number; text: string }

export interface CompareSettings {
  /**
   * the reference each target is compared with, `{{target}}` and matrix axes as placeholders;
   * '' with `previous`: each target's tags as the registry served them before the push
   */
  readonly compareWith: string
  /** compare with each target's tags as they were before this step pushed them */
  readonly previous: boolean
  readonly maxSizeIncrease: SizeLimit | null
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3
}

/** `100KiB`, `2 MB`, `1.5GiB`, `0B`, `5%`; throws an InputError naming `input` otherwise. */
export function parseSizeLimit(value: string, input = 'max-size-increase'): SizeLimit | null {
  const v = value.trim()
  if (v === '') return null
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v)
  if (pct) return { kind: 'percent', percent: Number(pct[1]), text: v }
  const m = /^(\d+(?:\.\d+)?)\s*([A-Za-z]+)$/.exec(v)
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined
  if (!m || unit === undefined)
    throw new InputError(
      input,
      `${JSON.stringify(v.slice(0, 40))} is not a size; write bytes with a unit (500KiB, 10MB, 1GiB, 0B) or a percentage (5%)`
    )
  return { kind: 'bytes', bytes: Math.round(Number(m[1]) * unit), text: v }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g

/** The placeholder names of a compare-with template, in order, without repeats. */
export function comparePlaceholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), m => m[1] ?? ''))]
}

/**
 * The reference one target is compared with: `{{target}}` is the target's name, any other
 * placeholder a matrix axis of its combination. Throws an InputError naming compare-with for a
 * placeholder that has no value.
 */
export function compareReference(template: string, target: string, axes: Readonly<Record<string, string>> = {}): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    const value = name === 'target' ? target : Object.hasOwn(axes, name) ? axes[name] : undefined
    if (value === undefined) {
      const known = ['target', ...Object.keys(axes)].join(', ')
      throw new InputError('compare-with', `{{${name}}} has no value for target ${target}; placeholders: ${known}`)
    }
    return value
  })
}

/**
 * compare-with: a reference (tag or digest), `false` for no comparison; empty compares a pushed
 * image with its tags as they were before the push. max-size-increase needs something to compare with.
 */
export function parseCompareInputs(read: (name: string) => string, push: boolean): CompareSettings {
  const raw = read('compare-with').trim()
  const maxSizeIncrease = parseSizeLimit(read('max-size-increase'))
  if (/^false$/i.test(raw)) {
    if (maxSizeIncrease) throw new InputError('max-size-increase', 'needs an image to compare with, and compare-with is false')
    return { compareWith: '', previous: false, maxSizeIncrease }
  }
  if (raw === '') {
    if (maxSizeIncrease && !push)
      throw new InputError('max-size-increase', 'needs an image to compare with: give compare-with (without push there is no previous tag)')
    return { compareWith: '', previous: push, maxSizeIncrease }
  }
  // Checked with every placeholder standing for a valid name part; filled in per target later.
  const ref = parseReference(raw.replace(PLACEHOLDER, 'x'))
  if (!ref) throw new InputError('compare-with', `${JSON.stringify(raw.slice(0, 200))} is not an image reference (name[:tag][@digest])`)
  return { compareWith: raw, previous: false, maxSizeIncrease }
}

/** A matrix's combinations by target name (its placeholders' values); {} for other builds. */
export function targetAxes(combinations: readonly Combination[] | undefined, matrixName: string): Record<string, Combination> {
  if (!combinations || combinations.length === 0) return {}
  const names = uniqueTargetNames([...combinations], matrixName || undefined)
  return Object.fromEntries(names.map((n, i) => [n, combinations[i] ?? {}]))
}

/** Every target's compare-with filled in, before anything is built: an unknown placeholder is bad input. */
export function checkComparePlaceholders(template: string, axes: Record<string, Combination>): void {
  if (!template) return
  const targets = Object.entries(axes)
  if (targets.length === 0) compareReference(template, 'default')
  for (const [target, values] of targets) {
    const ref = compareReference(template, target, values)
    if (!parseReference(ref))
      throw new InputError('compare-with', `${JSON.stringify(ref.slice(0, 200))} (target ${target}) is not an image reference`)
  }
}
