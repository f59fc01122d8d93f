'use strict';
// Worker-thread entry: runs the schedule solver (up to its time limit of pure CPU) off the caller's event
// loop, on the scheduling library from dist/ or, in tests, from the TypeScript sources.
const path = require('node:path');
const { loadLibrary, serveTasks } = require('../../../worker-pool/src/thread-entry.js');

const scheduling = loadLibrary(path.join(__dirname, '..'));

serveTasks((task) => scheduling.solveSchedule(task.problem, task.options));
