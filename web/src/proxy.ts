import { NextResponse, type NextRequest } from "next/server";

// Per-request nonce + security headers (security.md points 13-14).
// Next.js reads the nonce from the Content-Security-Policy *request* header
// and applies it to its own scripts; pages are dynamically rendered.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const isDev = process.env.NODE_ENV === "development";
  // With the S3 storage driver, browsers PUT and GET files directly on the
  // bucket's origin (e.g. https://<account>.r2.cloudflarestorage.com).
  const storage = storageOrigin();
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${storage}`,
    "font-src 'self'",
    `connect-src 'self'${storage}`,
    `frame-src 'self'${storage}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  response.headers.set("X-Frame-Options", "DENY");
  return response;
}

function storageOrigin(): string {
  const raw = process.env.PARVIS_STORAGE_ORIGIN;
  if (!raw) return "";
  try {
    return " " + new URL(raw).origin;
  } catch {
    return "";
  }
}

export const config = {
  matcher: [
    {
      // Everything but the API (the Go server sets its own headers) and static assets.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
