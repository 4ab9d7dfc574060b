import { checkEnvUrl, checkInput } from "./validate";

describe("checkEnvUrl", () => {
  it("accepts https and loopback http", () => {
    expect(checkEnvUrl("https://acme.scalekit.com")).toBeUndefined();
    expect(checkEnvUrl("http://127.0.0.1:4000/")).toBeUndefined();
    expect(checkEnvUrl("http://localhost:1")).toBeUndefined();
    expect(checkEnvUrl("http://[::1]:9")).toBeUndefined();
  });

  it("explains what is wrong", () => {
    expect(checkEnvUrl("")).toMatch(/Enter the environment URL/);
    expect(checkEnvUrl("acme.scalekit.com")).toMatch(/not a URL/);
    expect(checkEnvUrl("http://acme.scalekit.com")).toMatch(/https:\/\//);
    expect(checkEnvUrl("https://acme.scalekit.com/?x=1")).toMatch(/query/);
    expect(checkEnvUrl("ftp://acme.scalekit.com")).toMatch(/ftp:/);
  });
});

describe("checkInput", () => {
  const base = { name: "Prod", env_url: "https://a.scalekit.com", client_id: "skc_1", client_secret: "s", label: "production" as const };

  it("passes a complete form", () => {
    expect(checkInput(base, true)).toEqual({});
  });

  it("requires the secret only on create", () => {
    expect(checkInput({ ...base, client_secret: "" }, true)).toEqual({ client_secret: "Enter the client secret." });
    expect(checkInput({ ...base, client_secret: null }, false)).toEqual({});
  });

  it("names every bad field", () => {
    const errors = checkInput({ ...base, name: " ", client_id: "a b" }, false);
    expect(Object.keys(errors).sort()).toEqual(["client_id", "name"]);
  });
});
