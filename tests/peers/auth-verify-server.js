'use strict';

// A loopback HTTP server for auth types that have no real server one can run:
// JWT Bearer, ASAP and Akamai EdgeGrid. Each request is checked by the
// reference code the other peer tests use: "jose" (through jwt-verify.js) for
// tokens, and Akamai's akamai-edgegrid (through edgegrid-ref.js), which signs
// the received request again with the nonce and timestamp it carries.
//
// Usage: TESS_VERIFY_ROUTES='{"/jwt": {...}, ...}' node auth-verify-server.js
// Each route (an exact path) is one of
//   {"kind": "jwt", "alg", "secretBase64" | "publicKeyFile", "issuer", "audience",
//    "requiredClaims", "queryParamKey"}   (a token in "Authorization: Bearer",
//                                          or in the query parameter queryParamKey)
//   {"kind": "edgegrid", "clientToken", "clientSecret", "accessToken"}
// Answers 200 "verified <route>" or 401 with the reason. Prints its port, then
// serves until SIGTERM or until its standard input closes (the test that
// started it is gone).

const http = require('http');
const path = require('path');
const { loadJose, verify } = require(path.join(__dirname, 'jwt-verify.js'));
const edgegrid = require(path.join(__dirname, 'edgegrid-ref.js'));

const routes = JSON.parse(process.env.TESS_VERIFY_ROUTES || '{}');
// Akamai refuses requests whose timestamp is far from its clock.
const EDGEGRID_MAX_SKEW_MS = 5 * 60 * 1000;

function token (route, req, url) {
    if (route.queryParamKey && url.searchParams.has(route.queryParamKey)) {
        return url.searchParams.get(route.queryParamKey);
    }
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization || '');
    if (!match) throw new Error('no Bearer token');
    return match[1];
}

async function checkJwt (jose, route, req, url) {
    const result = await verify(jose, Object.assign({}, route, { token: token(route, req, url) }));
    return `verified ${result.header.alg} for ${result.payload.sub || result.payload.iss}`;
}

function edgegridTime (text) {
    const m = /^(\d{4})(\d\d)(\d\d)T(\d\d):(\d\d):(\d\d)\+0000$/.exec(text || '');
    if (!m) throw new Error(`timestamp ‘${text}’ is not in the form 20240101T12:00:00+0000`);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

function checkEdgegrid (route, req, body) {
    const header = req.headers.authorization || '';
    const m = /^EG1-HMAC-SHA256 client_token=([^;]*);access_token=([^;]*);timestamp=([^;]*);nonce=([^;]*);signature=(\S+)$/
        .exec(header);
    if (!m) throw new Error('no EG1-HMAC-SHA256 Authorization header');
    const [, clientToken, accessToken, timestamp, nonce] = m;
    if (clientToken !== route.clientToken || accessToken !== route.accessToken) throw new Error('unknown client or access token');
    if (Math.abs(Date.now() - edgegridTime(timestamp)) > EDGEGRID_MAX_SKEW_MS) throw new Error(`timestamp ${timestamp} is too far from now`);
    const expected = edgegrid.sign({
        clientToken, accessToken, clientSecret: route.clientSecret,
        host: `http://${req.headers.host}`, method: req.method, path: req.url,
        body: body.length > 0 ? body.toString('utf8') : undefined, nonce, timestamp,
    });
    if (expected !== header) throw new Error(`signature mismatch: expected ‘${expected}’`);
    return 'verified EdgeGrid';
}

async function main () {
    const jose = await loadJose();
    const server = http.createServer((req, res) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', async () => {
            const url = new URL(req.url, 'http://127.0.0.1');
            const route = routes[url.pathname];
            let status = 200;
            let text;
            try {
                if (!route) {
                    status = 404;
                    text = `no route ${url.pathname}`;
                }
                else if (route.kind === 'edgegrid') {
                    text = checkEdgegrid(route, req, Buffer.concat(chunks));
                }
                else {
                    text = await checkJwt(jose, route, req, url);
                }
            }
            catch (err) {
                status = 401;
                text = `refused: ${err.code ? err.code + ': ' : ''}${err.message}`;
            }
            res.writeHead(status, { 'Content-Type': 'text/plain' });
            res.end(`${text}\n`);
        });
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
}

process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

main().catch((err) => {
    process.stderr.write(`auth-verify-server: ${err && err.stack || err}\n`);
    process.exit(2);
});
