import { describe, expect, it } from "vitest";
import { createFrameRows } from "./frame-rows.js";

describe("createFrameRows", () => {
  it("keeps every row written, in order, across growth", () => {
    const rows = createFrameRows(3, 2);
    for (let t = 0; t < 100; t++) {
      const offset = rows.row(t);
      rows.data[offset] = t;
      rows.data[offset + 1] = -t;
      rows.data[offset + 2] = t * 0.5;
    }
    const data = rows.finish();
    expect(data.length).toBe(300);
    for (let t = 0; t < 100; t++) expect([data[3 * t], data[3 * t + 1], data[3 * t + 2]]).toEqual([t, -t, t * 0.5]);
  });

  it("trims a generous first allocation to the rows used", () => {
    const rows = createFrameRows(4, 1000);
    rows.row(0);
    expect(rows.finish().length).toBe(4);
  });

  it("returns an empty array when no row was written", () => {
    expect(createFrameRows(2).finish().length).toBe(0);
  });

  it("refuses rows out of order and use after finish", () => {
    const rows = createFrameRows(1);
    expect(() => rows.row(1)).toThrow(/in order/);
    rows.row(0);
    rows.finish();
    expect(() => rows.row(1)).toThrow(/after finish/);
    expect(() => createFrameRows(0)).toThrow(RangeError);
  });
});
