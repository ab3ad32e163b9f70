import { describe, it, expect } from '@jest/globals'
import { checksumFor, parseChecksums, versionFromChecksums } from '../../../src/install/checksums.js'

const H1 = '1f2e3d4c5b6a79880f1e2d3c4b5a69788f7e6d5c4b3a29180f1e2d3c4b5a6978'
const H2 = 'aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899'
const H3 = '0000000000000000000000000000000000000000000000000000000000000001'

/** checksums.txt as buildx releases publish it (sha256sum output, binary-mode '*'). */
const RELEASE_SUMS = [
  `${H1} *buildx-v0.29.1.darwin-amd64`,
  `${H2} *buildx-v0.29.1.linux-amd64`,
  `${H3} *buildx-v0.29.1.linux-arm64`,
  `${H1} *buildx-v0.29.1.linux-arm-v7`,
  `${H2} *buildx-v0.29.1.linux-amd64.provenance.json`,
  ''
].join('\n')

describe('parseChecksums', () => {
  it.each<[string, string, Array<[string, string]>]>([
    [
      'release file with binary-mode markers',
      RELEASE_SUMS,
      [
        ['buildx-v0.29.1.darwin-amd64', H1],
        ['buildx-v0.29.1.linux-amd64', H2],
        ['buildx-v0.29.1.linux-arm64', H3],
        ['buildx-v0.29.1.linux-arm-v7', H1],
        ['buildx-v0.29.1.linux-amd64.provenance.json', H2]
      ]
    ],
    ['text mode (two spaces)', `${H1}  tool.tar.gz\n`, [['tool.tar.gz', H1]]],
    ['./ prefix removed', `${H1}  ./dist/tool\n`, [['dist/tool', H1]]],
    ['uppercase hex lowercased', `${H1.toUpperCase()}  tool\n`, [['tool', H1]]],
    [
      'CRLF and surrounding whitespace',
      `  ${H1}  a  \r\n${H2} *b\r\n`,
      [
        ['a', H1],
        ['b', H2]
      ]
    ],
    [
      'blank, comment and malformed lines skipped',
      `\n# sums\n${H1.slice(1)}  short\n${H1}x  long\n${H2}\nnot a sum\n${H3}  ok\n`,
      [['ok', H3]]
    ],
    ['later duplicate wins', `${H1}  a\n${H2}  a\n`, [['a', H2]]],
    ['empty', '', []]
  ])('%s', (_what, text, want) => {
    expect([...parseChecksums(text)]).toEqual(want)
  })

  it('checksumFor looks a file name up', () => {
    const sums = parseChecksums(RELEASE_SUMS)
    expect(checksumFor(sums, 'buildx-v0.29.1.linux-arm64')).toBe(H3)
    expect(checksumFor(sums, 'buildx-v0.29.1.linux-s390x')).toBeUndefined()
  })
})

describe('versionFromChecksums', () => {
  const sums = (...names: string[]) => new Map(names.map(n => [n, H1]))
  it.each<[string, Map<string, string>, string | undefined]>([
    ['release file', parseChecksums(RELEASE_SUMS), '0.29.1'],
    ['release candidate', sums('buildx-v0.30.0-rc1.linux-amd64'), '0.30.0-rc1'],
    ['dotted pre-release', sums('buildx-v0.30.0-rc.2.linux-arm-v7'), '0.30.0-rc.2'],
    ['unrelated names are skipped', sums('README.md', 'buildx-0.29.1.linux-amd64', 'buildx-v0.28.0.linux-amd64'), '0.28.0'],
    ['no version', sums('checksums.txt', 'buildx.linux-amd64'), undefined],
    ['empty', new Map(), undefined]
  ])('%s', (_what, m, want) => {
    expect(versionFromChecksums(m)).toBe(want)
  })

  it('reads another tool name', () => {
    expect(versionFromChecksums(sums('compose-v2.30.0.linux-amd64', 'buildx-v0.29.1.linux-amd64'), 'compose')).toBe('2.30.0')
  })
})
