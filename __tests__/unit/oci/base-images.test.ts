import { describe, it, expect } from '@jest/globals'
import { familiarName } from '../../../src/oci/base-images.js'

describe('familiarName', () => {
  it.each<[string, string]>([
    ['docker.io/library/alpine:3', 'alpine:3'],
    ['index.docker.io/library/alpine', 'alpine'],
    ['library/alpine', 'alpine'],
    ['docker.io/org/app', 'org/app'],
    ['library/team/app', 'library/team/app'],
    ['ghcr.io/library/x', 'ghcr.io/library/x'],
    ['localhost/library/x', 'localhost/library/x']
  ])('%s -> %s', (name, expected) => {
    expect(familiarName(name)).toBe(expected)
  })
})
