// section.mjs — replace (or add) one "## NAME" section of bench/results/latest.md,
// keeping the others: what server.mjs and ingest.mjs write after bench.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// SECTION is Markdown starting with "## NAME".
export function writeSection(file, section) {
  const head = section.split('\n')[0];
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = text.indexOf(`\n${head}\n`);
  if (at >= 0) {
    const next = text.indexOf('\n## ', at + 1);
    text = text.slice(0, at + 1) + section.replace(/\n*$/, '\n') + (next >= 0 ? text.slice(next) : '');
  } else {
    text = `${text.replace(/\n*$/, '\n\n')}${section}`;
  }
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
