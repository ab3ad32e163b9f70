// A minimal reader for uncompressed (ustar/pax) tar archives, enough for an OCI layout tarball. Pure.

function field(buf: Buffer, start: number, len: number): string {
  const raw = buf.subarray(start, start + len)
  const nul = raw.indexOf(0)
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8')
}

/** Reads the regular files whose names `want` accepts; names are normalized without a leading './'. */
export function readTarEntries(buf: Buffer, want: (name: string) => boolean): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  let off = 0
  let longName = ''
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512)
    if (header.every(b => b === 0)) break
    const size = parseInt(field(header, 124, 12).trim() || '0', 8)
    if (Number.isNaN(size)) throw new Error(`corrupt tar header at offset ${off}`)
    const type = String.fromCharCode(header[156] ?? 0)
    const prefix = field(header, 345, 155)
    let name = longName || (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))
    longName = ''
    if (off + 512 + size > buf.length) throw new Error(`truncated tar archive: entry at offset ${off} needs ${size} bytes`)
    const body = buf.subarray(off + 512, off + 512 + size)
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))
      if (m?.[1]) longName = m[1]
    } else if (type === 'L') {
      longName = body.toString('utf8').replace(/\0+$/, '')
    } else if (type === '0' || type === '\0') {
      name = name.replace(/^\.\//, '')
      if (want(name)) files.set(name, Buffer.from(body))
    }
    off += 512 + Math.ceil(size / 512) * 512
  }
  return files
}
