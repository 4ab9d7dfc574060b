import { relativeTime, statusName, statusTone } from "./status";

describe("status helpers", () => {
  it("names and colors statuses", () => {
    expect(statusName("PENDING_AUTH")).toBe("Pending auth");
    expect(statusName("SUSPENDED_BY_ADMIN")).toBe("Suspended by admin");
    expect(statusTone("ACTIVE")).toBe("ok");
    expect(statusTone("PENDING_VERIFICATION")).toBe("warn");
    expect(statusTone("EXPIRED")).toBe("bad");
    expect(statusTone("WHATEVER")).toBe("muted");
  });

  it("formats relative times", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    expect(relativeTime(null, now)).toBe("Never");
    expect(relativeTime("2025-06-01T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2025-06-01T11:30:00Z", now)).toBe("30 min ago");
    expect(relativeTime("2025-06-01T07:00:00Z", now)).toBe("5 h ago");
    expect(relativeTime("2025-05-29T12:00:00Z", now)).toBe("3 d ago");
  });
});
