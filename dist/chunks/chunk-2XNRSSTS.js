import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);

// src/runner/commands.ts
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync } from "node:fs";
import { EOL } from "node:os";
function escapeData(s) {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function command(name, props, message) {
  const p = Object.entries(props).filter(([, v]) => v !== void 0 && v !== "").map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  process.stdout.write(`::${name}${p ? ` ${p}` : ""}::${escapeData(message)}${EOL}`);
}
function fileCommand(envName, name, value) {
  const file = process.env[envName];
  if (!file) return false;
  if (!existsSync(file)) throw new Error(`${envName} names ${file}, which does not exist`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`unexpected delimiter in ${name}`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, "utf8");
  return true;
}
function getInput(name) {
  return (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
function setOutput(name, value) {
  if (!fileCommand("GITHUB_OUTPUT", name, value)) command("set-output", { name }, value);
}
function saveState(name, value) {
  if (!fileCommand("GITHUB_STATE", name, value)) command("save-state", { name }, value);
}
function getState(name) {
  return process.env[`STATE_${name}`] ?? "";
}
function setSecret(value) {
  if (!value) return;
  command("add-mask", {}, value);
  if (/[\r\n]/.test(value)) {
    for (const line of value.split(/\r?\n|\r/)) if (line.trim() !== "") command("add-mask", {}, line);
  }
}
var LINE_BREAK = /\r\n|\r|\n|\u0085|\u2028|\u2029/;
function readsAsCommand(text) {
  return text.split(LINE_BREAK).some((l) => l.replace(/^[\s\u0085\ufeff]+/, "").startsWith("::"));
}
function info(message) {
  if (!readsAsCommand(message)) {
    process.stdout.write(message + EOL);
    return;
  }
  const resume = `inert-text-${randomUUID()}`;
  process.stdout.write(`::stop-commands::${resume}${EOL}${message}${EOL}::${resume}::${EOL}`);
}
async function withCommandsStopped(fn) {
  const resume = `build-output-${randomUUID()}`;
  process.stdout.write(`::stop-commands::${resume}${EOL}`);
  try {
    return await fn((line) => {
      process.stdout.write(line + EOL);
    });
  } finally {
    process.stdout.write(`::${resume}::${EOL}`);
  }
}
function annotation(kind, message, p = {}) {
  command(
    kind,
    { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn },
    message
  );
}
function warning(message, props) {
  annotation("warning", message, props);
}
function error(message, props) {
  annotation("error", message, props);
}
function setFailed(message) {
  process.exitCode = 1;
  error(message);
}
async function group(name, fn) {
  process.stdout.write(`::group::${escapeData(name)}${EOL}`);
  try {
    return await fn();
  } finally {
    process.stdout.write(`::endgroup::${EOL}`);
  }
}
function appendSummary(markdown) {
  const file = process.env["GITHUB_STEP_SUMMARY"];
  if (!file) return false;
  appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}
`, "utf8");
  return true;
}
async function getIDToken(audience) {
  const core = await import("./core-Q5CMLJ62.js");
  return core.getIDToken(audience);
}

// src/oci/tar.ts
function field(buf, start, len) {
  const raw = buf.subarray(start, start + len);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString("utf8");
}
function indexTarEntries(readAt, size, want) {
  const entries = /* @__PURE__ */ new Map();
  let off = 0;
  let longName = "";
  while (off + 512 <= size) {
    const header = readAt(off, 512);
    if (header.every((b) => b === 0)) break;
    const bodySize = parseInt(field(header, 124, 12).trim() || "0", 8);
    if (Number.isNaN(bodySize)) throw new Error(`corrupt tar header at offset ${off}`);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    let name = longName || (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = "";
    if (off + 512 + bodySize > size) throw new Error(`truncated tar archive: entry at offset ${off} needs ${bodySize} bytes`);
    if (type === "x") {
      const m = /\d+ path=([^\n]*)\n/.exec(readAt(off + 512, bodySize).toString("utf8"));
      if (m?.[1]) longName = m[1];
    } else if (type === "L") {
      longName = readAt(off + 512, bodySize).toString("utf8").replace(/\0+$/, "");
    } else if (type === "0" || type === "\0") {
      name = name.replace(/^\.\//, "");
      if (want(name)) entries.set(name, { offset: off + 512, size: bodySize });
    }
    off += 512 + Math.ceil(bodySize / 512) * 512;
  }
  return entries;
}
function readTarEntries(buf, want) {
  const readAt = (offset, length) => buf.subarray(offset, offset + length);
  const files = /* @__PURE__ */ new Map();
  for (const [name, e] of indexTarEntries(readAt, buf.length, want)) files.set(name, Buffer.from(readAt(e.offset, e.size)));
  return files;
}
function tarHeader(name, size, mode, type) {
  const h = Buffer.alloc(512);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  h.write(name, 0, 100, "utf8");
  h.write(`${mode.toString(8).padStart(7, "0")}\0`, 100, "ascii");
  h.write("0000000\0", 108, "ascii");
  h.write("0000000\0", 116, "ascii");
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  h.write("00000000000\0", 136, "ascii");
  h.write(type, 156, "ascii");
  h.write("ustar\x0000", 257, "ascii");
  h.fill(32, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}
function tarMember(name, data, mode) {
  if (!data) return tarHeader(name, 0, mode, "5");
  const pad = (512 - data.length % 512) % 512;
  return Buffer.concat([tarHeader(name, data.length, mode, "0"), data, Buffer.alloc(pad)]);
}
var TAR_END = Buffer.alloc(1024);

// src/install/checksums.ts
function parseChecksums(text) {
  const sums = /* @__PURE__ */ new Map();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-f0-9]{64})\s+\*?(\S+)\s*$/i.exec(line.trim());
    if (m && m[1] && m[2]) sums.set(m[2].replace(/^\.\//, ""), m[1].toLowerCase());
  }
  return sums;
}
function checksumFor(sums, fileName) {
  return sums.get(fileName);
}
function versionFromChecksums(sums, tool = "buildx") {
  for (const name of sums.keys()) {
    const m = new RegExp(`^${tool}-v(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)\\.`).exec(name);
    if (m?.[1]) return m[1];
  }
  return void 0;
}

export {
  getInput,
  setOutput,
  saveState,
  getState,
  setSecret,
  info,
  withCommandsStopped,
  warning,
  error,
  setFailed,
  group,
  appendSummary,
  getIDToken,
  indexTarEntries,
  readTarEntries,
  tarMember,
  TAR_END,
  parseChecksums,
  checksumFor,
  versionFromChecksums
};
