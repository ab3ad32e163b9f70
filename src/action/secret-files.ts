// The secrets input's values, written where only the build reads them.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Settings } from '../inputs/parse.js'

/** `secrets` values go to private files for the build only (0600; removed right after it). */
export function writeSecretFiles(s: Pick<Settings, 'secrets'>, dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const sec of s.secrets) {
    if (sec.kind !== 'value') continue
    const file = path.join(dir, `secret-${files.size}`)
    writeFileSync(file, sec.source, { mode: 0o600 })
    files.set(sec.id, file)
  }
  return files
}
