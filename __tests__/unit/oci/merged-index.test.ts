import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createdIndex, mergeMismatch } from '../../../src/oci/merged-index.js'
import type { ImageIndex, ImageManifest } from '../../../src/oci/types.js'

const d = (n: string) => `sha256:${n.repeat(64)}`
const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`
const desc = (digest: string) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 1 })
const index = (...digests: string[]): ImageIndex => ({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: digests.map(desc)
})
const manifest: ImageManifest = { schemaVersion: 2, config: desc(d('c')), layers: [] }
const printed = (doc: object) => JSON.stringify(doc, null, 2)

describe('createdIndex', () => {
  it('hashes the printed bytes without the one newline buildx adds (the bytes it pushes)', () => {
    const bytes = printed(index(d('1'), d('2')))
    const c = createdIndex(`${bytes}\n`)
    expect(c.digest).toBe(sha(bytes))
    expect(c.mediaType).toBe('application/vnd.oci.image.index.v1+json')
  })
  it('takes output without a trailing newline as it is', () => {
    const bytes = printed(index(d('1')))
    expect(createdIndex(bytes).digest).toBe(sha(bytes))
  })
  it('refuses output that is no manifest', () => {
    expect(() => createdIndex('not json\n')).toThrow(/imagetools create --dry-run: not JSON/)
  })
})

describe('mergeMismatch', () => {
  const created = (doc: object) => createdIndex(`${printed(doc)}\n`)
  it.each<[string, object, Array<{ digest: string; doc: ImageIndex | ImageManifest }>, RegExp | '']>([
    [
      'two manifests merged',
      index(d('1'), d('2')),
      [
        { digest: d('1'), doc: manifest },
        { digest: d('2'), doc: manifest }
      ],
      ''
    ],
    [
      'two indexes merged: their entries, attestations included',
      index(d('1'), d('a'), d('2'), d('b')),
      [
        { digest: d('3'), doc: index(d('1'), d('a')) },
        { digest: d('4'), doc: index(d('2'), d('b')) }
      ],
      ''
    ],
    ['an entry no source holds', index(d('1'), d('9')), [{ digest: d('1'), doc: manifest }], /lists sha256:9{64}, which no source holds/],
    [
      'a source left out',
      index(d('1')),
      [
        { digest: d('1'), doc: manifest },
        { digest: d('2'), doc: manifest }
      ],
      /misses sha256:2{64}/
    ],
    [
      'an entry listed twice',
      index(d('1'), d('1'), d('2')),
      [
        { digest: d('1'), doc: manifest },
        { digest: d('2'), doc: manifest }
      ],
      /lists an entry twice/
    ],
    ['a manifest where an index was expected', manifest, [{ digest: d('1'), doc: manifest }], /made a manifest/]
  ])('%s', (_name, doc, sources, expected) => {
    const why = mergeMismatch(created(doc), sources)
    if (expected === '') expect(why).toBe('')
    else expect(why).toMatch(expected)
  })
  it('a single source copied as it is (no annotations) is that source', () => {
    const bytes = printed(manifest)
    expect(mergeMismatch(createdIndex(`${bytes}\n`), [{ digest: sha(bytes), doc: manifest }])).toBe('')
  })
})
