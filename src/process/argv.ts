// An argument vector shown as a user would type it in a shell (the log's command lines, the verify
// commands a user pastes). Pure: quoting for reading, never used to run anything.

/** Shows argv in the log the way a user would type it; never used to run anything. */
export function quoteForLog(a: string): string {
  if (/^[\w@%+=:,./-]+$/.test(a)) return a
  // A line break inside a value must not start a new log line: the runner reads `::command::` lines.
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(a))
    return `$'${a.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, c => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`
  return `'${a.replaceAll("'", "'\\''")}'`
}

const CONTROL_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** A whole command line: each word quoted as quoteForLog quotes it. */
export function commandLine(argv: string[]): string {
  return argv.map(quoteForLog).join(' ')
}
