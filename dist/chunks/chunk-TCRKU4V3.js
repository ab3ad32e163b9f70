import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  DASH,
  basesFor,
  dockerLogout,
  escapeCell,
  escapeInline,
  escapeText,
  exportDeferredRecords,
  formatBytes,
  formatCount,
  formatDuration,
  inlineCode,
  loadState,
  manifestKnown,
  mediaTypeName,
  registryName,
  removeBuilder,
  renderChangesSummary,
  savedBuildx,
  setReportOutputs,
  setSignOutputs,
  shortDigest,
  sourceName,
  uploadBuildRecords
} from "./chunk-T35XZUKL.js";
import {
  processRunner
} from "./chunk-A4RQGTCT.js";
import {
  appendSummary,
  group,
  info,
  warning
} from "./chunk-2XNRSSTS.js";
import {
  messageOf
} from "./chunk-BD33GHV7.js";

// src/action/post.ts
import { rmSync } from "node:fs";

// src/report/summary.ts
function code(value) {
  return inlineCode(value, true) || DASH;
}
function sourceText(source) {
  if (source === "none") return "not available";
  const name2 = sourceName(source);
  return name2 ? `read from ${name2}` : escapeText(source);
}
function row(cells) {
  return `| ${cells.join(" | ")} |`;
}
var MAX_ERROR_LINES = 30;
function header(ctx) {
  const facts = [];
  const engine = escapeText(ctx.engine || "unknown");
  facts.push(`**Engine:** ${engine}${ctx.engineReason ? ` (${escapeText(ctx.engineReason)})` : ""}`);
  if (ctx.builder) {
    const driver = ctx.driver ? ` (${escapeText(ctx.driver)} driver)` : "";
    const made = ctx.builderReason ? `, made for this build: ${escapeText(ctx.builderReason)}` : "";
    facts.push(`**Builder:** ${inlineCode(ctx.builder)}${driver}${made}`);
  } else if (ctx.driver) facts.push(`**Driver:** ${escapeText(ctx.driver)}`);
  if (ctx.buildxVersion) facts.push(`**Buildx:** ${inlineCode(ctx.buildxVersion)}`);
  if (ctx.mode) facts.push(`**Mode:** ${escapeText(ctx.mode)}`);
  if (ctx.durationMs !== void 0 && ctx.durationMs > 0) facts.push(`**Duration:** ${formatDuration(ctx.durationMs)}`);
  const out = ["## Build image", "", facts.join(" \xB7 ")];
  if (ctx.error) {
    const lines = ctx.error.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
    const shown = lines.slice(0, MAX_ERROR_LINES).map(escapeText);
    if (lines.length > MAX_ERROR_LINES) shown.push(`\u2026 ${lines.length - MAX_ERROR_LINES} more lines in the log`);
    out.push("", "> [!CAUTION]", "> **The build failed.**", ">", `> ${shown.join("<br>") || "no error message"}`);
  }
  const warnings = (ctx.warnings ?? []).filter((w) => w.trim() !== "");
  if (warnings.length > 0) {
    out.push("", "> [!WARNING]", ...warnings.map((w) => `> - ${escapeText(w)}`));
  }
  return out;
}
function shownBases(report, p) {
  const out = [];
  for (const b of basesFor(report, p)) {
    const same = out.find((o) => o.name === b.name && o.digest === b.digest);
    if (!same) {
      out.push({ name: b.name, digest: b.digest, platform: b.platform, sources: [b.source] });
      continue;
    }
    if (!same.sources.includes(b.source)) same.sources.push(b.source);
    if (!same.platform) same.platform = b.platform;
  }
  return out;
}
function platformTable(report) {
  const out = [
    row(["Platform", "Manifest", "Size", "Layers", "Last layer", "Base image"]),
    row(["---", "---", "---:", "---:", "---", "---"])
  ];
  for (const p of report.platforms) {
    const bases = shownBases(report, p);
    out.push(
      row([
        code(p.platform),
        code(shortDigest(p.digest)),
        manifestKnown(p) ? formatBytes(p.size) : DASH,
        manifestKnown(p) ? String(p.layers.length) : DASH,
        code(shortDigest(p.lastLayerDigest)),
        bases.length > 0 ? bases.map((b) => code(b.name)).join("<br>") : DASH
      ])
    );
  }
  return out;
}
function otherBases(report) {
  return report.baseImages.filter((b) => !report.platforms.some((p) => basesFor(report, p).includes(b)));
}
function attestationSection(report) {
  const out = [
    "#### Attestations",
    "",
    "The entries with platform `unknown/unknown` in the image index are attestation manifests (build provenance, SBOM) that BuildKit stores next to the images. They are not images and cannot be run; each one describes the platform image listed under *Attests*.",
    "",
    row(["Manifest", "Attests", "Predicate types"]),
    row(["---", "---", "---"])
  ];
  for (const a of report.attestations) {
    out.push(
      row([
        code(shortDigest(a.digest)),
        attestsCell(a),
        a.predicateTypes.length > 0 ? a.predicateTypes.map((t) => code(t)).join("<br>") : DASH
      ])
    );
  }
  out.push("", "<details><summary>Attestation digests</summary>", "");
  for (const a of report.attestations) {
    out.push(
      `- ${inlineCode(a.digest) || DASH} attests ${inlineCode(a.attests) || DASH}${a.platform ? ` (${inlineCode(a.platform)})` : ""}, ${formatBytes(a.size)}`
    );
  }
  out.push("", "</details>");
  return out;
}
function attestsCell(a) {
  if (a.platform && a.attests) return `${code(a.platform)} (${code(shortDigest(a.attests))})`;
  if (a.platform) return code(a.platform);
  return code(shortDigest(a.attests));
}
function layersSection(report) {
  const total = report.platforms.reduce((n, p) => n + p.layers.length, 0);
  const out = [`<details><summary>Layers (${total})</summary>`];
  for (const p of report.platforms) {
    out.push("", `##### ${inlineCode(p.platform) || DASH}`, "");
    out.push(`- Manifest: ${inlineCode(p.digest) || DASH}`);
    if (manifestKnown(p)) out.push(`- Config: ${inlineCode(p.configDigest)}`);
    for (const b of shownBases(report, p)) out.push(`- Base image: ${baseLine(b)}`);
    out.push("");
    if (!manifestKnown(p)) {
      out.push("The manifest could not be read, so its layers are unknown.");
    } else if (p.layers.length === 0) {
      out.push("No layers.");
    } else {
      out.push(row(["#", "Digest", "Size", "Media type"]), row(["---:", "---", "---:", "---"]));
      p.layers.forEach((l, i) => {
        out.push(row([String(i + 1), code(l.digest), `${formatBytes(l.size)} (${formatCount(l.size)} bytes)`, code(l.mediaType)]));
      });
    }
  }
  out.push("", "</details>");
  return out;
}
function baseLine(b) {
  const ref = b.digest && !b.name.includes("@") ? `${b.name}@${b.digest}` : b.name;
  const facts = [b.platform ? `for ${inlineCode(b.platform)}` : "for all platforms", `from ${b.sources.map(escapeText).join(" and ")}`];
  return `${inlineCode(ref) || DASH} (${facts.join(", ")})`;
}
function reportSection(report) {
  const out = [`### ${escapeText(report.target) || "(unnamed target)"}`, ""];
  const facts = [];
  const tags = report.tags.map((t) => inlineCode(t)).filter((t) => t !== "");
  facts.push(`- **Tags:** ${tags.length > 0 ? tags.join(", ") : "none"}`);
  const kind = mediaTypeName(report.mediaType) ?? (report.mediaType ? inlineCode(report.mediaType) : "");
  const isIndex = /index|list/.test(report.mediaType);
  facts.push(`- **${isIndex ? "Index digest" : "Digest"}:** ${inlineCode(report.digest) || "unknown"}${kind ? ` (${kind})` : ""}`);
  const bytes = report.source === "none" ? "" : `, ${formatCount(report.bytesRead)} bytes of manifest JSON`;
  facts.push(`- **Metadata:** ${sourceText(report.source)}${bytes}`);
  const build = [];
  if (report.durationMs !== void 0) build.push(formatDuration(report.durationMs));
  if (report.steps) build.push(`${report.steps.cached}/${report.steps.total} steps cached`);
  if (build.length > 0) facts.push(`- **Build:** ${build.join(", ")}`);
  out.push(...facts, "");
  if (report.platforms.length === 0) {
    out.push("No manifest metadata was available for this image, so its platforms and layers are not listed.", "");
  } else {
    out.push(...platformTable(report), "");
    const others = otherBases(report);
    if (others.length > 0) {
      const list = others.map((b) => `${inlineCode(b.name) || DASH}${b.platform ? ` (${inlineCode(b.platform)})` : ""}`);
      out.push(`Other images the build used (earlier stages or another platform): ${list.join(", ")}`, "");
    }
  }
  if (report.attestations.length > 0) out.push(...attestationSection(report), "");
  if (report.notes.length > 0) {
    out.push("#### Notes", "", ...report.notes.map((n) => `- ${escapeText(n)}`), "");
  }
  if (report.platforms.length > 0) out.push(...layersSection(report), "");
  return out;
}
function renderSummary(reports, context) {
  const out = header(context);
  out.push("");
  if (reports.length === 0) {
    out.push(context.error ? "No image was reported." : "No images were reported.", "");
  }
  for (const r of reports) out.push(...reportSection(r));
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}
`;
}

// src/report/checks-summary.ts
var cell = (s) => escapeCell(s ?? "");
var name = (s, fallback = "") => inlineCode(s ?? "") || fallback && inlineCode(fallback);
var linkable = (url) => /^https?:\/\/[^\s()<>|\\`]+$/.test(url);
function renderWarningsSummary(all, heading = "Build checks") {
  const withAny = all.filter((t) => t.warnings.length > 0);
  if (withAny.length === 0) return "";
  const total = withAny.reduce((n, t) => n + t.warnings.length, 0);
  const lines = [`### ${heading}`, "", `${total} warning(s) found.`, ""];
  for (const t of withAny) {
    if (all.length > 1 || t.target !== "default") lines.push(`**${cell(t.target)}**`, "");
    lines.push("| rule | where | message |", "| --- | --- | --- |");
    for (const w of t.warnings) {
      const rule = w.url && linkable(w.url) ? `[${cell(w.rule)}](${w.url})` : cell(w.rule);
      const where = w.file ? inlineCode(`${w.file}${w.line ? `:${w.line}` : ""}`, true) : w.line ? `line ${w.line}` : "";
      lines.push(`| ${rule} | ${where} | ${cell(w.message)} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
function renderTargets(t) {
  const rows = (t.targets ?? []).map((x) => `| ${cell(x.name)}${x.default ? " (default)" : ""} | ${cell(x.base)} | ${cell(x.description)} |`);
  return rows.length > 0 ? ["| stage | base | description |", "| --- | --- | --- |", ...rows] : ["no build targets"];
}
function renderOutline(o) {
  const lines = [`target ${name(o.name, "default")}${o.description ? `: ${escapeInline(o.description)}` : ""}`, ""];
  const args = o.args ?? [];
  if (args.length > 0) {
    lines.push("| build arg | default | description |", "| --- | --- | --- |");
    for (const a of args) lines.push(`| ${cell(a.name)} | ${cell(a.value)} | ${cell(a.description)} |`);
    lines.push("");
  }
  const needs = [
    ...(o.secrets ?? []).map((x) => `secret ${name(x.name)}${x.required ? " (required)" : ""}`),
    ...(o.ssh ?? []).map((x) => `ssh ${name(x.name)}${x.required ? " (required)" : ""}`)
  ];
  if (needs.length > 0) lines.push(needs.map((n) => `- ${n}`).join("\n"));
  return lines;
}
function answers(call, result) {
  const r = result ?? {};
  if (r.target && typeof r.target === "object") return Object.entries(r.target).map(([target, v]) => ({ target, answer: v[call] }));
  return [{ target: "", answer: result }];
}
function renderChecksSummary(input) {
  const parts = [];
  const warnings = renderWarningsSummary(input.checkWarnings, input.call === "check" ? "Check (call: check)" : "Build checks");
  if (warnings) parts.push(warnings);
  else if (input.call === "check") parts.push("### Check (call: check)\n\nCheck complete, no warnings found.\n");
  if (input.call === "outline" || input.call === "targets") {
    let result;
    try {
      result = JSON.parse(input.callResult || "null");
    } catch {
      result = null;
    }
    const lines = [`### ${input.call === "outline" ? "Outline" : "Targets"} (call: ${input.call})`, ""];
    for (const { target, answer } of answers(input.call, result)) {
      if (target) lines.push(`**${cell(target)}**`, "");
      lines.push(...input.call === "outline" ? renderOutline(answer ?? {}) : renderTargets(answer ?? {}), "");
    }
    parts.push(lines.join("\n"));
  }
  return parts.join("\n");
}

// src/report/records-summary.ts
function renderRecordsSummary(input) {
  if (input.unsupported) {
    return `### Build records

Build record export needs buildx 0.23 or later (this buildx is ${escapeInline(input.unsupported)}): no \`.dockerbuild\` file was exported.
`;
  }
  if (input.exportError) return `### Build records

The build records could not be exported: ${escapeInline(input.exportError)}
`;
  if (input.files.length === 0) return "";
  const lines = ["### Build records", "", "| target | build ref | file |", "| --- | --- | --- |"];
  for (const f of input.files)
    lines.push(`| ${escapeCell(f.target)} | ${inlineCode(f.ref, true)} | ${escapeCell(f.path.split("/").pop() ?? "")} |`);
  lines.push("");
  if (input.artifact) {
    lines.push(
      `Uploaded as the artifact [${escapeInline(input.artifact.name)}](${encodeURI(input.artifact.url)}) (${formatBytes(input.artifact.size)}): open it in Docker Desktop's Builds view (\`docker buildx history import\`).`
    );
  } else if (input.uploadNote) {
    lines.push(`Not uploaded: ${escapeInline(input.uploadNote)}`);
  }
  lines.push("");
  return lines.join("\n");
}

// src/sign/summary.ts
function renderSigningSummary(signatures, signer) {
  if (signatures.length === 0) return "";
  const lines = [
    `### Signatures`,
    "",
    `Signed with ${escapeText(signer)}, by digest:`,
    "",
    "| target | what | reference |",
    "| --- | --- | --- |"
  ];
  for (const s of signatures) lines.push(`| ${escapeCell(s.target)} | ${s.kind} | ${inlineCode(s.ref, true)} |`);
  lines.push("", "Verify with:", "", "```", ...signatures.map((s) => s.verifyCommand), "```", "");
  return lines.join("\n");
}

// src/action/post.ts
async function run() {
  const state = loadState();
  if (!state) {
    info("main saved no state: nothing to report or clean up");
    return;
  }
  await exportDeferredRecords(state);
  await uploadBuildRecords(state);
  try {
    if (state.reports.length > 0) setReportOutputs(state.reports);
    setSignOutputs(state.signatures);
    if (state.summary && process.env["GITHUB_STEP_SUMMARY"]) {
      const md = renderSummary(state.reports, {
        engine: state.engine,
        engineReason: state.engineReason,
        builder: state.builder,
        driver: state.driver,
        ...state.builderReason ? { builderReason: state.builderReason } : {},
        buildxVersion: state.buildxVersion,
        durationMs: state.durationMs,
        ...state.error ? { error: state.error } : {}
      });
      appendSummary(md);
      const changes = renderChangesSummary(state.changes);
      if (changes) appendSummary(`
${changes}`);
      const checks = renderChecksSummary(state);
      if (checks) appendSummary(`
${checks}`);
      const records = renderRecordsSummary(state.records);
      if (records) appendSummary(`
${records}`);
      const signing = renderSigningSummary(state.signatures, state.signer);
      if (signing) appendSummary(`
${signing}`);
    }
  } catch (e) {
    warning(`could not write the summary: ${messageOf(e)}`);
  }
  if (state.builderCreated && state.builder) {
    if (state.keepBuilder) {
      info(`keeping builder ${state.builder} (keep-builder: true)`);
    } else {
      try {
        await group(`Remove builder ${state.builder}`, () => removeBuilder(savedBuildx(state), state.builder));
      } catch (e) {
        warning(`could not remove builder ${state.builder}: ${messageOf(e)}`);
      }
    }
  }
  for (const registry of new Set(state.loginRegistries)) {
    const name2 = registryName(registry);
    if (state.logout) {
      try {
        await dockerLogout(registry, processRunner, state.dockerCmd || void 0);
        info(`logged out of ${name2}`);
      } catch (e) {
        warning(`could not log out of ${name2}: ${messageOf(e)}`);
      }
    } else {
      info(`staying logged in to ${name2} (logout: false)`);
    }
  }
  if (state.tempDir) {
    try {
      rmSync(state.tempDir, { recursive: true, force: true });
    } catch (e) {
      warning(`could not remove ${state.tempDir}: ${messageOf(e)}`);
    }
  }
}

export {
  run
};
