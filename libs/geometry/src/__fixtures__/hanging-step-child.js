'use strict';
// Stands in for the STEP kernel child in tests: receives the request and never answers, like a kernel stuck
// in an endless loop. The parent's time cap must kill it.
process.on('message', () => {
  for (;;) {
    // spin
  }
});
