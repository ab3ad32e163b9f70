import { describe, it, expect } from '@jest/globals'
import {
  expandMatrix,
  matrixToBake,
  parseMatrix,
  renderTemplate,
  targetName,
  templateKeys,
  uniqueTargetNames,
  type BakeTarget,
  type Combination
} from '../../../src/inputs/matrix.js'
import { InputError, MatrixError } from '../../../src/errors.js'

const EXAMPLE = `
variant: [alpine, debian]
toolchain: ["1.80", "1.81"]
include:
  - variant: alpine
    extra: musl
  - variant: distroless
    toolchain: "1.81"
exclude:
  - variant: debian
    toolchain: "1.80"
`

const expand = (text: string): Combination[] => expandMatrix(parseMatrix(text))

/** Runs fn and returns the MatrixError it throws. */
function matrixError(fn: () => unknown): MatrixError {
  try {
    fn()
  } catch (e) {
    if (e instanceof MatrixError) return e
    throw e
  }
  throw new Error('expected a MatrixError')
}

describe('parseMatrix + expandMatrix', () => {
  it.each<[string, string, Combination[]]>([
    [
      'the example of docs/matrix-and-bake.md',
      EXAMPLE,
      [
        { variant: 'alpine', toolchain: '1.80', extra: 'musl' },
        { variant: 'alpine', toolchain: '1.81', extra: 'musl' },
        { variant: 'debian', toolchain: '1.81' },
        { variant: 'distroless', toolchain: '1.81' }
      ]
    ],
    [
      'GitHub docs: include adds keys, overwrites added keys, appends non-matching entries',
      `
fruit: [apple, pear]
animal: [cat, dog]
include:
  - color: green
  - color: pink
    animal: cat
  - fruit: apple
    shape: circle
  - fruit: banana
  - fruit: banana
    animal: cat
`,
      [
        { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
        { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
        { fruit: 'pear', animal: 'cat', color: 'pink' },
        { fruit: 'pear', animal: 'dog', color: 'green' },
        { fruit: 'banana' },
        { fruit: 'banana', animal: 'cat' }
      ]
    ],
    [
      'GitHub docs: include that would overwrite an original value becomes a new combination',
      `
os: [windows-latest, ubuntu-latest]
node: [14, 16]
include:
  - os: windows-latest
    node: 16
    npm: 6
  - os: windows-latest
    node: 18
`,
      [
        { os: 'windows-latest', node: '14' },
        { os: 'windows-latest', node: '16', npm: '6' },
        { os: 'ubuntu-latest', node: '14' },
        { os: 'ubuntu-latest', node: '16' },
        { os: 'windows-latest', node: '18' }
      ]
    ],
    [
      'GitHub docs: exclude with a partial match removes every matching combination',
      `
os: [macos, windows]
version: [12, 14, 16]
environment: [staging, production]
exclude:
  - os: macos
    version: 12
    environment: production
  - os: windows
    version: 16
`,
      [
        { os: 'macos', version: '12', environment: 'staging' },
        { os: 'macos', version: '14', environment: 'staging' },
        { os: 'macos', version: '14', environment: 'production' },
        { os: 'macos', version: '16', environment: 'staging' },
        { os: 'macos', version: '16', environment: 'production' },
        { os: 'windows', version: '12', environment: 'staging' },
        { os: 'windows', version: '12', environment: 'production' },
        { os: 'windows', version: '14', environment: 'staging' },
        { os: 'windows', version: '14', environment: 'production' }
      ]
    ],
    [
      'include-only matrix',
      `
include:
  - site: production
    datacenter: site-a
  - site: staging
    datacenter: site-b
`,
      [
        { site: 'production', datacenter: 'site-a' },
        { site: 'staging', datacenter: 'site-b' }
      ]
    ],
    [
      'include with only extra keys is added to every combination',
      'v: [a, b]\ninclude:\n  - extra: x',
      [
        { v: 'a', extra: 'x' },
        { v: 'b', extra: 'x' }
      ]
    ],
    ['include identical to an existing combination adds nothing', 'v: [a, b]\ninclude:\n  - v: a', [{ v: 'a' }, { v: 'b' }]],
    ['includes are appended when every original combination is excluded', 'v: [a]\nexclude:\n  - v: a\ninclude:\n  - v: z', [{ v: 'z' }]],
    [
      'numbers and booleans become strings (unquoted 1.80 is 1.8)',
      'rust: [1.80, "1.81", 2]\nstatic: [true, false]',
      [
        { rust: '1.8', static: 'true' },
        { rust: '1.8', static: 'false' },
        { rust: '1.81', static: 'true' },
        { rust: '1.81', static: 'false' },
        { rust: '2', static: 'true' },
        { rust: '2', static: 'false' }
      ]
    ],
    ['flow mapping at the top level', '{ variant: [alpine] }', [{ variant: 'alpine' }]],
    ['empty include and exclude lists', 'v: [a]\ninclude: []\nexclude: []', [{ v: 'a' }]],
    ['exactly 256 combinations', `a: [${range(16)}]\nb: [${range(16)}]`, product16x16()],
    ['axis names with hyphen and underscore', '_base-image: [x]\nrust_version: ["1"]', [{ '_base-image': 'x', rust_version: '1' }]]
  ])('%s', (_name, text, expected) => {
    expect(expand(text)).toEqual(expected)
    // order of keys is part of the contract (target names join values in key order)
    expect(expand(text).map(c => Object.keys(c))).toEqual(expected.map(c => Object.keys(c)))
  })

  it('keeps the axes in the order they are written', () => {
    const spec = parseMatrix(EXAMPLE)
    expect(spec.axes).toEqual([
      { name: 'variant', values: ['alpine', 'debian'] },
      { name: 'toolchain', values: ['1.80', '1.81'] }
    ])
    expect(spec.include).toEqual([
      { variant: 'alpine', extra: 'musl' },
      { variant: 'distroless', toolchain: '1.81' }
    ])
    expect(spec.exclude).toEqual([{ variant: 'debian', toolchain: '1.80' }])
  })

  it('does not modify the spec it expands', () => {
    const spec = parseMatrix(EXAMPLE)
    const copy = structuredClone(spec)
    expandMatrix(spec)
    expandMatrix(spec)
    expect(spec).toEqual(copy)
  })
})

function range(n: number): string {
  return Array.from({ length: n }, (_, i) => `v${i}`).join(', ')
}

function product16x16(): Combination[] {
  const out: Combination[] = []
  for (let a = 0; a < 16; a++) for (let b = 0; b < 16; b++) out.push({ a: `v${a}`, b: `v${b}` })
  return out
}

describe('parseMatrix errors', () => {
  it.each<[string, string, RegExp]>([
    ['invalid YAML', 'variant: [alpine, debian\n', /^matrix: invalid YAML: .*at line \d+, column \d+/],
    ['nested mapping in compact mapping', 'a: b: c', /^matrix: invalid YAML: .*line 1, column 4/],
    ['duplicate keys', 'a: [x]\na: [y]', /^matrix: invalid YAML: Map keys must be unique at line 2/],
    ['empty text', '', /^matrix: empty matrix/],
    ['only a comment', '# nothing\n', /^matrix: empty matrix/],
    ['top level is a list', '- alpine\n- debian', /^matrix: must be a mapping .* got a list/],
    ['top level is a scalar', 'alpine', /^matrix: must be a mapping .* got a string/],
    ['axis is a scalar', 'variant: alpine', /^matrix: axis "variant" must be a list of values, got a string/],
    ['axis is a mapping', 'variant: { a: 1 }', /^matrix: axis "variant" must be a list .* got a mapping/],
    ['axis is null', 'variant:', /^matrix: axis "variant" must be a list .* got empty \(null\)/],
    ['axis is an empty list', 'variant: []', /^matrix: axis "variant" has no values/],
    ['axis name starts with a digit', '1variant: [a]', /^matrix: axis name "1variant" is not a valid name/],
    ['axis name with a dot', 'a.b: [a]', /^matrix: axis name "a\.b" is not a valid name/],
    ['axis name with a space', '"a b": [a]', /^matrix: axis name "a b" is not a valid name/],
    ['axis named __proto__', '__proto__: [a]', /^matrix: axis name "__proto__" is reserved/],
    ['duplicate values', 'v: [a, b, a]', /^matrix: axis "v" lists the value "a" more than once/],
    ['duplicate values after number conversion', 'v: [1.8, "1.8"]', /^matrix: axis "v" lists the value "1\.8" more than once.*quote/],
    ['nested list value', 'v: [a, [b]]', /^matrix: axis "v" value 2 is a list; .*nested/],
    ['nested mapping value', 'v: [{ a: 1 }]', /^matrix: axis "v" value 1 is a mapping/],
    ['null value', 'v: [a, ~]', /^matrix: axis "v" value 2 is empty \(null\)/],
    ['binary value', 'v: [!!binary aGk=]', /^matrix: axis "v" value 1 is a binary/],
    ['include is a mapping', 'v: [a]\ninclude: { v: b }', /^matrix: include must be a list of mappings, got a mapping/],
    ['include is a scalar', 'v: [a]\ninclude: b', /^matrix: include must be a list of mappings, got a string/],
    ['include entry is a scalar', 'v: [a]\ninclude: [b]', /^matrix: include entry 1 must be a mapping, got a string/],
    ['include entry is empty', 'v: [a]\ninclude: [{}]', /^matrix: include entry 1 is empty/],
    ['include entry has a nested value', 'v: [a]\ninclude:\n  - v: b\n    x: [1]', /^matrix: include entry 1 key "x" is a list/],
    ['include entry has a bad key', 'v: [a]\ninclude:\n  - "x y": b', /^matrix: include entry 1 key "x y" is not a valid name/],
    ['exclude is a scalar', 'v: [a]\nexclude: a', /^matrix: exclude must be a list of mappings/],
    ['exclude entry is a list', 'v: [a]\nexclude: [[a]]', /^matrix: exclude entry 1 must be a mapping, got a list/],
    ['exclude key is not an axis', 'v: [a, b]\nexclude:\n  - w: a', /^matrix: exclude entry 1 uses "w", which is not an axis; axes: v$/],
    [
      'exclude key added by include',
      'v: [a, b]\ninclude:\n  - x: 1\nexclude:\n  - x: 1',
      /^matrix: exclude entry 1 uses "x", which is not an axis/
    ],
    [
      'exclude value not in the axis (unquoted number)',
      'v: ["1.80"]\nexclude:\n  - v: 1.80',
      /^matrix: exclude entry 1: v "1\.8" is not one of the axis values "1\.80".*quote it/
    ],
    ['exclude has a nested value', 'v: [a]\nexclude:\n  - v: [a]', /^matrix: exclude entry 1 key "v" is a list/],
    ['no axes and no include', 'include: []\nexclude: []', /^matrix: empty matrix/],
    [
      'more than 256 combinations',
      `a: [${range(16)}]\nb: [${range(16)}]\ninclude:\n  - a: new`,
      /^matrix: expands to 257 combinations; at most 256/
    ],
    [
      'huge product',
      `a: [${range(100)}]\nb: [${range(100)}]\nc: [${range(100)}]`,
      /^matrix: the axes produce 1000000 combinations; at most 256/
    ],
    ['everything excluded', 'v: [a, b]\nexclude:\n  - v: a\n  - v: b', /^matrix: every combination is excluded/],
    ['duplicate appended combinations', 'include:\n  - v: a\n  - v: a', /^matrix: combination 2 .* is the same as combination 1/]
  ])('%s', (_name, text, message) => {
    const err = matrixError(() => parseMatrix(text))
    expect(err.input).toBe('matrix')
    expect(err.message).toMatch(message)
  })

  it('names a custom input', () => {
    const err = matrixError(() => parseMatrix('v: []', 'variants'))
    expect(err.input).toBe('variants')
    expect(err.message).toBe('variants: axis "v" has no values')
    expect(err.name).toBe('MatrixError')
    expect(err).toBeInstanceOf(Error)
    // an input error like any other: the CLI exits 2 and the saved state names the input
    expect(err).toBeInstanceOf(InputError)
  })
})

describe('templates', () => {
  const values = { variant: 'alpine', toolchain: '1.80' }

  it.each<[string, string]>([
    ['localhost:5000/app:{{variant}}-{{toolchain}}', 'localhost:5000/app:alpine-1.80'],
    ['app:{{ variant }}', 'app:alpine'],
    ['app:{{   variant\t}}', 'app:alpine'],
    ['{{variant}}{{variant}}', 'alpinealpine'],
    ['no placeholders', 'no placeholders'],
    ['', ''],
    ['single {braces} and }} stay', 'single {braces} and }} stay']
  ])('renders %j', (template, expected) => {
    expect(renderTemplate(template, values, 'tags')).toBe(expected)
  })

  it.each<[string, string[]]>([
    ['a:{{variant}}-{{ toolchain }}-{{variant}}', ['variant', 'toolchain']],
    ['plain', []],
    ['{{_x-y}}', ['_x-y']]
  ])('templateKeys(%j)', (template, keys) => {
    expect(templateKeys(template)).toEqual(keys)
  })

  it.each<[string, string, Combination, RegExp]>([
    [
      'unknown key',
      'app:{{ arch }}',
      values,
      /^tags: template "app:\{\{ arch \}\}" uses "arch", which is not a matrix axis .*; known axes: variant, toolchain$/
    ],
    ['key missing from an include-only combination', '{{variant}}', { site: 'a' }, /^tags: .*uses "variant".*known axes: site$/],
    ['prototype names are not axes', '{{toString}}', {}, /^tags: .*uses "toString".*known axes: \(none\)$/],
    ['unclosed placeholder', 'app:{{variant', values, /^tags: unclosed "\{\{" in template "app:\{\{variant"$/],
    ['empty placeholder', 'app:{{}}', values, /^tags: invalid placeholder "\{\{\}\}"/],
    ['two words', 'app:{{ a b }}', values, /^tags: invalid placeholder "\{\{ a b \}\}"/],
    ['go template syntax', 'app:{{.Version}}', values, /^tags: invalid placeholder "\{\{\.Version\}\}"/]
  ])('error: %s', (_name, template, combo, message) => {
    const err = matrixError(() => renderTemplate(template, combo, 'tags'))
    expect(err.input).toBe('tags')
    expect(err.message).toMatch(message)
  })

  it('templateKeys reports malformed templates', () => {
    expect(matrixError(() => templateKeys('{{a', 'tags')).message).toMatch(/^tags: unclosed/)
  })
})

describe('target names', () => {
  it.each<[Combination, string | undefined, string]>([
    [{ variant: 'alpine', toolchain: '1.80' }, undefined, 'alpine-1_80'],
    [{ variant: 'distroless', toolchain: '1.81', extra: 'a/b c' }, undefined, 'distroless-1_81-a_b_c'],
    [{ v: 'Ünïcode' }, undefined, '_n_code'],
    [{ v: '' }, undefined, 'matrix'],
    [{ variant: 'alpine', toolchain: '1.80' }, '{{toolchain}}.{{variant}}', '1_80_alpine'],
    [{ variant: 'alpine' }, 'build-{{ variant }}', 'build-alpine']
  ])('%j with template %j', (values, template, expected) => {
    expect(targetName(values, template)).toBe(expected)
    expect(expected).toMatch(/^[a-zA-Z0-9_-]+$/)
  })

  it.each<[string, string, Combination, RegExp]>([
    ['unknown key', '{{nope}}', { v: 'a' }, /^matrix-name: .*uses "nope".*known axes: v$/],
    ['empty result', '{{v}}', { v: '' }, /^matrix-name: template "\{\{v\}\}" renders to an empty name/]
  ])('error: %s', (_name, template, values, message) => {
    const err = matrixError(() => targetName(values, template))
    expect(err.input).toBe('matrix-name')
    expect(err.message).toMatch(message)
  })

  it.each<[string, Combination[], string | undefined, string[]]>([
    ['distinct names stay', [{ v: 'a' }, { v: 'b' }], undefined, ['a', 'b']],
    ['collisions after sanitizing', [{ v: '1.80' }, { v: '1_80' }, { v: '1/80' }], undefined, ['1_80', '1_80-2', '1_80-3']],
    ['suffixes skip names another combination has', [{ v: 'a' }, { v: 'a' }, { v: 'a-2' }], undefined, ['a', 'a-3', 'a-2']],
    ['"default" is the group name', [{ v: 'default' }, { v: 'slim' }], undefined, ['default-2', 'slim']],
    ['template without placeholders', [{ v: 'a' }, { v: 'b' }, { v: 'c' }], 'app', ['app', 'app-2', 'app-3']]
  ])('uniqueTargetNames: %s', (_name, combos, template, expected) => {
    const names = uniqueTargetNames(combos, template)
    expect(names).toEqual(expected)
    expect(new Set(names).size).toBe(names.length)
  })
})

describe('matrixToBake', () => {
  const combos = expand(EXAMPLE).slice(0, 3)
  const base: BakeTarget = {
    context: '.',
    dockerfile: 'Dockerfile',
    target: 'runtime-{{variant}}',
    args: { RUST: '{{ toolchain }}', PLAIN: 'x', variant: 'overridden' },
    labels: { 'org.opencontainers.image.version': '{{toolchain}}' },
    platforms: ['linux/amd64', 'linux/arm64'],
    'cache-from': ['type=gha'],
    tags: ['ignored:latest'],
    'no-cache': false
  }

  it('builds one target per combination, all in the default group', () => {
    const bake = matrixToBake(combos, base, { tagTemplates: ['localhost:5000/app:{{variant}}-{{toolchain}}'] })
    expect(bake).toEqual({
      group: { default: { targets: ['alpine-1_80-musl', 'alpine-1_81-musl', 'debian-1_81'] } },
      target: {
        'alpine-1_80-musl': {
          context: '.',
          dockerfile: 'Dockerfile',
          target: 'runtime-alpine',
          args: { RUST: '1.80', PLAIN: 'x', variant: 'alpine', toolchain: '1.80', extra: 'musl' },
          labels: { 'org.opencontainers.image.version': '1.80' },
          platforms: ['linux/amd64', 'linux/arm64'],
          'cache-from': ['type=gha'],
          tags: ['localhost:5000/app:alpine-1.80'],
          'no-cache': false
        },
        'alpine-1_81-musl': {
          context: '.',
          dockerfile: 'Dockerfile',
          target: 'runtime-alpine',
          args: { RUST: '1.81', PLAIN: 'x', variant: 'alpine', toolchain: '1.81', extra: 'musl' },
          labels: { 'org.opencontainers.image.version': '1.81' },
          platforms: ['linux/amd64', 'linux/arm64'],
          'cache-from': ['type=gha'],
          tags: ['localhost:5000/app:alpine-1.81'],
          'no-cache': false
        },
        'debian-1_81': {
          context: '.',
          dockerfile: 'Dockerfile',
          target: 'runtime-debian',
          args: { RUST: '1.81', PLAIN: 'x', variant: 'debian', toolchain: '1.81' },
          labels: { 'org.opencontainers.image.version': '1.81' },
          platforms: ['linux/amd64', 'linux/arm64'],
          'cache-from': ['type=gha'],
          tags: ['localhost:5000/app:debian-1.81'],
          'no-cache': false
        }
      }
    })
  })

  it('does not share arrays or records with the base or between targets', () => {
    const bake = matrixToBake(combos, base, { tagTemplates: ['a:{{variant}}-{{toolchain}}'] })
    const [first, second] = Object.values(bake.target)
    expect(first?.platforms).not.toBe(base.platforms)
    expect(first?.platforms).not.toBe(second?.platforms)
    first?.platforms?.push('linux/s390x')
    expect(base.platforms).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it.each<[string, Partial<Parameters<typeof matrixToBake>[2]>, (b: ReturnType<typeof matrixToBake>) => unknown, unknown]>([
    [
      'argPrefix prefixes the matrix args',
      { argPrefix: 'MATRIX_' },
      b => b.target['debian-1_81']?.args,
      { RUST: '1.81', PLAIN: 'x', variant: 'overridden', MATRIX_variant: 'debian', MATRIX_toolchain: '1.81' }
    ],
    [
      'nameTemplate names the targets',
      { nameTemplate: 'img-{{variant}}.{{toolchain}}' },
      b => b.group.default?.targets,
      ['img-alpine_1_80', 'img-alpine_1_81', 'img-debian_1_81']
    ],
    [
      'no tag templates means no tags',
      { tagTemplates: [] },
      b => Object.values(b.target).map(t => t.tags),
      [undefined, undefined, undefined]
    ],
    [
      'several tag templates',
      { tagTemplates: ['a:{{variant}}-{{toolchain}}', 'b:{{toolchain}}-{{variant}}'] },
      b => b.target['alpine-1_80-musl']?.tags,
      ['a:alpine-1.80', 'b:1.80-alpine']
    ]
  ])('%s', (_name, options, pick, expected) => {
    const bake = matrixToBake(combos, base, { tagTemplates: ['a:{{variant}}-{{toolchain}}'], ...options })
    expect(pick(bake)).toEqual(expected)
  })

  it('allows a tag without placeholders for a single combination', () => {
    const bake = matrixToBake([{ v: 'a' }], { platforms: ['linux/amd64'] }, { tagTemplates: ['app:latest'] })
    expect(bake).toEqual({
      group: { default: { targets: ['a'] } },
      target: { a: { platforms: ['linux/amd64'], args: { v: 'a' }, tags: ['app:latest'] } }
    })
  })

  it.each<[string, Combination[], BakeTarget, string[], string, RegExp]>([
    [
      'tag without placeholder and several combinations',
      combos,
      {},
      ['app:{{variant}}', 'app:latest'],
      'tags',
      /^tags: "app:latest" has no matrix placeholder; tags must contain a matrix placeholder .* more than one combination \(3\)/
    ],
    [
      'two targets render the same tag',
      combos,
      {},
      ['app:{{variant}}'],
      'tags',
      /^tags: targets alpine-1_80-musl and alpine-1_81-musl both render the tag "app:alpine"/
    ],
    ['tag names an unknown axis', combos, {}, ['app:{{arch}}'], 'tags', /^tags: .*uses "arch".*known axes: variant, toolchain, extra$/],
    [
      'base target names an unknown axis',
      combos,
      { target: '{{stage}}' },
      ['app:{{variant}}-{{toolchain}}'],
      'target',
      /^target: .*uses "stage"/
    ],
    [
      'build arg names an unknown axis',
      combos,
      { args: { A: '{{x}}' } },
      ['app:{{variant}}-{{toolchain}}'],
      'build-args',
      /^build-args: .*uses "x"/
    ],
    ['label names an unknown axis', combos, { labels: { l: '{{y}}' } }, ['app:{{variant}}-{{toolchain}}'], 'labels', /^labels: .*uses "y"/],
    ['no combinations', [], {}, ['app:x'], 'matrix', /^matrix: the matrix has no combinations/]
  ])('error: %s', (_name, combinations, baseTarget, tagTemplates, input, message) => {
    const err = matrixError(() => matrixToBake(combinations, baseTarget, { tagTemplates }))
    expect(err.input).toBe(input)
    expect(err.message).toMatch(message)
  })
})
