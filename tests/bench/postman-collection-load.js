#!/usr/bin/env node
// Loads a collection with Postman's own SDK (postman-collection), the way
// Postman's tools read a file: read, JSON.parse, new Collection(json).
//
//   node postman-collection-load.js FILE
//
// Prints the number of requests and the elapsed milliseconds inside node
// (the benchmark's wall time, measured outside, adds node's start-up).
'use strict';

const fs = require('fs');
const { Collection } = require('postman-collection');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: postman-collection-load.js FILE\n');
  process.exit(2);
}

const start = process.hrtime.bigint();
const collection = new Collection(JSON.parse(fs.readFileSync(file, 'utf8')));
const elapsed = Number(process.hrtime.bigint() - start) / 1e6;

// Walking the items proves the whole tree was built, and is not timed.
let requests = 0;
collection.forEachItem(() => { requests++; });
process.stdout.write(`requests: ${requests}\nelapsed_ms: ${elapsed.toFixed(1)}\n`);
