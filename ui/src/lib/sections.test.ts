import { pathToStore, startPath } from "./sections";

describe("the remembered screen", () => {
  it("opens the stored path, or the overview", () => {
    expect(startPath(null)).toBe("/");
    expect(startPath("")).toBe("/");
    expect(startPath("/environments/env_1")).toBe("/environments/env_1");
  });

  it("reads section ids stored before screens had URLs", () => {
    expect(startPath("overview")).toBe("/");
    expect(startPath("environments")).toBe("/environments");
    expect(startPath("sandbox")).toBe("/sandbox");
    expect(startPath("something-old")).toBe("/");
  });

  it("stores paths within the 64 characters Rust keeps", () => {
    expect(pathToStore("/sandbox")).toBe("/sandbox");
    const long = `/environments/${"x".repeat(80)}`;
    expect(pathToStore(long)).toBe("/environments");
  });
});
