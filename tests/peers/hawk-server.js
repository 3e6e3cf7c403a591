'use strict';

// Hawk verifier for Tessera's peer tests, on 127.0.0.1: @hapi/hawk 8.0.0's own
// server.authenticate() checks the header MAC; paths under /payload/ also have
// the body checked against the signed payload hash.
//
// Usage: node hawk-server.js [--now SECONDS] ID:ALGORITHM:KEY...
// With --now the server's clock is set to SECONDS, so that fixed timestamps
// (published vectors) can be replayed. Prints the port, serves until SIGTERM or
// until its standard input closes (the test that started it is gone).
// Answers 200 "verified <id>" with a Server-Authorization header, or 401 with
// the reason.

const Http = require('http');
const Hawk = require('@hapi/hawk');

const args = process.argv.slice(2);
let localtimeOffsetMsec = 0;
if (args[0] === '--now') {
    localtimeOffsetMsec = Number(args[1]) * 1000 - Date.now();
    args.splice(0, 2);
}

const users = new Map();
for (const arg of args) {
    const [id, algorithm, ...key] = arg.split(':');
    users.set(id, { id, algorithm, key: key.join(':'), user: 'tessera' });
}

const credentialsFunc = function (id) {

    return users.get(id) || null;
};

// Hawk leaves replay protection to the server: refuse a nonce seen before.
const seen = new Set();
const nonceFunc = function (nonceKey, nonce, ts) {

    const entry = `${nonceKey}:${nonce}:${ts}`;
    if (seen.has(entry)) {
        throw new Error('Replayed nonce');
    }

    seen.add(entry);
};

const answer = function (res, status, text, headers = {}) {

    res.writeHead(status, Object.assign({ 'Content-Type': 'text/plain' }, headers));
    res.end(text);
};

const handler = function (req, res) {

    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {

        const payload = Buffer.concat(chunks).toString('utf8');
        const options = { localtimeOffsetMsec, nonceFunc };
        if (req.url.startsWith('/payload/')) {
            options.payload = payload;
        }

        try {
            const { credentials, artifacts } = await Hawk.server.authenticate(req, credentialsFunc, options);
            const text = `verified ${credentials.id}\n`;
            const header = Hawk.server.header(credentials, artifacts, { payload: text, contentType: 'text/plain' });
            answer(res, 200, text, { 'Server-Authorization': header });
        }
        catch (err) {
            const headers = err.output && err.output.headers ? err.output.headers : {};
            answer(res, 401, `refused: ${err.message}\n`, headers);
        }
    });
};

const server = Http.createServer(handler);
server.listen(0, '127.0.0.1', () => {

    process.stdout.write(`${server.address().port}\n`);
});

process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
