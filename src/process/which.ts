// Finding a program on PATH once, as an absolute path: a build can write files (a local output)
// into a folder on PATH, so what runs after a build must be the program found before it.
import { accessSync, constants, realpathSync, statSync } from 'node:fs'
import path from 'node:path'

/** The first executable file `name` on PATH, symlinks resolved; relative PATH entries are skipped. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue
    const candidate = path.join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return realpathSync(candidate)
    } catch {
      // not here
    }
  }
  return undefined
}
