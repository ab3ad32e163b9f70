import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);

// src/inputs/lists.ts
var InputError = class extends Error {
  constructor(input, message) {
    super(`${input}: ${message}`);
    this.input = input;
    this.name = "InputError";
  }
  input;
};
function splitCsv(line, input) {
  const fields = [];
  let field2 = "";
  let quoted = false;
  let wasQuoted = false;
  let quotedEnd = 0;
  const finish = () => wasQuoted ? field2.slice(0, quotedEnd) + field2.slice(quotedEnd).trimEnd() : field2.trim();
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field2 += '"';
          i++;
        } else {
          quoted = false;
          quotedEnd = field2.length;
        }
      } else {
        field2 += c;
      }
    } else if (c === '"' && field2.trim() === "") {
      quoted = true;
      wasQuoted = true;
      field2 = "";
    } else if (c === ",") {
      fields.push(finish());
      field2 = "";
      wasQuoted = false;
    } else {
      field2 += c;
    }
  }
  if (quoted) throw new InputError(input, `unterminated quote in ${JSON.stringify(clip(line))}`);
  fields.push(finish());
  return fields;
}
function parseList(value, input, opts = {}) {
  const items = [];
  for (const raw of value.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const parts = opts.comma ? splitCsv(line, input) : [line];
    for (const p of parts) if (p !== "") items.push(p);
  }
  return items;
}
function parseKeyValues(items, input) {
  return items.map((item) => {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new InputError(input, `expected KEY=VALUE, got ${JSON.stringify(clip(item))}`);
    const key = item.slice(0, eq);
    if (/\s/.test(key)) throw new InputError(input, `key ${JSON.stringify(key)} contains whitespace`);
    return [key, item.slice(eq + 1)];
  });
}
function parseCsvFields(value, input) {
  const out = {};
  for (const field2 of splitCsv(value, input)) {
    const eq = field2.indexOf("=");
    if (eq <= 0) throw new InputError(input, `expected key=value in ${JSON.stringify(clip(value))}, got ${JSON.stringify(clip(field2))}`);
    out[field2.slice(0, eq).trim().toLowerCase()] = field2.slice(eq + 1);
  }
  return out;
}
function parseBool(value, input, dflt) {
  const v = value.trim().toLowerCase();
  if (v === "") return dflt;
  if (["true", "yes", "1", "on"].includes(v)) return true;
  if (["false", "no", "0", "off"].includes(v)) return false;
  throw new InputError(input, `expected true or false, got ${JSON.stringify(clip(value))}`);
}
function clip(s, max = 80) {
  return s.length > max ? `${s.slice(0, max)}\u2026` : s;
}

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
  if (value) command("add-mask", {}, value);
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
var DEFAULT_BUILDX_RELEASES = "https://github.com/docker/buildx/releases";
function nodeArch(arch) {
  switch (arch) {
    case "x64":
      return "amd64";
    case "arm64":
      return "arm64";
    case "arm":
      return "arm-v7";
    case "ppc64":
      return "ppc64le";
    default:
      return arch;
  }
}
function buildxAssetUrls(base, version, os, arch) {
  const b = base.replace(/\/+$/, "");
  const fileName = `buildx-v${version}.${os}-${arch}`;
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/checksums.txt`
  };
}
function latestChecksumsUrl(base) {
  return `${base.replace(/\/+$/, "")}/latest/download/checksums.txt`;
}
function versionFromChecksums(sums, tool = "buildx") {
  for (const name of sums.keys()) {
    const m = new RegExp(`^${tool}-v(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)\\.`).exec(name);
    if (m?.[1]) return m[1];
  }
  return void 0;
}
var DEFAULT_DEPOT_RELEASES = "https://github.com/depot/cli/releases";
function depotArch(arch) {
  return { x64: "amd64", arm64: "arm64", ia32: "386" }[arch];
}
function depotAssetUrls(base, version, os, arch) {
  const b = base.replace(/\/+$/, "");
  const fileName = `depot_${version}_${os}_${arch}.tar.gz`;
  return {
    fileName,
    url: `${b}/download/v${version}/${fileName}`,
    checksumsUrl: `${b}/download/v${version}/depot_${version}_checksums.txt`
  };
}
function depotLatestUrl(base) {
  return `${base.replace(/\/+$/, "")}/latest`;
}
function versionFromReleaseUrl(url) {
  return /\/tag\/v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\/?$/.exec(url)?.[1];
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
  InputError,
  parseList,
  parseKeyValues,
  parseCsvFields,
  parseBool,
  clip,
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
  parseChecksums,
  checksumFor,
  DEFAULT_BUILDX_RELEASES,
  nodeArch,
  buildxAssetUrls,
  latestChecksumsUrl,
  versionFromChecksums,
  DEFAULT_DEPOT_RELEASES,
  depotArch,
  depotAssetUrls,
  depotLatestUrl,
  versionFromReleaseUrl,
  readTarEntries
};
