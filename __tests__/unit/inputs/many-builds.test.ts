// What a merged manifest list is annotated with: index-level annotations, each with its level.
import { describe, expect, it } from '@jest/globals'
import { indexAnnotations } from '../../../src/inputs/many-builds.js'

describe('indexAnnotations', () => {
  it.each<[string, string[], string[]]>([
    ['index-level, as given', ['index:a=1'], ['index:a=1']],
    [
      'no level: the index level written out',
      ['a=1', 'org.opencontainers.image.title=x'],
      ['index:a=1', 'index:org.opencontainers.image.title=x']
    ],
    ['other levels are not the index’s', ['manifest:a=1', 'manifest-descriptor:b=2', 'index-descriptor:c=3'], []],
    ['a value holding a colon', ['a=http://x'], ['index:a=http://x']],
    ['order kept', ['b=2', 'index:a=1'], ['index:b=2', 'index:a=1']],
    ['none', [], []]
  ])('%s', (_name, values, want) => {
    expect(indexAnnotations(values)).toEqual(want)
  })
})
