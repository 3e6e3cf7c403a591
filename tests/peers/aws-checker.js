// An HTTP server on 127.0.0.1 that checks AWS Signature Version 4 the way an
// AWS service does: it signs each incoming request again with AWS's own signer
// (@smithy/signature-v4) and the credentials it knows, and answers 200 when the
// signatures agree, 403 (with the reason) when they do not.
//
// Credentials come from the environment as JSON:
//   TESS_AWS_CREDENTIALS='[{"accessKeyId": "...", "secretAccessKey": "...", "sessionToken": "..."}]'
// A key with a session token (temporary credentials) must present it.
// It listens on a free port and prints that port on stdout; it exits when its
// stdin closes, so it never outlives the test that started it.
'use strict';

const http = require('http');
const crypto = require('crypto');
const { SignatureV4 } = require('@smithy/signature-v4');
const { HttpRequest } = require('@smithy/protocol-http');
const { Sha256 } = require('@aws-crypto/sha256-js');

const MAX_SKEW_MS = 15 * 60 * 1000;
const AUTH_PARAMS = new Set(['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires',
  'X-Amz-SignedHeaders', 'X-Amz-Security-Token', 'X-Amz-Signature']);

const known = JSON.parse(process.env.TESS_AWS_CREDENTIALS || '[]');

class Refusal extends Error {
  constructor (status, message) {
    super(message);
    this.status = status;
  }
}

function refuse (message, status = 403) {
  throw new Refusal(status, message);
}

function escapeUri (text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function decode (text) {
  try {
    return decodeURIComponent(text);
  } catch (e) {
    refuse(`malformed escape in ‘${text}’`, 400);
  }
}

// Query pairs as the client wrote them on the wire, decoded, duplicates kept.
function parseQuery (raw) {
  return raw.split('&').filter((p) => p.length > 0).map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
  });
}

function toQueryObject (pairs) {
  const query = {};
  for (const [name, value] of pairs) {
    if (!(name in query)) query[name] = value;
    else if (Array.isArray(query[name])) query[name].push(value);
    else query[name] = [query[name], value];
  }
  return query;
}

// Repeated headers are joined with commas, in order, as SigV4 canonicalises them.
function collectHeaders (rawHeaders) {
  const headers = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    headers[name] = name in headers ? `${headers[name]},${rawHeaders[i + 1]}` : rawHeaders[i + 1];
  }
  return headers;
}

function parseAmzDate (text) {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(text || '');
  if (!m) refuse(`X-Amz-Date ‘${text}’ is not in the form 20150830T123600Z`, 400);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

function lookupCredentials (credential, amzDate) {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') refuse(`malformed credential scope ‘${credential}’`, 400);
  const [accessKeyId, date, region, service] = parts;
  const creds = known.find((c) => c.accessKeyId === accessKeyId);
  if (!creds) refuse(`unknown access key ‘${accessKeyId}’`);
  if (date !== amzDate.slice(0, 8)) refuse(`credential date ${date} is not the date of ${amzDate}`);
  return { creds, region, service };
}

function checkToken (creds, token) {
  if (creds.sessionToken && token === undefined) refuse('temporary credentials need X-Amz-Security-Token');
  if (token !== undefined && token !== creds.sessionToken) refuse('X-Amz-Security-Token does not match the credentials');
}

// S3 signs the object key encoded once, however the client escaped it; other
// services sign the path as it came (smithy encodes it once more).
function signerFor (creds, region, service, withToken) {
  return new SignatureV4({
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: withToken ? creds.sessionToken : undefined,
    },
    region,
    service,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  });
}

function pathFor (service, rawPath) {
  return service === 's3' ? rawPath.split('/').map((s) => escapeUri(decode(s))).join('/') : rawPath;
}

function signedHeadersOf (list, headers) {
  const names = list.split(';');
  if (!names.includes('host')) refuse('the host header is not signed');
  const picked = {};
  for (const name of names) {
    if (!(name in headers)) refuse(`signed header ‘${name}’ is not in the request`);
    picked[name] = headers[name];
  }
  return { names, picked };
}

async function checkHeaderVariant (req, parts, headers, body) {
  const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/
    .exec(headers.authorization || '');
  if (!m) refuse('no AWS4-HMAC-SHA256 Authorization header');
  const amzDate = headers['x-amz-date'];
  const signingDate = parseAmzDate(amzDate);
  if (Math.abs(Date.now() - signingDate.getTime()) > MAX_SKEW_MS) refuse(`request time ${amzDate} is too far from now`);
  const { creds, region, service } = lookupCredentials(m[1], amzDate);
  const { names, picked } = signedHeadersOf(m[2], headers);
  const token = headers['x-amz-security-token'];
  checkToken(creds, token);
  const hash = headers['x-amz-content-sha256'];
  if (hash && hash !== 'UNSIGNED-PAYLOAD' && hash !== crypto.createHash('sha256').update(body).digest('hex')) {
    refuse('x-amz-content-sha256 is not the hash of the body', 400);
  }

  const request = new HttpRequest({
    method: req.method, protocol: 'http:', hostname: '127.0.0.1',
    path: pathFor(service, parts.path), query: toQueryObject(parts.query), headers: picked, body,
  });
  const signer = signerFor(creds, region, service, names.includes('x-amz-security-token'));
  const expected = await signer.sign(request, { signingDate, signableHeaders: new Set(names) });
  if (expected.headers.authorization !== headers.authorization) {
    refuse(`signature mismatch: expected ‘${expected.headers.authorization}’`);
  }
}

async function checkQueryVariant (req, parts, headers, body) {
  const auth = {};
  const rest = [];
  for (const [name, value] of parts.query) {
    if (AUTH_PARAMS.has(name)) auth[name] = value;
    else rest.push([name, value]);
  }
  if (auth['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256') refuse('X-Amz-Algorithm is not AWS4-HMAC-SHA256');
  const signingDate = parseAmzDate(auth['X-Amz-Date']);
  const expiresIn = Number(auth['X-Amz-Expires']);
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 604800) refuse('X-Amz-Expires is not 1 to 604800', 400);
  if (signingDate.getTime() - Date.now() > MAX_SKEW_MS) refuse('the presigned URL is dated in the future');
  if (signingDate.getTime() + expiresIn * 1000 < Date.now()) refuse('the presigned URL has expired');
  const { creds, region, service } = lookupCredentials(auth['X-Amz-Credential'] || '', auth['X-Amz-Date']);
  const { names, picked } = signedHeadersOf(auth['X-Amz-SignedHeaders'] || '', headers);
  checkToken(creds, auth['X-Amz-Security-Token']);

  // What AWS's S3 presigner does: the payload is not signed.
  const unsigned = new Set();
  if (service === 's3') {
    picked['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    unsigned.add('x-amz-content-sha256');
  }
  const request = new HttpRequest({
    method: req.method, protocol: 'http:', hostname: '127.0.0.1',
    path: pathFor(service, parts.path), query: toQueryObject(rest), headers: picked, body,
  });
  const options = {
    signingDate, expiresIn, signableHeaders: new Set(names), unsignableHeaders: unsigned,
    unhoistableHeaders: new Set([...names, ...unsigned].filter((n) => n.startsWith('x-amz-'))),
  };
  // A session token is normally signed; AWS IoT also takes one added after signing.
  const attempts = auth['X-Amz-Security-Token'] !== undefined ? [true, false] : [false];
  const expected = [];
  for (const withToken of attempts) {
    const signed = await signerFor(creds, region, service, withToken).presign(request, options);
    if (signed.query['X-Amz-Signature'] === auth['X-Amz-Signature'] &&
        signed.query['X-Amz-SignedHeaders'] === auth['X-Amz-SignedHeaders']) return;
    expected.push(signed.query['X-Amz-Signature']);
  }
  refuse(`signature mismatch: expected ${expected.join(' or ')}, got ${auth['X-Amz-Signature']}`);
}

async function check (req, body) {
  const q = req.url.indexOf('?');
  const parts = {
    path: q < 0 ? req.url : req.url.slice(0, q),
    query: parseQuery(q < 0 ? '' : req.url.slice(q + 1)),
  };
  const headers = collectHeaders(req.rawHeaders);
  if (parts.query.some(([name]) => name === 'X-Amz-Signature')) await checkQueryVariant(req, parts, headers, body);
  else await checkHeaderVariant(req, parts, headers, body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    check(req, Buffer.concat(chunks)).then(() => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('signature matches\n');
    }, (err) => {
      const status = err instanceof Refusal ? err.status : 500;
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(`${err.message}\n`);
    });
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
