import { NextResponse, type NextRequest } from "next/server";
import { LAST_WORKSPACE_COOKIE } from "@/lib/last-workspace";

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

  // A workspace's own login (/<espace>/connexion) is the login page wearing
  // that workspace's identity. It is rewritten rather than nested under
  // [workspace], whose layout requires a session.
  const login = workspaceLogin(request);
  const response = login
    ? NextResponse.rewrite(login, { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  response.headers.set("X-Frame-Options", "DENY");
  rememberWorkspace(request, response);
  return response;
}

const slugRe = /^[a-z0-9][a-z0-9-]{0,47}$/;

/** /<espace>/connexion?next=… → /connexion?espace=<espace>&next=…, or null. */
function workspaceLogin(request: NextRequest): URL | null {
  const parts = request.nextUrl.pathname.split("/");
  if (parts.length !== 3 || parts[2] !== "connexion") return null;
  const slug = parts[1] ?? "";
  if (!slugRe.test(slug) || notWorkspaces.has(slug)) return null;
  const url = request.nextUrl.clone();
  url.pathname = "/connexion";
  url.searchParams.set("espace", slug);
  return url;
}

// First path segments that are pages of their own, not a workspace's slug.
const notWorkspaces = new Set(["connexion", "compte", "espaces", "invitation", "mot-de-passe-oublie", "reinitialiser", "dev", "api", "icon.svg"]);

/**
 * Remembers the workspace being visited, so that the pages outside any
 * workspace (account, workspace chooser) can wear its identity rather than
 * the product's. Only a hint: those pages check it against the caller's own
 * workspaces.
 */
function rememberWorkspace(request: NextRequest, response: NextResponse) {
  const slug = request.nextUrl.pathname.split("/")[1] ?? "";
  if (!slugRe.test(slug) || notWorkspaces.has(slug)) return;
  if (request.cookies.get(LAST_WORKSPACE_COOKIE)?.value === slug) return;
  response.cookies.set(LAST_WORKSPACE_COOKIE, slug, { path: "/", httpOnly: true, sameSite: "lax", secure: true, maxAge: 60 * 60 * 24 * 365 });
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
