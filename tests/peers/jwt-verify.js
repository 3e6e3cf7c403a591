// Verifies JSON Web Tokens with the npm "jose" library, independently of the
// C code that made them.
//
// stdin: a JSON array of cases
//   { "token": "…", "alg": "RS256",
//     "publicKeyFile": "pub.pem"   (SPKI PEM, for RS/PS/ES)
//     | "secretBase64": "…",       (for HS)
//     "issuer": "…", "audience": "…", "requiredClaims": ["exp", …],
//     "currentDate": 1700000000 }  (optional, seconds)
// stdout: a JSON array of results, one per case, in order
//   { "ok": true, "header": {…}, "payload": {…} } or { "ok": false, "code": "…", "message": "…" }
'use strict';

const fs = require('fs');
const { pathToFileURL } = require('url');

async function loadJose () {
    // jose 6 is an ES module; resolve it through NODE_PATH like any other peer.
    return import(pathToFileURL(require.resolve('jose')).href);
}

async function verify (jose, c) {
    let key;

    if (c.alg.startsWith('HS')) {
        key = new Uint8Array(Buffer.from(c.secretBase64, 'base64'));
    }
    else {
        key = await jose.importSPKI(fs.readFileSync(c.publicKeyFile, 'utf8'), c.alg);
    }

    const options = { algorithms: [c.alg] };

    if (c.issuer !== undefined) { options.issuer = c.issuer; }
    if (c.audience !== undefined) { options.audience = c.audience; }
    if (c.requiredClaims !== undefined) { options.requiredClaims = c.requiredClaims; }
    if (c.currentDate !== undefined) { options.currentDate = new Date(c.currentDate * 1000); }

    const result = await jose.jwtVerify(c.token, key, options);

    return { ok: true, header: result.protectedHeader, payload: result.payload };
}

async function main () {
    const jose = await loadJose();
    const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
    const results = [];

    for (const c of cases) {
        try {
            results.push(await verify(jose, c));
        }
        catch (err) {
            results.push({ ok: false, code: err.code || err.name, message: err.message });
        }
    }
    process.stdout.write(JSON.stringify(results) + '\n');
}

// Also a module: auth-verify-server.js checks tokens with the same code.
module.exports = { loadJose, verify };

if (require.main === module) {
    main().catch((err) => {
        process.stderr.write(String(err && err.stack || err) + '\n');
        process.exit(2);
    });
}
