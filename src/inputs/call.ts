// The call input: which of the Dockerfile frontend's requests buildx makes (`--call`), as
// docker/build-push-action names it. Pure.
import { InputError } from '../errors.js'
import { clip } from './lists.js'

export type CallName = 'build' | 'check' | 'outline' | 'targets'

const CALL_NAMES: readonly CallName[] = ['build', 'check', 'outline', 'targets']

export interface CallRequest {
  readonly name: CallName
  /** buildx's options of the request other than format, e.g. ignorestatus=true */
  readonly options: readonly string[]
}

export const BUILD_CALL: CallRequest = { name: 'build', options: [] }

/** The first buildx that takes `--call` on build, and on bake. */
export const CALL_MIN_BUILDX = { build: '0.15.0', bake: '0.16.0' } as const

/**
 * `check`, `outline,format=json`, `check,ignorestatus=true`. buildx accepts only format and
 * ignorestatus after the name; the result is read as JSON, so format can only be json.
 */
export function parseCall(raw: string): CallRequest {
  const text = raw.trim()
  if (!text) return BUILD_CALL
  const [first = '', ...rest] = text.split(',').map(f => f.trim())
  const name = first.toLowerCase()
  if (!(CALL_NAMES as readonly string[]).includes(name)) {
    throw new InputError('call', `${JSON.stringify(clip(first))} is not one of ${CALL_NAMES.join(', ')}`)
  }
  const options: string[] = []
  for (const field of rest) {
    const eq = field.indexOf('=')
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase()
    const value = eq < 0 ? '' : field.slice(eq + 1).trim()
    if (key === 'format') {
      if (value.toLowerCase() !== 'json')
        throw new InputError('call', `format=${clip(value)}: the action reads the result as JSON; drop format`)
      continue
    }
    if (key === 'ignorestatus') {
      if (!/^(true|false)$/i.test(value)) throw new InputError('call', `ignorestatus=${clip(value)} is not true or false`)
      options.push(`ignorestatus=${value.toLowerCase()}`)
      continue
    }
    const hint =
      key === 'error'
        ? '; to fail a build on check warnings, put `# check=error=true` at the top of the Dockerfile, or use call: check'
        : ''
    throw new InputError(
      'call',
      `${JSON.stringify(clip(field))} is not an option buildx takes (format=json, ignorestatus=true|false)${hint}`
    )
  }
  if (name === 'build' && options.length > 0) throw new InputError('call', 'build takes no options')
  return { name: name as CallName, options }
}

/** The value of buildx's --call for a request other than build: always JSON. */
export function callFlagValue(c: CallRequest): string {
  return [c.name, 'format=json', ...c.options].join(',')
}

/** check with ignorestatus=true: buildx exits 0 on warnings, and the step does not fail. */
export function callIgnoresStatus(c: CallRequest): boolean {
  return c.options.includes('ignorestatus=true')
}
