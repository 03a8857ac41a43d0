// Encode SCORM suspend data with the SCO's own code (hooks/course/exports/static/sco.js) and print
// the results as JSON. Input on stdin: [{"version": "...", "submitted": true, "types": [...],
// "answers": [...]}, ...]. Output: [{"data": "...", "length": n, "decoded": {...}}, ...].
"use strict";
const path = require("path");
const sco = require(path.join(__dirname, "..", "..", "hooks", "course", "exports", "static", "sco.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const cases = JSON.parse(input);
  const out = cases.map((c) => {
    const data = sco.encode({ version: c.version, submitted: c.submitted, answers: c.answers }, c.types);
    return { data, length: data.length, limit: sco.LIMIT, decoded: sco.decode(data, c.version) };
  });
  process.stdout.write(JSON.stringify(out));
});
