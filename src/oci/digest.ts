// Content digests. Pure: node:crypto only hashes bytes already in memory.
import { createHash } from 'node:crypto'

/** The sha256 digest of `bytes` as registries name content: sha256:<64 hex digits>. */
export function sha256Digest(bytes: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** Whether `s` is sha256: followed by 64 lowercase hex digits. */
export function validateDigest(s: unknown): boolean {
  return typeof s === 'string' && /^sha256:[a-f0-9]{64}$/.test(s)
}
