import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "./base64url.js";

const bytes = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe("encodeBase64Url", () => {
  it("encodes the RFC 4648 §10 test vectors without padding", () => {
    // source: RFC 4648 §10 (BASE64("foobar") = "Zm9vYmFy", …), padding '=' removed.
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "Zg"],
      ["fo", "Zm8"],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg"],
      ["fooba", "Zm9vYmE"],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [plain, encoded] of vectors) expect(encodeBase64Url(bytes(plain))).toBe(encoded);
  });

  it("uses '-' and '_' for the values 62 and 63", () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
  });
});

describe("decodeBase64Url", () => {
  it("inverts the encoder for every length 0…40 of seeded bytes", () => {
    for (let length = 0; length <= 40; length++) {
      const data = new Uint8Array(length).map((_, i) => (i * 97 + length * 31) & 0xff);
      expect(decodeBase64Url(encodeBase64Url(data))).toEqual(data);
    }
  });

  it("accepts the standard alphabet and trailing padding", () => {
    expect(decodeBase64Url("+/+/")).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
    expect(decodeBase64Url("Zm8=")).toEqual(bytes("fo"));
  });

  it("rejects characters outside both alphabets and impossible lengths", () => {
    expect(() => decodeBase64Url("Zm9v!")).toThrow(RangeError);
    expect(() => decodeBase64Url("Zm9vé")).toThrow(RangeError);
    expect(() => decodeBase64Url("Zm9vY")).toThrow(/cannot be base64/);
  });
});
