// Parse GIFT files with the third-party parser gift-pegjs and print the questions as JSON.
// Usage: node tests/js/parse_gift.cjs FILE...   Output: {"FILE": [question, ...], ...}
// A syntax error prints {"error": ..., "file": ..., "line": ..., "column": ...} and exits 1.
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require(path.join(__dirname, "..", "..", "node_modules", "gift-pegjs"));

const out = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  try {
    out[file] = parse(text);
  } catch (e) {
    const where = e.location ? e.location.start : {};
    process.stdout.write(JSON.stringify({ error: e.message, file, line: where.line, column: where.column }));
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
