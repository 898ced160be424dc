/**
 * `/api/docs`: Swagger UI from the installed swagger-ui-dist package (no CDN).
 * The document is generated for the caller, so the page first asks for an
 * access token (or signs in through /api/v1/auth/login) and fetches
 * /api/v1/openapi.json with it; the token lives in the tab's sessionStorage.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>UMS REST API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<style>body{margin:0;font-family:sans-serif}#signin{padding:12px 20px;background:#f4f4f4;display:flex;gap:8px;align-items:center;flex-wrap:wrap}#signin label{display:flex;gap:4px;align-items:center}</style>
</head><body>
<form id="signin"><strong>UMS API</strong>
<label>E-mail <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<label>Organization (optional) <input name="organization"></label>
<button type="submit">Sign in</button> <span id="status" role="status"></span></form>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

const INIT = `(function () {
  var status = document.getElementById('status');
  function load() {
    var token = sessionStorage.getItem('ums.api.token');
    window.ui = SwaggerUIBundle({
      url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
      requestInterceptor: function (req) { if (token) req.headers.Authorization = 'Bearer ' + token; return req; }
    });
    status.textContent = token ? 'Signed in: the document shows what you may use.' : 'Sign in to see the operations you may use.';
  }
  document.getElementById('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    var f = new FormData(e.target), body = { email: f.get('email'), password: f.get('password') };
    if (f.get('organization')) body.organization = f.get('organization');
    fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (x) { if (!x.ok) { status.textContent = x.j.detail || 'Sign-in failed'; return; } sessionStorage.setItem('ums.api.token', x.j.access_token); load(); });
  });
  load();
})();`;

export function docsRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => res.type('html').send(PAGE));
  router.get('/init.js', (_req, res) => res.type('application/javascript').send(INIT));
  router.use('/assets', express.static(SWAGGER_DIR, { index: false, fallthrough: false }));
  return router;
}
