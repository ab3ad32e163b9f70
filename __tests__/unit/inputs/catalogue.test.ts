// The catalogue of inputs held to action.yml: every input has one row (or is a row's Depot
// alias), and what a row says agrees with what action.yml says of the input.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { depotAliasOf, entryOfName, INPUTS, listSplit, type RunKind } from '../../../src/inputs/catalogue.js'
import { InputError } from '../../../src/errors.js'
import { checkModeInputs } from '../../../src/inputs/parse.js'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..')
const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: unknown }>
}
const yml = Object.entries(action.inputs).map(([name, def]) => ({ name, description: def.description, default: String(def.default ?? '') }))
const aliases = INPUTS.flatMap(e => (e.depotAlias ? [e.depotAlias] : []))
const KINDS: RunKind[] = ['build', 'bake', 'matrix', 'merge']

describe('the catalogue of inputs', () => {
  it('has one row per input of action.yml, or names it as a Depot alias, and nothing else', () => {
    const names = [...INPUTS.map(e => e.name), ...aliases]
    expect(new Set(names).size).toBe(names.length)
    expect([...names].sort()).toEqual(yml.map(i => i.name).sort())
  })

  it('calls an input boolean exactly when action.yml defaults it to true or false', () => {
    for (const i of yml) {
      const row = entryOfName(i.name)
      const boolean = row?.alias === false && row.entry.kind === 'boolean'
      expect({ input: i.name, boolean }).toEqual({ input: i.name, boolean: i.default === 'true' || i.default === 'false' })
    }
  })

  it('gives a Depot alias no default of its own: the row it names decides', () => {
    for (const alias of aliases) expect({ alias, default: action.inputs[alias]?.default ?? '' }).toEqual({ alias, default: '' })
  })

  it('splits every input action.yml describes as a list, and gives only lists a split or a singular flag', () => {
    for (const i of yml.filter(i => /\bper line\b|comma or newline separated/.test(i.description))) {
      expect({ input: i.name, kind: entryOfName(i.name)?.entry.kind }).toEqual({ input: i.name, kind: 'list' })
    }
    for (const e of INPUTS) {
      expect({ input: e.name, split: e.split !== undefined }).toEqual({ input: e.name, split: e.kind === 'list' })
      if (e.flag) expect({ input: e.name, kind: e.kind }).toEqual({ input: e.name, kind: 'list' })
    }
  })

  it('splits save-tag and save-tags alike, on commas, as the parser always read them', () => {
    expect([listSplit('save-tag'), listSplit('save-tags')]).toEqual(['comma', 'comma'])
  })

  it("names depot/build-push-action's inputs as aliases of ours", () => {
    expect(['depot-project', 'depot-token', 'depot-fallback', 'depot-build-platform', 'depot-save'].map(depotAliasOf)).toEqual([
      'project',
      'token',
      'buildx-fallback',
      'build-platform',
      'save'
    ])
  })

  it('gives every refusal a reason, and a reason only to a row that is refused', () => {
    for (const e of INPUTS) {
      for (const kind of e.refusedIn ?? []) {
        const own = kind === 'merge' || (kind === 'bake' && e.bake !== undefined)
        expect({ input: e.name, kind, reason: own || e.reason !== undefined }).toEqual({ input: e.name, kind, reason: true })
      }
      if (e.reason) expect(e.refusedIn?.some(k => k === 'build' || k === 'matrix' || (k === 'bake' && !e.bake))).toBe(true)
    }
  })

  it('lists the inputs a bake definition owns first (the first refused is named)', () => {
    const firstOther = INPUTS.findIndex(e => !e.bake)
    expect(INPUTS.slice(firstOther).filter(e => e.bake)).toEqual([])
  })
})

describe('checkModeInputs: the kinds of run that refuse an input', () => {
  it('refuses each input in the kinds of run its row names, and in no other', () => {
    for (const e of INPUTS) {
      for (const kind of KINDS) {
        const refused = e.refusedIn?.includes(kind) ?? false
        let named: string | undefined
        try {
          checkModeInputs(kind, n => n === e.name)
        } catch (err) {
          expect(err).toBeInstanceOf(InputError)
          named = (err as InputError).input
        }
        expect({ input: e.name, kind, named }).toEqual({ input: e.name, kind, named: refused ? e.name : undefined })
      }
    }
  })

  it.each<[RunKind, string[], string]>([
    [
      'bake',
      ['platforms'],
      "platforms: is for a single build or a matrix; with bake files (files, targets) each target's platform comes from the bake definition: set it there, or for every target with set: *.platform=..."
    ],
    [
      'bake',
      ['add-hosts', 'context'],
      "context: is for a single build or a matrix; with bake files (files, targets) each target's context comes from the bake definition: set it there, or for every target with set: *.context=..."
    ],
    ['bake', ['push-by-digest', 'cgroup-parent'], 'cgroup-parent: is for a single build; bake targets have no cgroup parent'],
    ['matrix', ['push-by-digest', 'add-hosts'], 'add-hosts: is not carried into matrix targets; use a single build for extra hosts'],
    ['matrix', ['push-by-digest'], 'push-by-digest: works on a single build; bake and matrix targets are pushed by their tags'],
    [
      'merge',
      ['vars', 'secrets', 'outputs'],
      'outputs: is not used in merge mode, which builds nothing: it puts one manifest list together from digests (digests, digests-from) and applies tags and index annotations'
    ],
    ['build', ['set'], 'set: overrides bake targets; it needs files, targets or a matrix']
  ])('%s run given %j: %s', (kind, given, message) => {
    expect(() => checkModeInputs(kind, n => given.includes(n))).toThrow(message)
  })
})
