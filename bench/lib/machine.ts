import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";

/** The machine and the versions a result was measured with. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly kernel: string;
  readonly node: string;
  readonly versions: Record<string, string>;
}

function pkgVersion(root: string, name: string): string {
  const file = join(root, "node_modules", name, "package.json");
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version
    : "not installed";
}

/** Describes this machine and the versions under test. */
export function describeMachine(root: string): Machine {
  let os = "unknown";
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (m) os = m[1] as string;
  } catch {
    // not Linux
  }
  // the peer clients live in bench/node_modules (`npm ci --prefix bench`), not in the project's own
  const peers = join(root, "bench");
  const own = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os,
    kernel: release(),
    node: process.version,
    versions: {
      [own.name]: own.version,
      "@elastic/elasticsearch": pkgVersion(peers, "@elastic/elasticsearch"),
      "@elastic/transport": pkgVersion(peers, "@elastic/transport"),
      "@datadog/datadog-api-client": pkgVersion(peers, "@datadog/datadog-api-client"),
      got: pkgVersion(root, "got"),
    },
  };
}

/** The 1-minute load average, rounded: the machine may be shared. */
export function load1(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}
