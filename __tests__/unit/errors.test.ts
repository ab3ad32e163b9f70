import { describe, expect, it } from '@jest/globals'
import { InputError, MatrixError, messageOf } from '../../src/errors.js'

describe('messageOf', () => {
  it.each<[string, unknown, string]>([
    ['an Error', new Error('boom'), 'boom'],
    ['an InputError, with its input', new InputError('tags', 'bad tag'), 'tags: bad tag'],
    ['a MatrixError, an InputError too', new MatrixError('matrix', 'empty'), 'matrix: empty'],
    ['a thrown string', 'plain text', 'plain text'],
    ['a thrown number', 42, '42'],
    ['undefined', undefined, 'undefined']
  ])('%s', (_what, thrown, want) => {
    expect(messageOf(thrown)).toBe(want)
  })
})
