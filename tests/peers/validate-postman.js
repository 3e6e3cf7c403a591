#!/usr/bin/env node
// Validates Postman collection files against the published draft-07 schema of
// format v2.1.0, with ajv.
//
//   node validate-postman.js FILE…
//
// Prints every error as "FILE: /json/pointer: message" and exits 1 when any
// file is invalid, 2 when a file or the schema cannot be read.
//
// The schema is looked up in $TESS_POSTMAN_SCHEMA_DIR, else
// $TESS_SHARED_DIR/vectors/postman/schema, else ../../../shared/… from here.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

// The published schema files carry `//` line comments, which JSON.parse
// rejects. Strip them outside strings only: URLs inside strings have `//` too.
function stripLineComments(text) {
  let out = '';
  let inString = false;

  for (let i = 0; i < text.length; i++) {
    const c = text[i];

    if (inString) {
      out += c;
      if (c === '\\' && i + 1 < text.length)
        out += text[++i];
      else if (c === '"')
        inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n')
        i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

function readSchemaFile(file) {
  try {
    return JSON.parse(stripLineComments(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    throw new Error(`schema file ${file}: ${e.message}`);
  }
}

function schemaDir() {
  if (process.env.TESS_POSTMAN_SCHEMA_DIR)
    return process.env.TESS_POSTMAN_SCHEMA_DIR;
  const shared = process.env.TESS_SHARED_DIR ||
    path.join(__dirname, '..', '..', '..', 'shared');
  return path.join(shared, 'vectors', 'postman', 'schema');
}

// collection.json refers to "#/definitions/<name>", and each file of
// collection/ declares "$id": "#/definitions/<name>": the schema at that
// pointer of the root. So each file goes exactly there, and every $ref then
// resolves inside one document, whatever the root's own $id is.
function compileCollectionSchema(dir) {
  const root = readSchemaFile(path.join(dir, 'collection.json'));
  const partsDir = path.join(dir, 'collection');
  const prefix = '#/definitions/';

  root.definitions = root.definitions || {};
  for (const name of fs.readdirSync(partsDir).sort()) {
    if (!name.endsWith('.json'))
      continue;
    const file = path.join(partsDir, name);
    const part = readSchemaFile(file);
    const id = part.$id;

    if (typeof id !== 'string' || !id.startsWith(prefix))
      throw new Error(`schema file ${file}: $id “${id}” is not ${prefix}NAME`);
    // Kept, these would make ajv treat each part as a separate resource.
    delete part.$id;
    delete part.$schema;
    root.definitions[id.slice(prefix.length)] = part;
  }

  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(root);
}

function describeError(err) {
  const where = err.instancePath === '' ? '/' : err.instancePath;
  let detail = err.message;

  if (err.keyword === 'additionalProperties')
    detail += ` (“${err.params.additionalProperty}”)`;
  else if (err.keyword === 'enum')
    detail += ` (${err.params.allowedValues.map(v => JSON.stringify(v)).join(', ')})`;
  return `${where}: ${detail}`;
}

function main(argv) {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help') {
    process.stderr.write('usage: validate-postman.js FILE…\n');
    return 2;
  }

  let validate;
  try {
    validate = compileCollectionSchema(schemaDir());
  } catch (e) {
    process.stderr.write(`validate-postman: ${e.message}\n`);
    return 2;
  }

  let status = 0;
  for (const file of argv) {
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      process.stdout.write(`${file}: ${e.message}\n`);
      status = Math.max(status, e instanceof SyntaxError ? 1 : 2);
      continue;
    }
    if (validate(doc)) {
      process.stdout.write(`${file}: valid\n`);
      continue;
    }
    for (const err of validate.errors)
      process.stdout.write(`${file}: ${describeError(err)}\n`);
    status = Math.max(status, 1);
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
