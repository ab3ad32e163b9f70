import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { githubContext, githubEvent, stepOutputsUnread } from '../../../src/runner/context.js'

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

describe('stepOutputsUnread (a step without an id: the runner drops its outputs)', () => {
  it.each<[string, NodeJS.ProcessEnv, boolean]>([
    [
      'a step without an id (the runner names it after the action)',
      { GITHUB_ACTIONS: 'true', GITHUB_ACTION: '__org_build-image-action' },
      true
    ],
    ['the second such step of the job', { GITHUB_ACTIONS: 'true', GITHUB_ACTION: '__org_build-image-action_2' }, true],
    ['a step inside a composite action, without an id', { GITHUB_ACTIONS: 'true', GITHUB_ACTION: '__3f2a1c' }, true],
    ['a step with an id', { GITHUB_ACTIONS: 'true', GITHUB_ACTION: 'build' }, false],
    ['an id with one leading underscore', { GITHUB_ACTIONS: 'true', GITHUB_ACTION: '_build' }, false],
    ['no GITHUB_ACTION', { GITHUB_ACTIONS: 'true' }, false],
    ['not on a runner (the CLI), whatever GITHUB_ACTION says', { GITHUB_ACTION: '__org_build-image-action' }, false]
  ])('%s', (_what, env, unread) => {
    expect(stepOutputsUnread(env)).toBe(unread)
  })
})
