'use strict';
// Stands in for a STEP kernel that aborts (as a WASM trap or out-of-memory would): exits without answering.
process.on('message', () => process.exit(134));
