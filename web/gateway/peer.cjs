// Loaded before Next.js (node --require ./peer.cjs server.js; NODE_OPTIONS
// for `next dev`): it rewrites the forwarding headers of every request
// before Next.js reads them, so that X-Forwarded-For names the real peer
// (security guide point 29). Next.js itself only *adds* X-Forwarded-For
// when the browser sent none, and a route handler never sees the socket:
// without this, a browser chooses the address the API's per-IP limits
// count it under.
//
// PARVIS_TRUSTED_EDGE (comma-separated IPs or CIDRs) names the reverse
// proxies in front of Next.js, if any. A request from one of them keeps
// the client its X-Forwarded-For reports (the rightmost hop that is not an
// edge) and its X-Forwarded-Proto and -Host; from anyone else, all
// forwarding headers are dropped and X-Forwarded-For is the socket's peer.
"use strict";

const http = require("node:http");
const https = require("node:https");
const net = require("node:net");

const MARK = Symbol.for("parvis.gateway.peer");

// Headers a client may use to claim an address or an origin.
const FORWARDING = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip",
  "x-client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip"];
// What an edge proxy may pass on besides the client's address.
const EDGE_KEEPS = new Set(["x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"]);

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything that is not an IP → "". */
function cleanIP(s) {
  let v = String(s ?? "").trim();
  if (v.startsWith("[") && v.endsWith("]")) v = v.slice(1, -1);
  if (v.toLowerCase().startsWith("::ffff:") && net.isIPv4(v.slice(7))) v = v.slice(7);
  return net.isIP(v) ? v : "";
}

/** Parses PARVIS_TRUSTED_EDGE into a net.BlockList (null when unset). */
function parseEdge(spec) {
  if (!spec || !spec.trim()) return null;
  const list = new net.BlockList();
  for (const raw of spec.split(",")) {
    const item = raw.trim();
    if (!item) continue;
    const [addr, bits] = item.split("/");
    const ip = cleanIP(addr);
    const type = net.isIPv6(ip) ? "ipv6" : "ipv4";
    if (!ip || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(`PARVIS_TRUSTED_EDGE: ${JSON.stringify(item)} is not an IP address or CIDR`);
    }
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list;
}

function isEdge(edge, ip) {
  return Boolean(edge && ip && edge.check(ip, net.isIPv6(ip) ? "ipv6" : "ipv4"));
}

/**
 * The client's address for a request from `peer` carrying `headers` (a
 * Node.js headers object): the peer itself, unless the peer is an edge
 * proxy, in which case the rightmost X-Forwarded-For hop that is not an edge.
 */
function clientAddress(peer, headers, edge) {
  let client = cleanIP(peer);
  if (!isEdge(edge, client)) return client;
  const raw = headers["x-forwarded-for"];
  const hops = (Array.isArray(raw) ? raw.join(",") : String(raw ?? "")).split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = cleanIP(hops[i]);
    if (!hop) break; // garbage: stop at the last address we can vouch for
    client = hop;
    if (!isEdge(edge, hop)) break;
  }
  return client;
}

/**
 * Rewrites req's headers in place: drops every forwarding header the
 * client sent (an edge keeps its -Proto, -Host and -Port) and sets
 * X-Forwarded-For to the client's address.
 */
function normalise(req, edge) {
  const peer = req.socket ? req.socket.remoteAddress : "";
  const fromEdge = isEdge(edge, cleanIP(peer));
  const client = clientAddress(peer, req.headers, edge);
  const drop = (name) => FORWARDING.includes(name) && !(fromEdge && EDGE_KEEPS.has(name));
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) if (!drop(k)) headers[k] = v;
  const raw = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (!drop(req.rawHeaders[i].toLowerCase())) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  if (client) {
    headers["x-forwarded-for"] = client;
    raw.push("X-Forwarded-For", client);
  }
  req.headers = headers;
  req.rawHeaders = raw;
}

function wrap(listener, edge) {
  if (typeof listener !== "function") return listener;
  return function parvisPeer(req, res) {
    normalise(req, edge);
    return listener.call(this, req, res);
  };
}

/** Installs the rewrite on every HTTP(S) server created from now on. */
function install(env = process.env) {
  if (globalThis[MARK]) return;
  const edge = parseEdge(env.PARVIS_TRUSTED_EDGE);
  for (const mod of [http, https]) {
    const create = mod.createServer;
    mod.createServer = function createServer(...args) {
      const i = args.findIndex((a) => typeof a === "function");
      if (i >= 0) args[i] = wrap(args[i], edge);
      const server = create.apply(this, args);
      // Listeners added later with .on("request") are wrapped as well.
      const on = server.on;
      server.on = server.addListener = function addListener(event, fn) {
        return on.call(this, event, event === "request" ? wrap(fn, edge) : fn);
      };
      return server;
    };
  }
  globalThis[MARK] = true;
}

module.exports = { cleanIP, parseEdge, clientAddress, normalise, install, MARK };

install();
