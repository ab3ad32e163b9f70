import { describe, expect, it } from '@jest/globals'
import { joinSshPaths, sshEntitlements } from '../../../src/inputs/ssh.js'

describe('sshEntitlements', () => {
  it.each<[string, string[], string[]]>([
    ['an agent socket', ['default'], ['ssh']],
    ['key files, resolved', ['deploy=keys/id_ed25519', 'two=/k/a,/k/b'], ['fs.read=/work/keys/id_ed25519', 'fs.read=/k/a', 'fs.read=/k/b']],
    ['each grant once', ['default', 'other', 'a=/k', 'b=/k'], ['ssh', 'fs.read=/k']],
    ['none', [], []]
  ])('%s', (_what, ssh, want) => {
    expect(sshEntitlements(ssh, p => (p.startsWith('/') ? p : `/work/${p}`))).toEqual(want)
  })
})

describe('joinSshPaths', () => {
  it.each<[string, string[], string[]]>([
    ['key files of one id', ['deploy=/a', '/b', './c'], ['deploy=/a,/b,./c']],
    ['an agent socket stays alone', ['default', '/a'], ['default', '/a']],
    ['a second id', ['a=/k', 'b=/l'], ['a=/k', 'b=/l']]
  ])('%s', (_what, items, want) => {
    expect(joinSshPaths(items)).toEqual(want)
  })
})
