import { describe, it, expect } from '@jest/globals'
import { InputError } from '../../../src/errors.js'
import { listSplit } from '../../../src/inputs/catalogue.js'
import { clip, parseBool, parseCsvFields, parseKeyValues, parseList, splitCsv } from '../../../src/inputs/lists.js'

describe('InputError', () => {
  it('prefixes the message with the input name and keeps the name', () => {
    const e = new InputError('tags', 'bad tag')
    expect(e).toBeInstanceOf(Error)
    expect(e).toBeInstanceOf(InputError)
    expect(e.message).toBe('tags: bad tag')
    expect(e.input).toBe('tags')
    expect(e.name).toBe('InputError')
  })
})

describe('splitCsv', () => {
  it.each<[string, string, string[]]>([
    ['single field', 'a', ['a']],
    ['two fields', 'a,b', ['a', 'b']],
    ['fields are trimmed', ' a ,  b ', ['a', 'b']],
    ['empty fields are kept', 'a,,b', ['a', '', 'b']],
    ['trailing comma', 'a,', ['a', '']],
    ['empty line', '', ['']],
    ['quoted comma stays in one field', '"a,b",c', ['a,b', 'c']],
    ['doubled quote is a quote', '"say ""hi""",x', ['say "hi"', 'x']],
    ['quoted whitespace is kept', '" a ",b', [' a ', 'b']],
    ['whitespace before an opening quote is dropped', '  "a,b"', ['a,b']],
    ['whitespace after a closing quote is dropped', '"a,b" , c', ['a,b', 'c']],
    ['text right after a closing quote is kept', '"a"b,c', ['ab', 'c']],
    ['quote inside an unquoted field is literal', 'a"b,c', ['a"b', 'c']],
    ['empty quoted field', '"",x', ['', 'x']],
    ['key=value fields with a quoted value', 'type=local,"dest=/a,b"', ['type=local', 'dest=/a,b']]
  ])('%s: %j', (_what, line, want) => {
    expect(splitCsv(line, 'in')).toEqual(want)
  })

  it.each(['"a', 'a,"b', '"a""', 'x,"y,z'])('throws InputError on the unterminated quote in %j', line => {
    expect(() => splitCsv(line, 'tags')).toThrow(InputError)
    expect(() => splitCsv(line, 'tags')).toThrow(/^tags: unterminated quote/)
  })

  it('clips a huge malformed line in the message', () => {
    const line = `"${'x'.repeat(5000)}`
    let msg = ''
    try {
      splitCsv(line, 'tags')
    } catch (e) {
      msg = (e as Error).message
    }
    expect(msg.startsWith('tags: unterminated quote')).toBe(true)
    expect(msg.length).toBeLessThan(200)
  })
})

describe('one CSV reader: a line reads the same as one field list (splitCsv) and as one list record (parseList)', () => {
  it.each<string>(['a,b', ' a , b ', '"a,b",c', '"say ""hi""",x', '" a ",b', '  "a,b" , c', '"a"b,c', 'a"b,c', 'type=local,"dest=/a,b"'])(
    '%j',
    line => {
      const fields = splitCsv(line, 'in')
      expect(parseList(line, 'in', { split: 'comma' })).toEqual(fields.filter(f => f !== ''))
      // a record keeps its fields' whitespace (it is joined again as written)
      if (!/\s/.test(line)) expect(parseList(line, 'in', { split: 'record' })).toEqual([fields.join(',')])
    }
  )
})

describe('parseList', () => {
  it.each<[string, string, boolean, string[]]>([
    ['empty', '', false, []],
    ['one per line', 'a\nb\nc', false, ['a', 'b', 'c']],
    ['CRLF lines', 'a\r\nb\r\n', false, ['a', 'b']],
    ['blank lines and comments skipped', '\n  # comment\na\n\n  b  \n#x', false, ['a', 'b']],
    ['commas kept without comma option', 'a,b\nc', false, ['a,b', 'c']],
    ['commas split with comma option', 'a,b\nc', true, ['a', 'b', 'c']],
    ['empty comma items dropped', 'a,,b,', true, ['a', 'b']],
    ['quoted comma item', '"x,y",z', true, ['x,y', 'z']],
    ['mixed commas and lines', 'linux/amd64, linux/arm64\nlinux/arm/v7', true, ['linux/amd64', 'linux/arm64', 'linux/arm/v7']],
    ['a # inside a line is not a comment', 'a#b', false, ['a#b']]
  ])('%s', (_what, value, comma, want) => {
    expect(parseList(value, 'in', { comma })).toEqual(want)
  })

  it('reports CSV errors under the input name', () => {
    expect(() => parseList('ok\n"broken', 'platforms', { comma: true })).toThrow(/^platforms: unterminated quote/)
  })

  it('keeps quotes as written in lines mode (values buildx parses as CSV itself)', () => {
    expect(parseList('"broken\ntype=image,"name=a,b"', 'outputs', { split: 'lines' })).toEqual(['"broken', 'type=image,"name=a,b"'])
  })

  // docker's actions read these inputs as CSV records (their Util.getInputList with ignoreComma)
  it.each<[string, string, string[]]>([
    ['one entry per line, commas kept', 'A=1,2\nB=3', ['A=1,2', 'B=3']],
    ['a quote inside an entry is literal', 'MYSECRET=a"b\nOTHER=c', ['MYSECRET=a"b', 'OTHER=c']],
    ['a quoted entry spans lines', '"MYSECRET=aaa\nbbb"\nOTHER=c', ['MYSECRET=aaa\nbbb', 'OTHER=c']],
    ['a quoted entry keeps commas and doubled quotes', '"A=x,y ""z"""', ['A=x,y "z"']],
    ['CRLF inside and between records', '"K=a\r\nb"\r\nL=c\r\n', ['K=a\r\nb', 'L=c']],
    ['spaces after a comma are kept', 'description=Hello, world', ['description=Hello, world']],
    ['a lone CR stays in the value', 'A=x\ry', ['A=x\ry']],
    ['comments and blank records skipped, a # inside a value kept', '# c\n\nA=#1\n  # d', ['A=#1']],
    ['a # inside a quoted entry is not a comment', '"A=1\n# not a comment"', ['A=1\n# not a comment']]
  ])('record: %s', (_what, value, want) => {
    expect(parseList(value, 'secrets', { split: 'record' })).toEqual(want)
  })

  it('is record mode by default', () => {
    expect(parseList('"A=1\n2"', 'build-args')).toEqual(['A=1\n2'])
  })

  it('names the line of an unterminated quote and does not echo the value', () => {
    expect(() => parseList('A=1\n"B=hunter2\nC=3', 'secrets')).toThrow(
      'secrets: unterminated quote: the entry starting on line 2 has no closing "'
    )
  })

  it('comma mode: a quoted field may span lines too', () => {
    expect(parseList('"a\nb",c\nd', 'tags', { split: 'comma' })).toEqual(['a\nb', 'c', 'd'])
  })
})

describe('how the catalogue splits list inputs', () => {
  // docker/build-push-action's getInputs: the inputs it reads without ignoreComma are split on commas
  it.each([
    ['platforms', 'comma'],
    ['tags', 'comma'],
    ['add-hosts', 'comma'],
    ['allow', 'comma'],
    ['no-cache-filters', 'comma'],
    ['secret-envs', 'comma'],
    ['ssh', 'comma'],
    ['labels', 'record'],
    ['annotations', 'record'],
    ['build-args', 'record'],
    ['build-contexts', 'record'],
    ['secrets', 'record'],
    ['secret-files', 'record'],
    ['ulimit', 'record'],
    ['outputs', 'lines'],
    ['set', 'lines'],
    ['driver-opts', 'lines']
  ])('%s is split by %s', (input, split) => {
    expect(listSplit(input)).toBe(split)
  })
})

describe('parseKeyValues', () => {
  it.each<[string[], Array<[string, string]>]>([
    [[], []],
    [['A=1'], [['A', '1']]],
    [['A='], [['A', '']]],
    [['A=b=c'], [['A', 'b=c']]],
    [['url=https://x/?a=1&b=2'], [['url', 'https://x/?a=1&b=2']]],
    [['A= spaced value '], [['A', ' spaced value ']]],
    [
      ['org.opencontainers.image.title=x', 'B=2'],
      [
        ['org.opencontainers.image.title', 'x'],
        ['B', '2']
      ]
    ]
  ])('%j', (items, want) => {
    expect(parseKeyValues(items, 'in')).toEqual(want)
  })

  it.each<[string, RegExp]>([
    ['novalue', /^build-args: expected KEY=VALUE, got "novalue"$/],
    ['=value', /^build-args: expected KEY=VALUE/],
    ['A B=1', /^build-args: key "A B" contains whitespace$/],
    ['A\tB=1', /^build-args: key "A\\tB" contains whitespace$/]
  ])('rejects %j', (item, re) => {
    expect(() => parseKeyValues([item], 'build-args')).toThrow(InputError)
    expect(() => parseKeyValues([item], 'build-args')).toThrow(re)
  })
})

describe('parseCsvFields', () => {
  it.each<[string, Record<string, string>]>([
    ['type=registry', { type: 'registry' }],
    ['type=oci,dest=image.tar', { type: 'oci', dest: 'image.tar' }],
    ['Type=local,DEST=out', { type: 'local', dest: 'out' }],
    ['type=image,"name=a,b",push=true', { type: 'image', name: 'a,b', push: 'true' }],
    ['type=gha,scope=a=b', { type: 'gha', scope: 'a=b' }],
    ['type=local,type=tar', { type: 'tar' }],
    ['k=', { k: '' }]
  ])('%j', (value, want) => {
    expect(parseCsvFields(value, 'outputs')).toEqual(want)
  })

  it.each(['type', 'type=oci,dest', '=x', 'type=oci,,dest=a'])('rejects %j', value => {
    expect(() => parseCsvFields(value, 'outputs')).toThrow(InputError)
    expect(() => parseCsvFields(value, 'outputs')).toThrow(/^outputs: expected key=value/)
  })

  it('rejects an unterminated quote', () => {
    expect(() => parseCsvFields('type=oci,"dest=a', 'cache-to')).toThrow(/^cache-to: unterminated quote/)
  })
})

describe('parseBool', () => {
  // YAML 1.2 core schema, as GitHub's getBooleanInput and docker's actions read booleans
  it.each<[string, boolean, boolean]>([
    ['true', false, true],
    ['TRUE', false, true],
    [' True ', false, true],
    ['false', true, false],
    ['False', true, false],
    ['FALSE', true, false],
    ['', true, true],
    ['', false, false],
    ['   ', true, true]
  ])('%j (default %s) -> %s', (value, dflt, want) => {
    expect(parseBool(value, 'push', dflt)).toBe(want)
  })

  it.each(['yes', 'no', 'on', 'off', '1', '0', 'y', 'tRUE', 'tru', 'enabled', 'true false'])('rejects %j', value => {
    expect(() => parseBool(value, 'push', false)).toThrow(InputError)
    expect(() => parseBool(value, 'push', false)).toThrow(
      `push: expected true or false (true, True, TRUE, false, False or FALSE), got ${JSON.stringify(value)}`
    )
  })
})

describe('clip', () => {
  it.each<[string, number, string]>([
    ['short', 80, 'short'],
    ['x'.repeat(80), 80, 'x'.repeat(80)],
    ['x'.repeat(81), 80, `${'x'.repeat(80)}…`],
    ['abcdef', 3, 'abc…']
  ])('%j max %d', (s, max, want) => {
    expect(clip(s, max)).toBe(want)
  })
})
