// The one installer flow of every tool binary (buildx, the Depot CLI, cosign): the version asked
// for is `installed`, '' (the installed one when it will do, else the latest release), `latest`, or
// a version; a release is resolved, downloaded and verified (install.ts), then probed. What differs
// per tool is data (install/releases.ts) and the few functions of a ToolSetup, kept in its folder.
import * as core from '../runner/commands.js'
import os from 'node:os'
import { InputError, messageOf } from '../errors.js'
import { resolveLatest } from './latest.js'
import { assetUrls, type Release } from './releases.js'

export interface ToolSetup<T> {
  release: Release
  /** the values of the tool's inputs `<tool>-version`, `<tool>-download-url`, `<tool>-sha256` */
  version: string
  downloadUrl: string
  sha256: string
  /** the installed tool, or why there is none, in words (for `installed` and the default '') */
  installed?(): Promise<T | string>
  /** with the default '': why this installed tool will not do (the latest release is downloaded then) */
  notByDefault?(found: T): string | undefined
  /** `installed` was asked for and none is: the tool's error */
  noneInstalled?(why: string): Error
  /** the verified binary, run: the tool, or the tool's error */
  probe(path: string, version: string): Promise<T>
  /** the tool's error class for a failure of resolving, downloading or verifying (an InputError by default) */
  failure?(e: Error): Error
  /** the install line says how long it took */
  timed?: boolean
}

export async function setupTool<T>(t: ToolSetup<T>): Promise<T> {
  let version = t.version
  if ((version === 'installed' || version === '') && t.installed) {
    const found = await t.installed()
    if (version === 'installed') {
      if (typeof found !== 'string') return found
      throw t.noneInstalled ? t.noneInstalled(found) : new Error(found)
    }
    const why = typeof found === 'string' ? found : t.notByDefault?.(found)
    if (typeof found !== 'string' && !why) return found
    core.info(`${why}: downloading the latest release`)
    version = 'latest'
  }
  const { path, v } = await download(t, version).catch((e: Error) => {
    throw t.failure ? t.failure(e) : e
  })
  return t.probe(path, v)
}

async function download<T>(t: ToolSetup<T>, version: string): Promise<{ path: string; v: string }> {
  const r = t.release
  const inputs = { version: `${r.tool}-version`, downloadUrl: `${r.tool}-download-url`, sha256: `${r.tool}-sha256` }
  const platform = os.platform()
  const unsupported = r.unsupported(platform, os.arch())
  if (unsupported) throw new InputError(inputs.version, unsupported)
  const base = t.downloadUrl || r.defaultBase
  // a mirror that fails to answer is blamed on the mirror, not on the version asked for
  const input = t.downloadUrl ? inputs.downloadUrl : inputs.version
  let v = version.replace(/^v/, '')
  if (version === 'latest') {
    try {
      v = await resolveLatest(r, base)
    } catch (e) {
      throw new InputError(input, messageOf(e))
    }
  }
  const asset = assetUrls(r, base, v, platform, r.arch(os.arch()) ?? os.arch())
  const started = Date.now()
  const { installVerified } = await import('./install.js')
  const installed = await installVerified({
    tool: r.tool,
    version: v,
    cachedName: r.binary,
    input,
    // a binary that does not match is blamed on the pin, else on the version asked for (or the mirror)
    checksumInput: t.sha256 ? inputs.sha256 : r.mismatchBlamesMirror ? input : inputs.version,
    ...(r.archiveEntry ? { archiveEntry: r.archiveEntry } : {}),
    ...asset,
    ...(t.sha256 ? { sha256: t.sha256 } : {})
  })
  const took = t.timed ? ` in ${Date.now() - started} ms` : ''
  core.info(
    `${r.tool} ${v} ${installed.fromCache ? 'found in the tool cache' : `downloaded from ${asset.url}`} and verified against ${t.sha256 ? inputs.sha256 : installed.against}${took}: ${installed.path}`
  )
  return { path: installed.path, v }
}
