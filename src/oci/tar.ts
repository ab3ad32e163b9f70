// A minimal reader for uncompressed (ustar/pax) tar archives, enough for an OCI layout tarball. Pure.

function field(buf: Buffer, start: number, len: number): string {
  const raw = buf.subarray(start, start + len)
  const nul = raw.indexOf(0)
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8')
}

/** Where a regular file's body lies in the archive. */
export interface TarEntry {
  offset: number
  size: number
}

/**
 * Lists the regular files of an archive whose names `want` accepts, reading only headers (and pax
 * or long-name records) through `readAt`: bodies are skipped over, never read. `size` is the
 * archive's length. Names are normalized without a leading './'.
 */
export function indexTarEntries(
  readAt: (offset: number, length: number) => Buffer,
  size: number,
  want: (name: string) => boolean
): Map<string, TarEntry> {
  const entries = new Map<string, TarEntry>()
  let off = 0
  let longName = ''
  while (off + 512 <= size) {
    const header = readAt(off, 512)
    if (header.every(b => b === 0)) break
    const bodySize = parseInt(field(header, 124, 12).trim() || '0', 8)
    if (Number.isNaN(bodySize)) throw new Error(`corrupt tar header at offset ${off}`)
    const type = String.fromCharCode(header[156] ?? 0)
    const prefix = field(header, 345, 155)
    let name = longName || (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))
    longName = ''
    if (off + 512 + bodySize > size) throw new Error(`truncated tar archive: entry at offset ${off} needs ${bodySize} bytes`)
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(readAt(off + 512, bodySize).toString('utf8'))
      if (m?.[1]) longName = m[1]
    } else if (type === 'L') {
      longName = readAt(off + 512, bodySize)
        .toString('utf8')
        .replace(/\0+$/, '')
    } else if (type === '0' || type === '\0') {
      name = name.replace(/^\.\//, '')
      if (want(name)) entries.set(name, { offset: off + 512, size: bodySize })
    }
    off += 512 + Math.ceil(bodySize / 512) * 512
  }
  return entries
}

/** Reads the regular files whose names `want` accepts from an archive in memory. */
export function readTarEntries(buf: Buffer, want: (name: string) => boolean): Map<string, Buffer> {
  const readAt = (offset: number, length: number) => buf.subarray(offset, offset + length)
  const files = new Map<string, Buffer>()
  for (const [name, e] of indexTarEntries(readAt, buf.length, want)) files.set(name, Buffer.from(readAt(e.offset, e.size)))
  return files
}
