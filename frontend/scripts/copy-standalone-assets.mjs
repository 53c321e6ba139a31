// `next build` with `output: "standalone"` leaves the static assets out of the standalone
// server's folder; copy them in so `node .next/standalone/server.js` serves them.
import { cpSync, existsSync } from "node:fs";

const standalone = ".next/standalone";
if (!existsSync(standalone)) {
  console.error("postbuild: .next/standalone is missing; is `output: \"standalone\"` set?");
  process.exit(1);
}
cpSync(".next/static", `${standalone}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${standalone}/public`, { recursive: true });
