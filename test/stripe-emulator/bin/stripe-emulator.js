#!/usr/bin/env node
// Starts the Stripe emulator without a build step: compiles its TypeScript on the fly with @swc/core
// (already a dev dependency for jest). Usage: node test/stripe-emulator/bin/stripe-emulator.js --port 12111
'use strict';
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

require('../main.ts');
