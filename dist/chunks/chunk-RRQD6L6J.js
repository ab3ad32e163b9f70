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
function info(message) {
  process.stdout.write(message + EOL);
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
  const core = await import("./core-AEUVJTCX.js");
  return core.getIDToken(audience);
}

// src/oci/tar.ts
function field(buf, start, len) {
  const raw = buf.subarray(start, start + len);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString("utf8");
}
function readTarEntries(buf, want) {
  const files = /* @__PURE__ */ new Map();
  let off = 0;
  let longName = "";
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    if (Number.isNaN(size)) throw new Error(`corrupt tar header at offset ${off}`);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    let name = longName || (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = "";
    if (off + 512 + size > buf.length) throw new Error(`truncated tar archive: entry at offset ${off} needs ${size} bytes`);
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === "x") {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"));
      if (m?.[1]) longName = m[1];
    } else if (type === "L") {
      longName = body.toString("utf8").replace(/\0+$/, "");
    } else if (type === "0" || type === "\0") {
      name = name.replace(/^\.\//, "");
      if (want(name)) files.set(name, Buffer.from(body));
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

export {
  getInput,
  setOutput,
  saveState,
  getState,
  setSecret,
  info,
  warning,
  error,
  setFailed,
  group,
  appendSummary,
  getIDToken,
  readTarEntries
};
