// A real OpenID Connect provider (node-oidc-provider) for MijnDossier's tests and the demo.
//
// It plays the part of a DigiD broker: authorization code flow with PKCE, signed ID tokens with `acr`,
// RP-initiated logout. Its login page lists test accounts and lets the tester pick the level (`acr`)
// reached. It listens on 127.0.0.1 only and prints one JSON line {"issuer": ...} once it is ready.
//
// Environment: OIDC_PROVIDER_PORT (0 = a free port), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_ID_TOKEN_TTL_SECONDS, OIDC_REDIRECT_PATH, OIDC_POST_LOGOUT_PATH.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { URLSearchParams } from 'node:url';

import Provider from 'oidc-provider';

const EIDAS = 'http://eidas.europa.eu/LoA/';
export const ACR_VALUES = {
  basis: 'urn:etoegang:core:assurance-class:loa2',
  laag: `${EIDAS}low`,
  substantieel: `${EIDAS}substantial`,
  hoog: `${EIDAS}high`,
};

// username -> pseudonymous `sub`, as a broker would hand it out.
const ACCOUNTS = {
  marieke: 'digid-pseudoniem-marieke-0001',
  henk: 'digid-pseudoniem-henk-0002',
  onbekend: 'digid-pseudoniem-onbekend-9999',
};

const port = Number(process.env.OIDC_PROVIDER_PORT || 0);
const clientId = process.env.OIDC_CLIENT_ID || 'mijndossier-test';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'test-only-client-secret';
const idTokenTtl = Number(process.env.OIDC_ID_TOKEN_TTL_SECONDS || 600);
const redirectPath = process.env.OIDC_REDIRECT_PATH || '/account/digid/terug/';
const postLogoutPath = process.env.OIDC_POST_LOGOUT_PATH || '/account/digid/uitgelogd/';

function isLoopbackUriWithPath(value, path) {
  try {
    const url = new URL(value);
    return ['127.0.0.1', 'localhost', 'testserver'].includes(url.hostname) && url.pathname === path && !url.hash;
  } catch {
    return false;
  }
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error = '') {
  const accountOptions = Object.keys(ACCOUNTS).map((name) => `<option value="${name}">${name}</option>`).join('');
  const acrOptions = Object.entries(ACR_VALUES)
    .map(([name, uri]) => `<option value="${name}"${name === 'substantieel' ? ' selected' : ''}>${name} (${uri})</option>`)
    .join('');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-DigiD: inloggen</title></head>
<body><main><h1>Test-DigiD (alleen voor tests en de demo)</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>Account <select name="account">${accountOptions}</select></label>
<label>Wachtwoord <input type="password" name="password" autocomplete="off"></label>
<label>Betrouwbaarheidsniveau <select name="level">${acrOptions}</select></label>
<button type="submit">Inloggen bij Test-DigiD</button>
</form></main></body></html>`;
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`http://127.0.0.1${redirectPath}`],
      post_logout_redirect_uris: [`http://127.0.0.1${postLogoutPath}`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    pkce: { required: () => true },
    acrValues: Object.values(ACR_VALUES),
    claims: { openid: ['sub'] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test-DigiD: uitloggen</title></head>
<body><main><h1>Uitloggen bij Test-DigiD</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen bij Test-DigiD</button></main></body></html>`;
        },
      },
    },
    ttl: { IdToken: () => idTokenTtl, AccessToken: () => 600, AuthorizationCode: () => 60, Interaction: () => 600, Session: () => 3600, Grant: () => 3600 },
    findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    // The portal is a first-party client of the broker: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid');
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;
  // The test server's port changes every run; the path must still match exactly.
  provider.Client.prototype.redirectUriAllowed = (value) => isLoopbackUriWithPath(value, redirectPath);
  provider.Client.prototype.postLogoutRedirectUriAllowed = (value) => isLoopbackUriWithPath(value, postLogoutPath);

  const providerCallback = provider.callback();
  server.on('request', async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!match) {
      providerCallback(req, res);
      return;
    }
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(loginPage(details.uid));
        return;
      }
      const form = await readForm(req);
      const account = form.get('account');
      const level = form.get('level');
      if (!ACCOUNTS[account] || !ACR_VALUES[level] || form.get('password') !== 'test') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(loginPage(details.uid, 'Onbekend account of verkeerd wachtwoord (het wachtwoord is "test").'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: ACCOUNTS[account], acr: ACR_VALUES[level] } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`interaction error: ${error.message}`);
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer, client_id: clientId })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
