// Computes EdgeGrid Authorization headers with Akamai's own Node library
// (akamai-edgegrid) for requests read as a JSON array on stdin:
//   [{"clientToken", "clientSecret", "accessToken", "host", "method", "path",
//     "headers": {...}, "headersToSign": {...}, "body", "nonce", "timestamp"}]
// and writes the array of their Authorization values on stdout. No EdgeGrid
// server exists to test against; this is the reference instead.
'use strict';

const path = require('path');

// The package exports only its client class; the signing function it uses
// lives in src/auth.js.
const packageDir = path.dirname(require.resolve('akamai-edgegrid'));
const auth = require(path.join(packageDir, 'src', 'auth.js'));
const { MAX_BODY } = require(path.join(packageDir, 'src', 'helpers.js'));

function sign (c) {
  const request = {
    method: c.method,
    path: c.path,
    headers: { ...(c.headers || {}) },
    headersToSign: c.headersToSign || {},
  };
  if (c.body !== undefined) request.body = c.body;
  const host = c.host.includes('://') ? c.host : `https://${c.host}`;
  return auth.generateAuth(request, c.clientToken, c.clientSecret, c.accessToken, host,
    MAX_BODY, c.nonce, c.timestamp).headers.Authorization;
}

// Also a module: auth-verify-server.js signs received requests again with it.
module.exports = { sign };

if (require.main === module) {
  const chunks = [];
  process.stdin.on('data', (chunk) => chunks.push(chunk));
  process.stdin.on('end', () => {
    const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    process.stdout.write(JSON.stringify(cases.map(sign)) + '\n');
  });
}
