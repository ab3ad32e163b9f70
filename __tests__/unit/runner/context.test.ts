import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { githubContext, githubEvent } from '../../../src/runner/context.js'

describe('githubEvent and githubContext (the event file of the run)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-event-'))
  const withEvent = (text: string | undefined, fn: () => void) => {
    const saved = { ...process.env }
    try {
      const file = path.join(dir, `event-${Math.random().toString(36).slice(2)}.json`)
      if (text !== undefined) writeFileSync(file, text)
      process.env['GITHUB_EVENT_PATH'] = file
      process.env['GITHUB_SERVER_URL'] = 'https://github.com'
      process.env['GITHUB_REPOSITORY'] = 'o/r'
      process.env['GITHUB_RUN_ID'] = '7'
      fn()
    } finally {
      process.env = saved
    }
  }

  it.each<[string, string | undefined, boolean]>([
    ['a public repository', '{"repository":{"private":false}}', true],
    ['a private repository', '{"repository":{"private":true}}', false],
    ['no repository in the event', '{}', false],
    ['an event file that is not JSON', '{', false],
    ['no event file', undefined, false]
  ])('%s', (_what, text, publicRepo) => {
    withEvent(text, () => {
      expect(githubContext()).toEqual({ publicRepo, builderId: 'https://github.com/o/r/actions/runs/7' })
    })
  })

  it('reads the file once per path', () => {
    withEvent('{"repository":{"private":false}}', () => {
      const first = githubEvent()
      writeFileSync(process.env['GITHUB_EVENT_PATH'] ?? '', '{}')
      expect(githubEvent()).toBe(first)
    })
  })
})
