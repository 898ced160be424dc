/**
 * A JSON answer of the API written in one go: the body serialised once, its
 * length set, headers and body handed to the socket in one write.
 *
 * Why not `res.json`: express's send turns the text into a Buffer and hashes
 * it (SHA-1) for an ETag on every answer, so that a client sending
 * If-None-Match could get a 304 — per-request work for a list that no client
 * of this API revalidates (records carry their own ETag, their version). A
 * request that does ask (If-None-Match), or that accepts a compressed answer
 * (the app's compression wraps `res.send`), still goes through express's
 * send, so conditional requests and compression behave as before.
 */
import type { Request, Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(req: Request, res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  if (req.headers['if-none-match'] !== undefined || req.headers['accept-encoding'] !== undefined) {
    res.type('json').send(text);
    return;
  }
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  // A string with the headers not yet sent goes out in the same write as them (node's http).
  res.end(text);
}
