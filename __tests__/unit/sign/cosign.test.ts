import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findOnPath } from '../../../src/sign/cosign.js'

describe('findOnPath: cosign resolved once to an absolute path', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bia-which-'))
  const a = path.join(root, 'a')
  const b = path.join(root, 'b')
  const c = path.join(root, 'c')
  for (const d of [a, b, c]) mkdirSync(d)
  writeFileSync(path.join(a, 'cosign'), 'not executable', { mode: 0o644 })
  writeFileSync(path.join(b, 'cosign'), '#!/bin/sh\n', { mode: 0o755 })
  mkdirSync(path.join(c, 'cosign'))
  symlinkSync(path.join(b, 'cosign'), path.join(root, 'link'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it.each<[string, string, string | undefined]>([
    ['the first executable file in PATH order', [a, b].join(path.delimiter), path.join(b, 'cosign')],
    ['a folder named cosign is skipped', [c, b].join(path.delimiter), path.join(b, 'cosign')],
    [
      'relative and empty PATH entries are never searched (they depend on the working directory)',
      ['', '.', 'b', b].join(path.delimiter),
      path.join(b, 'cosign')
    ],
    ['none', a, undefined],
    ['an empty PATH', '', undefined]
  ])('%s', (_name, envPath, expected) => {
    expect(findOnPath('cosign', envPath)).toBe(expected)
  })
})
