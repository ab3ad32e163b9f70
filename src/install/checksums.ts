// Release checksum files (sha256sum output). Pure.

/** Parses `sha256sum` output: "<64 hex>  <name>" (a '*' before the name marks binary mode). */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-f0-9]{64})\s+\*?(\S+)\s*$/i.exec(line.trim())
    if (m && m[1] && m[2]) sums.set(m[2].replace(/^\.\//, ''), m[1].toLowerCase())
  }
  return sums
}

export function checksumFor(sums: Map<string, string>, fileName: string): string | undefined {
  return sums.get(fileName)
}

/** The version a latest checksums file is for, read from its <tool>-vX.Y.Z.* names. */
export function versionFromChecksums(sums: Map<string, string>, tool = 'buildx'): string | undefined {
  for (const name of sums.keys()) {
    const m = new RegExp(`^${tool}-v(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)\\.`).exec(name)
    if (m?.[1]) return m[1]
  }
  return undefined
}
