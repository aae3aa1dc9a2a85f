// The mechanism that turns the API's problem+json into sentences. The list of
// codes changes with the API, so these tests take codes from the dictionary
// itself rather than hard-coding them.
import type { ErrorCode } from "./types";
import { describe, expect, it } from "vitest";
import { fmt, type Dictionary } from "@/i18n";
import { getDictionary } from "@/i18n/dictionaries";
import { asProblem, fieldErrors, fieldMessage, problemMessage, retryAfterMinutes } from "./errors";

const fr = getDictionary("fr");
const en = getDictionary("en");
const res = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

/** A code the dictionary translates, other than the rate-limit one that has its own rule. */
const someCode = Object.keys(fr.errors).find((k) => !k.startsWith("too_many")) as keyof Dictionary["errors"];

describe("problemMessage", () => {
  it("translates a known code in the viewer's language", () => {
    expect(problemMessage(fr, { code: someCode, status: 409 }, res(409))).toBe(fr.errors[someCode]);
    expect(problemMessage(en, { code: someCode, status: 409 }, res(409))).toBe(en.errors[someCode]);
  });

  it("falls back on the HTTP status for an unknown code", () => {
    const unknown = { code: "a_code_nobody_translated" };
    expect(problemMessage(fr, unknown, res(403))).toBe(fr.errors.forbidden);
    expect(problemMessage(fr, unknown, res(404))).toBe(fr.errors.not_found);
    expect(problemMessage(fr, unknown, res(422))).toBe(fr.errors.validation);
    expect(problemMessage(fr, unknown, res(401))).toBe(fr.errors.unauthenticated);
    expect(problemMessage(fr, unknown, res(500))).toBe(fr.common.genericError);
  });

  it("reads the status from the problem when there is no response", () => {
    expect(problemMessage(fr, { status: 413 })).toBe(fr.errors.body_too_large);
  });

  it("says how long to wait when rate-limited", () => {
    expect(problemMessage(fr, {}, res(429, { "Retry-After": "600" }))).toBe(fmt(fr.errors.too_many_attempts, { n: 10 }));
    expect(problemMessage(fr, {}, res(429, { "Retry-After": "30" }))).toBe(fr.errors.too_many_attempts_one);
  });

  it("never throws on garbage", () => {
    expect(problemMessage(fr, "boom")).toBe(fr.common.genericError);
    expect(problemMessage(fr, null)).toBe(fr.common.genericError);
    expect(asProblem(42)).toEqual({});
  });
});

describe("retryAfterMinutes", () => {
  it("rounds up to whole minutes and defaults to 15", () => {
    expect(retryAfterMinutes(res(429, { "Retry-After": "61" }))).toBe(2);
    expect(retryAfterMinutes(res(429, { "Retry-After": "nonsense" }))).toBe(15);
    expect(retryAfterMinutes(undefined)).toBe(15);
  });
});

describe("field errors from huma's validation messages", () => {
  it("maps each message kind to a clear sentence", () => {
    expect(fieldMessage(fr, "expected required property name to be present")).toBe(fr.fields.required);
    expect(fieldMessage(fr, "expected length >= 8")).toBe(fmt(fr.fields.minLength, { n: 8 }));
    expect(fieldMessage(fr, "expected length >= 1")).toBe(fr.fields.required);
    expect(fieldMessage(fr, "expected length <= 80")).toBe(fmt(fr.fields.maxLength, { n: 80 }));
    expect(fieldMessage(fr, "expected string to be RFC 5322 email")).toBe(fr.fields.email);
    expect(fieldMessage(fr, "something new")).toBe(fr.fields.invalid);
  });

  it("puts each error under its field, the first one winning", () => {
    const problem = {
      status: 422,
      errors: [
        { location: "body.email", message: "expected string to be RFC 5322 email" },
        { location: "body.email", message: "expected length <= 254" },
        { location: "body", message: "expected required property password to be present" },
        { location: "body.phases[0].name", message: "expected length >= 1" },
      ],
    };
    expect(fieldErrors(fr, problem)).toEqual({ email: fr.fields.email, password: fr.fields.required, "phases[0]": fr.fields.required });
  });

  it("attaches a coded error to the field the caller names", () => {
    expect(fieldErrors(fr, { code: someCode }, { [someCode]: "title" })).toEqual({ title: fr.errors[someCode] });
    // A code the API may add before the web knows it: the field still gets a message.
    const unknownFields = { not_in_the_dictionary: "title" } as Partial<Record<ErrorCode, string>>;
    expect(fieldErrors(fr, { code: "not_in_the_dictionary" }, unknownFields)).toEqual({ title: fr.fields.invalid });
  });
});
