import { describe, expect, it } from "vitest";
import { euros, parseEuros } from "./payments";

describe("amounts", () => {
  it("reads what people type, in cents", () => {
    expect(parseEuros("1200")).toBe(120000);
    expect(parseEuros("1 200,5")).toBe(120050);
    expect(parseEuros("0,50 €")).toBe(50);
    expect(parseEuros("12.345")).toBeNull();
    expect(parseEuros("-3")).toBeNull();
    expect(parseEuros("")).toBeNull();
  });
  it("writes money the viewer's way", () => {
    expect(euros("fr", 120000)).toBe("1\u202f200,00\u00a0€");
    expect(euros("en", 120000)).toBe("€1,200.00");
  });
});
