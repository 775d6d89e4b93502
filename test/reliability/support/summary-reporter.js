// A jest reporter for the reliability suite: clears the results file when the run starts, and at the end prints
// the summary table (scenario, faults injected, records expected, delivered, duplicated, lost) that the scenarios
// recorded with recordResult(), and writes it as Markdown to .reliability/summary.md.
"use strict";
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");

const RESULTS_FILE = join(__dirname, "..", "..", "..", ".reliability", "results.jsonl");
const SUMMARY_FILE = join(dirname(RESULTS_FILE), "summary.md");
const COLUMNS = ["scenario", "faults injected", "expected", "delivered", "duplicated", "lost", "notes"];

function readResults() {
  if (!existsSync(RESULTS_FILE)) return [];
  return readFileSync(RESULTS_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0));
}

const num = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : "–");

function rows(results) {
  return results.map((r) => [
    r.scenario,
    r.faults,
    num(r.expected),
    num(r.delivered),
    num(r.duplicated),
    num(r.lost),
    r.note ?? "",
  ]);
}

function textTable(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (cols) =>
    cols
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function markdownTable(header, body) {
  // one row per line: pipes escaped, line breaks and control characters as spaces
  const esc = (s) =>
    [...s.replace(/\|/g, "\\|")]
      .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? " " : c))
      .join("");
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => ([2, 3, 4, 5].includes(i) ? "---:" : "---")).join("|")}|`,
    ...body.map((b) => `| ${b.map(esc).join(" | ")} |`),
  ].join("\n");
}

class ReliabilitySummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunStart() {
    rmSync(RESULTS_FILE, { force: true });
  }

  onRunComplete(_contexts, aggregated) {
    const ran = aggregated.testResults.filter((t) =>
      t.testFilePath.includes(`${join("test", "reliability")}`),
    );
    if (ran.length === 0) return; // a run without reliability tests (npm test -- test/config)
    const results = readResults();
    const body = rows(results);
    const seconds = ((Date.now() - aggregated.startTime) / 1000).toFixed(1);
    const files = ran
      .map((t) => ({
        file: relative(this.rootDir, t.testFilePath),
        s: ((t.perfStats.end - t.perfStats.start) / 1000).toFixed(1),
        failed: t.numFailingTests,
      }))
      .sort((a, b) => b.s - a.s);
    const count = (key) => ran.reduce((n, t) => n + t[key], 0);
    const status = `${count("numPassingTests")} passed, ${count("numFailingTests")} failed, ${count("numPendingTests")} skipped; ${seconds} s in all`;
    process.stderr.write(
      `\nReliability summary (${status})\n\n${textTable(COLUMNS, body)}\n\nTime per file: ${files
        .map((f) => `${f.file} ${f.s} s${f.failed ? ` (${f.failed} failed)` : ""}`)
        .join(", ")}\n`,
    );
    mkdirSync(dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(
      SUMMARY_FILE,
      `Reliability summary (${status}, ${new Date().toISOString().slice(0, 10)})\n\n${markdownTable(COLUMNS, body)}\n`,
    );
  }
}

module.exports = ReliabilitySummaryReporter;
