import { describe, expect, it } from '@jest/globals'
import { checkComparePlaceholders, compareReference, parseCompareInputs, parseSizeLimit, targetAxes } from '../../../src/inputs/compare.js'
import { InputError } from '../../../src/errors.js'

describe('parseSizeLimit', () => {
  it.each<[string, ReturnType<typeof parseSizeLimit>]>([
    ['', null],
    ['  ', null],
    ['100KiB', { kind: 'bytes', bytes: 102_400, text: '100KiB' }],
    ['100 kB', { kind: 'bytes', bytes: 100_000, text: '100 kB' }],
    ['2MB', { kind: 'bytes', bytes: 2_000_000, text: '2MB' }],
    ['1.5GiB', { kind: 'bytes', bytes: 1_610_612_736, text: '1.5GiB' }],
    ['10M', { kind: 'bytes', bytes: 10_485_760, text: '10M' }],
    ['0B', { kind: 'bytes', bytes: 0, text: '0B' }],
    ['5%', { kind: 'percent', percent: 5, text: '5%' }],
    ['2.5 %', { kind: 'percent', percent: 2.5, text: '2.5 %' }]
  ])('%j', (value, expected) => {
    expect(parseSizeLimit(value)).toEqual(expected)
  })

  it.each(['100', 'ten MB', '-5%', '5 parsecs', '1e3KB', 'KiB'])('refuses %j, naming the input', value => {
    expect(() => parseSizeLimit(value)).toThrow(InputError)
    expect(() => parseSizeLimit(value)).toThrow(/^max-size-increase: .*not a size; write bytes with a unit/)
  })
})

describe('parseCompareInputs', () => {
  const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''
  it.each<[string, Record<string, string>, boolean, Record<string, unknown>]>([
    ['nothing, not pushing: no comparison', {}, false, { compareWith: '', previous: false, maxSizeIncrease: null }],
    ['nothing, pushing: the tags before the push', {}, true, { compareWith: '', previous: true, maxSizeIncrease: null }],
    ['false turns the default off', { 'compare-with': 'false' }, true, { compareWith: '', previous: false }],
    ['a tag', { 'compare-with': 'ghcr.io/org/app:latest' }, false, { compareWith: 'ghcr.io/org/app:latest', previous: false }],
    ['a digest', { 'compare-with': `ghcr.io/org/app@sha256:${'a'.repeat(64)}` }, true, { previous: false }],
    ['placeholders', { 'compare-with': 'localhost:5000/app:{{ variant }}-{{target}}' }, false, { previous: false }],
    [
      'a limit with a reference',
      { 'compare-with': 'app:1', 'max-size-increase': '5%' },
      false,
      { maxSizeIncrease: { kind: 'percent', percent: 5, text: '5%' } }
    ],
    ['a limit with the default when pushing', { 'max-size-increase': '1MB' }, true, { previous: true }]
  ])('%s', (_name, inputs, push, expected) => {
    expect(parseCompareInputs(read(inputs), push)).toMatchObject(expected)
  })

  it.each<[string, Record<string, string>, boolean, RegExp]>([
    ['not a reference', { 'compare-with': 'Not A Ref' }, false, /^compare-with: "Not A Ref" is not an image reference/],
    ['a limit with nothing to compare', { 'max-size-increase': '1MB' }, false, /^max-size-increase: needs an image to compare with/],
    [
      'a limit with compare-with false',
      { 'compare-with': 'false', 'max-size-increase': '1MB' },
      true,
      /^max-size-increase: .*compare-with is false/
    ],
    ['a bad limit', { 'compare-with': 'app:1', 'max-size-increase': 'big' }, false, /^max-size-increase: "big" is not a size/]
  ])('refuses %s', (_name, inputs, push, message) => {
    expect(() => parseCompareInputs(read(inputs), push)).toThrow(message)
  })
})

describe('compare-with placeholders', () => {
  it.each<[string, string, Record<string, string>, string]>([
    ['app:1', 'default', {}, 'app:1'],
    ['app:{{target}}', 'web', {}, 'app:web'],
    ['app:{{ variant }}-{{target}}', 'alpine', { variant: 'alpine' }, 'app:alpine-alpine'],
    ['reg:5000/app:{{os}}', 'x', { os: 'debian' }, 'reg:5000/app:debian']
  ])('%s for %s', (template, target, axes, expected) => {
    expect(compareReference(template, target, axes)).toBe(expected)
  })

  it('an unknown placeholder names compare-with and the placeholders there are', () => {
    expect(() => compareReference('app:{{flavour}}', 'a', { variant: 'a' })).toThrow(
      /^compare-with: \{\{flavour\}\} has no value for target a; placeholders: target, variant/
    )
  })

  it('a matrix: every combination filled in before anything is built', () => {
    const axes = targetAxes([{ variant: 'a' }, { variant: 'b' }], '')
    expect(axes).toEqual({ a: { variant: 'a' }, b: { variant: 'b' } })
    expect(() => checkComparePlaceholders('app:{{variant}}', axes)).not.toThrow()
    expect(() => checkComparePlaceholders('app:{{flavour}}', axes)).toThrow(/^compare-with: /)
    // a value that makes no tag
    expect(() => checkComparePlaceholders('app:{{v}}', targetAxes([{ v: 'no good' }], ''))).toThrow(/is not an image reference/)
  })

  it('a single build knows only {{target}}', () => {
    expect(() => checkComparePlaceholders('app:{{target}}', {})).not.toThrow()
    expect(() => checkComparePlaceholders('app:{{variant}}', {})).toThrow(/^compare-with: \{\{variant\}\}/)
    expect(() => checkComparePlaceholders('', {})).not.toThrow()
  })

  it('matrix-name decides the target names', () => {
    expect(Object.keys(targetAxes([{ v: '1' }], 'img-{{v}}'))).toEqual(['img-1'])
    expect(targetAxes(undefined, '')).toEqual({})
  })
})
