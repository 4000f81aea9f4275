#!/usr/bin/env node
// Prints the gzipped size of the built JavaScript and fails when the first screen needs more than the budget.
//
// "First screen" = the entry chunk (index.html's script and what it imports statically) plus the page that
// the first visit shows: Home (src/pages/Home.tsx) or, on the very first visit, Welcome. Each of those sums
// must stay within BUDGET_KB gzipped. Reads dist/.vite/manifest.json, so run `npm run build` first.
// Run: npm run size   (add --json for a machine-readable line)
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 60;
const FIRST_SCREENS = ['src/pages/Home.tsx', 'src/pages/Welcome.tsx'];

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(DIST, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`size: ${manifestPath} is missing: run "npm run build" first`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const gzipCache = new Map();
function gz(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length);
  return gzipCache.get(file);
}

/** The files a manifest entry loads before it runs: itself and its static imports, recursively. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(dep, files);
  return files;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (files) => [...files].reduce((total, file) => total + gz(file), 0);

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entry = closure(entryKey);
const entryCss = (manifest[entryKey].css ?? []).reduce((total, file) => total + gz(file), 0);

console.log('JavaScript, gzipped:');
const allJs = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js')).sort();
for (const file of allJs) console.log(`  ${kb(gz(file)).padStart(9)}  ${file}${entry.has(file) ? '  (entry)' : ''}`);
console.log(`entry chunk(s): ${kb(sum(entry))} JS, ${kb(entryCss)} CSS`);

let failed = false;
const report = { budgetKb: BUDGET_KB, entryBytes: sum(entry), cssBytes: entryCss, screens: {} };
for (const page of FIRST_SCREENS) {
  if (!manifest[page]) {
    console.error(`size: ${page} is not in the build`);
    failed = true;
    continue;
  }
  const files = closure(page, new Set(entry));
  const total = sum(files);
  report.screens[page] = total;
  const ok = total <= BUDGET_KB * 1024;
  failed ||= !ok;
  console.log(`first screen ${page}: ${kb(total)} of ${BUDGET_KB} KB ${ok ? 'ok' : 'OVER BUDGET'}`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
process.exit(failed ? 1 : 0);
