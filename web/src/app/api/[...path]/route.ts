// Same-origin gateway to the Go API: the browser only ever talks to this
// origin, and every /api/* request is forwarded, body streamed, to
// PARVIS_API_URL. Read at run time (a rewrite would be frozen at build
// time), so one build serves any deployment.
import type { NextRequest } from "next/server";
import { clientAddress, forwardingHeaders } from "@/lib/api/forwarding";

export const dynamic = "force-dynamic";

const apiBase = () => (process.env.PARVIS_API_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");

// Hop-by-hop headers, and those fetch computes itself.
const skip = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
  "transfer-encoding", "upgrade", "host", "content-length", "expect",
]);

let warned = false;

async function forward(request: NextRequest): Promise<Response> {
  const target = apiBase() + request.nextUrl.pathname + request.nextUrl.search;
  // The API believes X-Forwarded-For from this server only (its per-IP
  // limits count under it): what the browser sent is dropped, and the
  // address comes from the socket, through web/gateway/peer.cjs. Without
  // that module the client's address is unknown, and the gateway refuses
  // to guess rather than let every user share (or choose) one address.
  const client = clientAddress(request.headers);
  if (!client) {
    if (!warned) {
      warned = true;
      console.error("parvis gateway: start the web server with `node --require ./peer.cjs server.js` " +
        "(NODE_OPTIONS=--require=<web>/gateway/peer.cjs for next dev): the client's address is unknown");
    }
    return Response.json(
      { title: "Service Unavailable", status: 503, code: "unavailable", detail: "the gateway is misconfigured" },
      { status: 503, headers: { "content-type": "application/problem+json" } },
    );
  }
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!skip.has(key) && !forwardingHeaders.has(key)) headers.set(key, value);
  });
  headers.set("x-forwarded-for", client);
  // The API gzips JSON for clients that accept it, but fetch would only
  // inflate it here again: ask for it plain, and let the Next server
  // compress what it sends the browser (one compression, no double work;
  // content-encoding and content-length are never copied over).
  headers.set("accept-encoding", "identity");
  // The request's signal ends the upstream call when the browser goes away:
  // a closed tab releases its live stream (text/event-stream is streamed
  // through as it comes, and its Cache-Control: no-transform keeps the Next
  // server's compression off it).
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers, redirect: "manual", cache: "no-store", signal: request.signal };
  if (request.method !== "GET" && request.method !== "HEAD" && request.body) {
    init.body = request.body;
    init.duplex = "half";
  }
  let upstream: Response;
  try {
    upstream = await fetch(target, init);
  } catch {
    return Response.json(
      { title: "Service Unavailable", status: 503, code: "unavailable", detail: "the API is unreachable" },
      { status: 503, headers: { "content-type": "application/problem+json" } },
    );
  }
  const out = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!skip.has(key) && key !== "set-cookie" && key !== "content-encoding") out.set(key, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) out.append("set-cookie", cookie);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE, forward as HEAD };
