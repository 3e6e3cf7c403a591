'use strict';

// An OpenID provider for Tessera's peer tests, on 127.0.0.1: oidc-provider
// 9.13.3 (a certified OpenID Connect implementation) with one confidential
// client and one account.
//
// Usage: node oidc-server.js
// On start it gets two access tokens from itself, over HTTP, the way a client
// would:
//   - a user token: authorization code flow with PKCE S256, signing in and
//     consenting through the provider's own devInteractions forms (scope
//     "openid profile", so /me, the userinfo endpoint, accepts it);
//   - a client token: the client_credentials grant (scope "api").
// Then it prints one JSON line:
//   {"port", "issuer", "clientId", "clientSecret", "account",
//    "accessToken", "clientToken"}
// and serves until SIGTERM or until its standard input closes (the test that
// started it is gone).
//
// Besides the provider's endpoints (/me, /token/introspection, ...), GET
// /resource is an API that takes the client token as a Bearer token and checks
// it with the provider's own token store: 200 "resource for <client>" or 401.
//
// Access tokens in the access_token query parameter are accepted
// (acceptQueryParamAccessTokens), for OAuth 2.0's "add token to query".

const crypto = require('crypto');
const http = require('http');
const { pathToFileURL } = require('url');

// stdout carries the one line the test reads; oidc-provider's notices go
// to stderr with the rest of its chatter.
console.info = console.log = (...args) => process.stderr.write(args.join(' ') + '\n');

const CLIENT_ID = 'tessera-peer';
const CLIENT_SECRET = crypto.randomBytes(24).toString('base64url');
const ACCOUNT = 'alice';

function base64url (buffer) {
    return Buffer.from(buffer).toString('base64url');
}

// A tiny cookie jar: oidc-provider keeps the interaction in cookies.
class Jar {
    constructor () {
        this.cookies = new Map();
    }

    take (response) {
        for (const line of response.headers.getSetCookie()) {
            const [pair] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) {
                this.cookies.delete(name);
            }
            else {
                this.cookies.set(name, value);
            }
        }
    }

    header () {
        return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
}

async function request (jar, url, options = {}) {
    const headers = Object.assign({ Cookie: jar.header() }, options.headers || {});
    const response = await fetch(url, Object.assign({}, options, { headers, redirect: 'manual' }));
    jar.take(response);
    return response;
}

function fail (what, response, text) {
    throw new Error(`${what}: HTTP ${response.status} ${text}`);
}

// The authorization code flow with PKCE, as a browser and a person would do it.
async function userToken (issuer, redirectUri) {
    const jar = new Jar();
    const verifier = base64url(crypto.randomBytes(32));
    const challenge = base64url(crypto.createHash('sha256').update(verifier).digest());
    const state = base64url(crypto.randomBytes(8));
    const auth = new URL('/auth', issuer);
    auth.search = new URLSearchParams({
        client_id: CLIENT_ID, response_type: 'code', scope: 'openid profile',
        redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256',
    });

    let location = auth.href;
    for (let step = 0; step < 10; step++) {
        const url = new URL(location, issuer);
        if (url.href.startsWith(redirectUri)) {
            if (url.searchParams.get('state') !== state) throw new Error(`callback with wrong state: ${url}`);
            const code = url.searchParams.get('code');
            if (!code) throw new Error(`callback without a code: ${url}`);
            const response = await fetch(new URL('/token', issuer), {
                method: 'POST',
                headers: {
                    Authorization: 'Basic ' + Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'),
                    'Content-Type': 'application/x-www-form-urlencoded',
                },
                body: new URLSearchParams({
                    grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier,
                }),
            });
            const body = await response.json();
            if (!response.ok) fail('token request', response, JSON.stringify(body));
            return body.access_token;
        }

        let response;
        if (url.pathname.startsWith('/interaction/')) {
            // The provider's own sign-in or consent form: answer what it asks.
            const page = await request(jar, url);
            const html = await page.text();
            const prompt = /name="prompt" value="(\w+)"/.exec(html);
            if (!page.ok || !prompt) fail(`interaction page ${url.pathname}`, page, html);
            const form = prompt[1] === 'login'
                ? { prompt: 'login', login: ACCOUNT, password: 'any' }
                : { prompt: prompt[1] };
            response = await request(jar, url, {
                method: 'POST',
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams(form),
            });
        }
        else {
            response = await request(jar, url);
        }
        location = response.headers.get('location');
        if (!location) fail(`no redirect from ${url.pathname}`, response, await response.text());
    }
    throw new Error('the authorization flow did not reach the callback');
}

async function clientToken (issuer) {
    const response = await fetch(new URL('/token', issuer), {
        method: 'POST',
        headers: {
            Authorization: 'Basic ' + Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64'),
            'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
    });
    const body = await response.json();
    if (!response.ok) fail('client_credentials request', response, JSON.stringify(body));
    return body.access_token;
}

// GET /resource: an API protected by client_credentials tokens.
async function resource (provider, req, res) {
    const match = /^Bearer ([^ ]+)$/.exec(req.headers.authorization || '');
    const token = match ? await provider.ClientCredentials.find(match[1]) : undefined;
    if (!token || token.isExpired) {
        res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer error="invalid_token"' });
        res.end(match ? 'refused: unknown or expired token\n' : 'refused: no Bearer token\n');
        return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`resource for ${token.clientId}\n`);
}

async function main () {
    // oidc-provider is an ES module: resolve it through NODE_PATH like the other peers.
    const { default: Provider } = await import(pathToFileURL(require.resolve('oidc-provider')).href);
    const server = http.createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = server.address().port;
    const issuer = `http://127.0.0.1:${port}`;
    const redirectUri = `${issuer}/callback`;

    const provider = new Provider(issuer, {
        clients: [{
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code', 'client_credentials'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
        }],
        scopes: ['openid', 'profile', 'api'],
        claims: { openid: ['sub'], profile: ['name'] },
        async findAccount (ctx, id) {
            if (id !== ACCOUNT) return undefined;
            return { accountId: id, claims: async () => ({ sub: id, name: 'Alice Tessera' }) };
        },
        features: {
            devInteractions: { enabled: true },
            clientCredentials: { enabled: true },
            introspection: { enabled: true },
        },
        acceptQueryParamAccessTokens: true,
        ttl: {
            AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 3600, Grant: 3600,
            IdToken: 3600, Interaction: 600, Session: 3600,
        },
        cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    });
    provider.on('server_error', (ctx, err) => process.stderr.write(`oidc-server: ${err.stack}\n`));

    const callback = provider.callback();
    server.on('request', (req, res) => {
        if (req.method === 'GET' && req.url === '/resource') {
            resource(provider, req, res).catch((err) => {
                res.writeHead(500);
                res.end(String(err));
            });
            return;
        }
        callback(req, res);
    });

    const accessToken = await userToken(issuer, redirectUri);
    const clientTok = await clientToken(issuer);
    process.stdout.write(JSON.stringify({
        port, issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, account: ACCOUNT,
        accessToken, clientToken: clientTok,
    }) + '\n');
}

process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

main().catch((err) => {
    process.stderr.write(`oidc-server: ${err && err.stack || err}\n`);
    process.exit(2);
});
