// Helpers shared by the package tests (not a test file itself: node --test runs *.test.mjs).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

/**
 * `npm pack`s PKG_DIR and installs the tarball offline into a new project made under PARENT
 * (so that the project also resolves what PARENT's node_modules holds, e.g. the @codemirror
 * peers). Returns the project's directory and `npm pack --json`'s entry for the tarball.
 */
export function packAndInstall(pkgDir, parent, prefix) {
  fs.mkdirSync(parent, { recursive: true });
  const project = fs.mkdtempSync(path.join(parent, prefix));
  const json = execFileSync("npm", ["pack", pkgDir, "--pack-destination", project, "--json", "--silent"], {
    encoding: "utf8",
  });
  const [packed] = JSON.parse(json);
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2),
  );
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", `./${packed.filename}`],
    { cwd: project, stdio: ["ignore", "ignore", "inherit"] },
  );
  return { project, packed };
}

/** launchPersistentContext options for the system's headless Chromium (see TEAM.md). */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

/** Serves DIR's files on 127.0.0.1 (a free port); resolves to the listening http.Server. */
export async function serveStatic(dir) {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
