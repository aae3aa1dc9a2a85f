// Turns RFC 9457 problem details from the Go API into French/English text:
// a form-level message from the stable `code`, and per-field messages from
// huma's validation errors (`errors[].location` like "body.email").
import { fmt, type Dictionary } from "@/i18n";
import type { ErrorCode, Problem } from "./types";

export function asProblem(error: unknown): Problem {
  if (error && typeof error === "object") return error as Problem;
  return {};
}

/** Form-level message for a failed call. */
export function problemMessage(t: Dictionary, error: unknown, response?: Response): string {
  const p = asProblem(error);
  const code = p.code ?? "";
  if (code === "too_many_attempts" || response?.status === 429) {
    const minutes = retryAfterMinutes(response);
    return minutes <= 1 ? t.errors.too_many_attempts_one : fmt(t.errors.too_many_attempts, { n: minutes });
  }
  if (isErrorCode(t, code)) return t.errors[code];
  switch (response?.status ?? p.status) {
    case 401:
      return t.errors.unauthenticated;
    case 403:
      return t.errors.forbidden;
    case 404:
      return t.errors.not_found;
    case 413:
      return t.errors.body_too_large;
    case 415:
      return t.errors.unsupported_media_type;
    case 422:
      return t.errors.validation;
    default:
      return t.common.genericError;
  }
}

/** Whether the dictionary has a message for this code (every API code has one: tsc checks it). */
export function isErrorCode(t: Dictionary, code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(t.errors, code) && code !== "too_many_attempts_one" && code !== "validation";
}

export function retryAfterMinutes(response?: Response): number {
  const raw = response?.headers.get("Retry-After");
  const seconds = raw ? Number(raw) : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) return 15;
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Maps one huma validation message to a clear message. */
export function fieldMessage(t: Dictionary, message: string | undefined): string {
  const m = message ?? "";
  let r: RegExpMatchArray | null;
  if (/required property/.test(m)) return t.fields.required;
  if ((r = m.match(/expected (?:length|number of items) >= (\d+)/))) {
    return Number(r[1]) <= 1 ? t.fields.required : fmt(t.fields.minLength, { n: r[1] ?? "" });
  }
  if ((r = m.match(/expected (?:length|number of items) <= (\d+)/))) return fmt(t.fields.maxLength, { n: r[1] ?? "" });
  if (/email/i.test(m)) return t.fields.email;
  if (/pattern/.test(m)) return t.fields.pattern;
  if (/too common/i.test(m)) return t.fields.passwordTooCommon;
  return t.fields.invalid;
}

/**
 * Per-field messages keyed by property name ("email", "password", …).
 * When the API names a field with a specific code (wrong_password on
 * body.currentPassword, email_taken…), the field shows that code's message;
 * generic validation (invalid_input) gets a message per huma rule. A code
 * that comes without a location is attached to the field given in
 * `codeFields`.
 */
export function fieldErrors(
  t: Dictionary,
  error: unknown,
  codeFields: Partial<Record<ErrorCode, string>> = {},
): Record<string, string> {
  const p = asProblem(error);
  const specific = p.code !== "invalid_input" && isErrorCode(t, p.code) ? t.errors[p.code] : undefined;
  const out: Record<string, string> = {};
  for (const e of p.errors ?? []) {
    const loc = e.location ?? "";
    let field = loc.replace(/^body\.?/, "").split(".")[0] ?? "";
    const req = (e.message ?? "").match(/required property (\w+)/);
    if (req?.[1]) field = req[1];
    if (!field) continue;
    out[field] ??= specific ?? fieldMessage(t, e.message);
  }
  const f = p.code ? codeFields[p.code] : undefined;
  if (f) out[f] = specific ?? t.fields.invalid;
  return out;
}
