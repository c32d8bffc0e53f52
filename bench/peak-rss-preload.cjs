// Preloaded with `node --require` when /usr/bin/time is missing: writes the process's peak RSS
// (kB, as GNU time's %M) to CLAIMLINT_BENCH_RSS_FILE when it exits, however it exits normally.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.CLAIMLINT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // The measurement is lost, the measured program is not disturbed.
    }
  });
}
