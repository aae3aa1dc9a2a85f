import http from "node:http";
import { expect, test } from "@playwright/test";
import { randomSuffix } from "./helpers";

// Issue 8, point 4 (security guide point 29): the gateway sets
// X-Forwarded-For from the real peer; what the browser sent is dropped.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const peer = require("../gateway/peer.cjs") as {
  clientAddress(peer: string, headers: Record<string, string>, edge: unknown): string;
  parseEdge(spec: string): unknown;
};

// Per-IP budget of failed logins (internal/auth/throttle.go: MaxIPFailures).
const MAX_IP_FAILURES = 50;

/** POST /api/v1/auth/login through the gateway, from a chosen loopback address. */
function login(localAddress: string, forwardedFor: string): Promise<number> {
  const base = new URL(process.env.E2E_BASE_URL ?? "http://localhost:13000");
  const body = JSON.stringify({ email: `spoof-${randomSuffix()}@parvis.test`, password: "not-the-password" });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1", // a fixed family, so that localAddress fits
        port: base.port,
        path: "/api/v1/auth/login",
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("a spoofed X-Forwarded-For does not escape the per-IP login throttle", async () => {
  test.setTimeout(120_000);
  // A loopback address of its own (all of 127/8 is this machine), so this
  // test spends its own per-IP budget and not the other tests'.
  const me = `127.0.${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 200) + 20}`;
  for (let i = 0; i < MAX_IP_FAILURES; i++) {
    // Every attempt claims another address, and another account.
    expect(await login(me, `198.51.100.${i + 1}`)).toBe(401);
  }
  expect(await login(me, "203.0.113.250")).toBe(429);
});

test("the peer module trusts an edge proxy only when configured", () => {
  const none = peer.parseEdge("");
  expect(peer.clientAddress("::ffff:192.0.2.10", { "x-forwarded-for": "127.0.0.1" }, none)).toBe("192.0.2.10");

  const edge = peer.parseEdge("10.0.0.0/8, 192.0.2.1");
  // From the edge: the rightmost hop that is not an edge, whatever the client prepended.
  expect(peer.clientAddress("10.1.2.3", { "x-forwarded-for": "127.0.0.1, 198.51.100.7, 10.9.9.9" }, edge)).toBe("198.51.100.7");
  expect(peer.clientAddress("192.0.2.1", { "x-forwarded-for": "198.51.100.8" }, edge)).toBe("198.51.100.8");
  // From anyone else: the peer, the header ignored.
  expect(peer.clientAddress("198.51.100.9", { "x-forwarded-for": "10.1.2.3" }, edge)).toBe("198.51.100.9");
  // An edge that forwarded garbage: the edge's own address, never the garbage.
  expect(peer.clientAddress("10.1.2.3", { "x-forwarded-for": "not-an-ip" }, edge)).toBe("10.1.2.3");
  expect(() => peer.parseEdge("10.0.0.0/abc")).toThrow(/PARVIS_TRUSTED_EDGE/);
});
