// Fails when the committed generated files differ from what the schema and the operations
// produce now: regenerate into a temporary folder and compare file by file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const temp = mkdtempSync(path.join(os.tmpdir(), "tapestry-codegen-"));
try {
  const run = spawnSync(process.execPath, ["scripts/codegen.mjs"], {
    stdio: "inherit",
    env: { ...process.env, CODEGEN_OUT: temp },
  });
  if (run.status !== 0) {
    console.error("codegen:check: GraphQL Code Generator failed.");
    process.exit(run.status ?? 1);
  }
  const generated = [
    "persisted-documents.json",
    ...readdirSync(path.join(temp, "src/gql")).map((name) => `src/gql/${name}`),
  ];
  const committed = existsSync("src/gql") ? readdirSync("src/gql").map((name) => `src/gql/${name}`) : [];
  const stale = [];
  for (const file of generated) {
    const fresh = readFileSync(path.join(temp, file), "utf8");
    const current = existsSync(file) ? readFileSync(file, "utf8") : null;
    if (fresh !== current) stale.push(file);
  }
  for (const file of committed) {
    if (!generated.includes(file)) stale.push(`${file} (no longer generated)`);
  }
  if (stale.length) {
    console.error(
      `codegen:check: generated files are stale, run \`npm run codegen\` and commit them:\n  ${stale.join("\n  ")}`,
    );
    process.exit(1);
  }
  console.log("codegen:check: generated files are up to date.");
} finally {
  rmSync(temp, { recursive: true, force: true });
}
