import { describe, it, expect } from '@jest/globals'
import { sha256Digest, validateDigest } from '../../../src/oci/digest.js'

const APP_AMD64 = 'sha256:4e4d56d191ea573f5c4f98872cc86ac29a8f2c37c5e4f86d97c49a72ac570c42'
const D = (c: string) => `sha256:${c.repeat(64)}`

describe('digests', () => {
  it.each<[string | Uint8Array, string]>([
    ['', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [new Uint8Array([0x61, 0x62, 0x63]), 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad']
  ])('sha256Digest(%j)', (input, expected) => {
    expect(sha256Digest(input)).toBe(expected)
  })

  it.each<[unknown, boolean]>([
    [APP_AMD64, true],
    [D('0'), true],
    [`sha256:${'A'.repeat(64)}`, false],
    [`sha256:${'a'.repeat(63)}`, false],
    [`sha256:${'a'.repeat(65)}`, false],
    [`sha512:${'a'.repeat(64)}`, false],
    [` ${D('a')}`, false],
    [`${D('a')}\n`, false],
    ['a'.repeat(64), false],
    ['', false],
    [undefined, false],
    [42, false]
  ])('validateDigest(%j) = %s', (s, expected) => {
    expect(validateDigest(s)).toBe(expected)
  })
})
